package io.netshadow.controlplane.fidelity;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a campus shaped like the example profile, grown to any size: two high-criticality cores joined by a
 * 10G link, an internet firewall (high criticality) and a data-centre firewall each dual-homed to the cores, and
 * pairs of distribution switches, each switch with an uplink to each core, serving access switches dual-homed to
 * the pair. Each access switch owns one /24 of 10.0.0.0/8. Uplinks to core1 and to the first switch of each pair
 * have the lower latency, so every shortest path is unique. Traffic weights of access switches are drawn from 1 to
 * 6; the internet firewall carries a sixth of the access weight and the data-centre firewall a tenth.
 */
public final class CampusProfileGenerator implements ProfileGenerator
{
    /** The smallest campus: two cores, two firewalls, one distribution pair and two access switches. */
    public static final int MIN_DEVICES = 8;

    private static final int FIXED_DEVICES = 4;
    private static final int ACCESS_PER_PAIR = 12;

    @Override
    public String generateYaml(final int devices, final long seed)
    {
        if (devices < MIN_DEVICES)
        {
            throw new IllegalArgumentException("a generated campus needs at least " + MIN_DEVICES + " devices, got " +
                devices);
        }
        final int rest = devices - FIXED_DEVICES;
        final int pairs = Math.max(1, (int)Math.round((double)rest / (2 + ACCESS_PER_PAIR)));
        final int accessCount = rest - 2 * pairs;
        final SplittableRandom random = new SplittableRandom(seed);
        final double[] accessWeights = new double[accessCount];
        double accessWeight = 0;
        for (int i = 0; i < accessCount; i++)
        {
            accessWeights[i] = 1 + random.nextInt(6);
            accessWeight += accessWeights[i];
        }

        final StringBuilder yaml = new StringBuilder(64 * 1024);
        yaml.append(String.format(Locale.ROOT, "# Generated campus: %d devices, %d distribution pairs, %d access " +
            "switches, seed %d.%ndevices:%n", devices, pairs, accessCount, seed));
        device(yaml, "core1", "core", 10, "high", null);
        device(yaml, "core2", "core", 10, "high", null);
        device(yaml, "fw-inet", "firewall", Math.max(1, Math.round(accessWeight / 6)), "high", "198.51.100.0/24");
        device(yaml, "fw-dc", "firewall", Math.max(1, Math.round(accessWeight / 10)), "medium", "10.255.0.0/24");
        for (int d = 1; d <= 2 * pairs; d++)
        {
            device(yaml, "dist" + d, "distribution", 2 + random.nextInt(4), "medium", null);
        }
        for (int a = 1; a <= accessCount; a++)
        {
            device(yaml, "acc" + a, "access", accessWeights[a - 1], 0 == random.nextInt(8) ? "low" : "medium",
                String.format(Locale.ROOT, "10.%d.%d.0/24", a / 250, a % 250));
        }

        yaml.append("links:\n");
        final int[] nextPort = new int[3 + 2 * pairs + accessCount];
        link(yaml, "core1:eth" + nextPort[0]++, "core2:eth" + nextPort[1]++, "10G", 100);
        link(yaml, "fw-inet:eth0", "core1:eth" + nextPort[0]++, "1G", 150);
        link(yaml, "fw-inet:eth1", "core2:eth" + nextPort[1]++, "1G", 350);
        link(yaml, "fw-dc:eth0", "core1:eth" + nextPort[0]++, "1G", 120);
        link(yaml, "fw-dc:eth1", "core2:eth" + nextPort[1]++, "1G", 330);
        for (int d = 1; d <= 2 * pairs; d++)
        {
            final int extra = d % 7;
            link(yaml, "dist" + d + ":eth0", "core1:eth" + nextPort[0]++, "1G", 200 + 10 * extra);
            link(yaml, "dist" + d + ":eth1", "core2:eth" + nextPort[1]++, "1G", 400 + 10 * extra);
            nextPort[1 + d] = 2;
        }
        for (int a = 1; a <= accessCount; a++)
        {
            final int pair = (a - 1) % pairs;
            final int primary = 2 * pair + 1;
            final int secondary = primary + 1;
            final int extra = random.nextInt(5);
            link(yaml, "acc" + a + ":eth0", "dist" + primary + ":eth" + nextPort[1 + primary]++, "100M",
                50 + 10 * extra);
            link(yaml, "acc" + a + ":eth1", "dist" + secondary + ":eth" + nextPort[1 + secondary]++, "100M",
                150 + 10 * extra);
        }
        yaml.append("mirror-sessions: []\n");
        return yaml.toString();
    }

    private static void device(
        final StringBuilder yaml,
        final String name,
        final String role,
        final double weight,
        final String criticality,
        final String subnet)
    {
        yaml.append(String.format(Locale.ROOT, "  - { name: %s, role: %s, management: %s, traffic-weight: %s, " +
            "criticality: %s%s }%n", name, role, name + ".mgmt", weight, criticality,
            null == subnet ? "" : ", host-subnets: [" + subnet + "]"));
    }

    private static void link(
        final StringBuilder yaml, final String a, final String b, final String capacity, final int latencyUs)
    {
        yaml.append(String.format(Locale.ROOT, "  - { a: %s, b: %s, capacity: %s, latency: %dus }%n",
            a, b, capacity, latencyUs));
    }
}
