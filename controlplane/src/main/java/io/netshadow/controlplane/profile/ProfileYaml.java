package io.netshadow.controlplane.profile;

import io.netshadow.dataplane.ingest.MirrorSession;

import java.util.Locale;

/**
 * Writes a profile as profile YAML that {@link ProfileLoader} loads back into an equal profile: every quantity
 * exact (capacities in whole G or M when they are, else bits per second; latencies in whole us when they are, else
 * ns), a queue written only when it is not the default for its link's capacity.
 */
final class ProfileYaml
{
    private static final long GIGA = 1_000_000_000L;
    private static final long MEGA = 1_000_000L;
    private static final long MICRO_NS = 1_000L;

    private ProfileYaml()
    {
    }

    /**
     * Writes a profile.
     *
     * @param profile the profile.
     * @param comment one line said at the top of the file, after {@code #}.
     * @return the YAML text.
     */
    static String write(final NetworkProfile profile, final String comment)
    {
        final StringBuilder yaml = new StringBuilder(256 * (profile.devices().size() + profile.links().size()));
        yaml.append("# ").append(comment).append('\n');
        yaml.append("devices:\n");
        for (final NetworkProfile.Device device : profile.devices())
        {
            yaml.append(String.format(Locale.ROOT,
                "  - { name: %s, role: %s, management: \"%s\", traffic-weight: %s, criticality: %s",
                device.name(), lower(device.role()), device.management(), device.trafficWeight(),
                lower(device.criticality())));
            if (!device.hostSubnets().isEmpty())
            {
                yaml.append(", host-subnets: [").append(String.join(", ", device.hostSubnets())).append(']');
            }
            yaml.append(" }\n");
        }
        yaml.append("links:\n");
        for (final NetworkProfile.Link link : profile.links())
        {
            yaml.append(String.format(Locale.ROOT, "  - { a: %s, b: %s, capacity: %s, latency: %s", link.a(),
                link.b(), capacity(link.capacityBps()), latency(link.latencyNs())));
            if (link.queueBytes() != NetworkProfile.defaultQueueBytes(link.capacityBps()))
            {
                yaml.append(", queue: ").append(link.queueBytes());
            }
            yaml.append(" }\n");
        }
        if (profile.mirrorSessions().isEmpty())
        {
            yaml.append("mirror-sessions: []\n");
            return yaml.toString();
        }
        yaml.append("mirror-sessions:\n");
        for (final MirrorSession session : profile.mirrorSessions())
        {
            yaml.append(String.format(Locale.ROOT,
                "  - { vni: %d, device: %s, port: %s, direction: %s, kind: %s }\n", session.vni(), session.device(),
                session.port(), lower(session.direction()), lower(session.kind())));
        }
        return yaml.toString();
    }

    private static String capacity(final long bps)
    {
        if (0 == bps % GIGA)
        {
            return bps / GIGA + "G";
        }
        return 0 == bps % MEGA ? bps / MEGA + "M" : Long.toString(bps);
    }

    private static String latency(final long latencyNs)
    {
        return 0 == latencyNs % MICRO_NS ? latencyNs / MICRO_NS + "us" : latencyNs + "ns";
    }

    private static String lower(final Enum<?> value)
    {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
