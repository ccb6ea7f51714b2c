package io.netshadow.controlplane.profile;

import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generates a campus profile of any size for tests, the planner and the fidelity benchmark, the same for the same
 * size and seed, shaped like the example profile: two high-criticality cores joined by a 10G link, an internet
 * firewall and a data-centre firewall each with a 1G link to both cores, distribution pairs (a pair for about twenty
 * access switches) with a 1G uplink from every distribution switch to each core, and access switches each with a
 * 100M link to both switches of one pair and a /24 of hosts behind it.
 * <ul>
 * <li>Access traffic weights are log-normal (median 2); a distribution switch weighs half its access switches, a
 * core half of all access, the internet firewall a fifth and the data-centre firewall a tenth of all access.</li>
 * <li>Links to core1 and to the first switch of a pair are faster (lower latency) than those to core2 and the
 * second switch, and latencies differ by port, so every shortest path is unique: core2 and the second switches
 * are standbys, as in the example profile.</li>
 * <li>Both cores and the internet firewall are of high criticality, so every shadow holds them; one access switch
 * in ten (drawn) is of low criticality.</li>
 * <li>Every host port is mirrored in both directions over VXLAN: VNI {@code 2k + 1} ingress and {@code 2k + 2}
 * egress for the k-th device with hosts.</li>
 * </ul>
 * The profile comes as a {@link NetworkProfile} ({@link #generate}) or as profile YAML ({@link #generateYaml}) that
 * {@link ProfileLoader} checks and loads into the same profile.
 */
public final class ProfileGenerator
{
    /** The fewest devices a generated profile has: two cores, two firewalls, a distribution pair, two access. */
    public static final int MIN_DEVICES = 8;
    /** The most devices a generated profile has: access subnets run from 10.1.0.0/24 to 10.99.255.0/24. */
    public static final int MAX_DEVICES = 25_000;

    private static final int ACCESS_PER_PAIR = 20;
    private static final long ACCESS_CAPACITY_BPS = 100_000_000L;
    private static final long UPLINK_CAPACITY_BPS = 1_000_000_000L;
    private static final long CORE_CAPACITY_BPS = 10_000_000_000L;

    private final SplittableRandom random;
    private final List<NetworkProfile.Device> devices = new ArrayList<>();
    private final List<NetworkProfile.Link> links = new ArrayList<>();
    private final List<MirrorSession> sessions = new ArrayList<>();
    private final int[] nextPort;

    private ProfileGenerator(final int deviceCount, final long seed)
    {
        this.random = new SplittableRandom(seed);
        this.nextPort = new int[deviceCount];
    }

    /**
     * Generates a profile.
     *
     * @param deviceCount how many devices, {@link #MIN_DEVICES} to {@link #MAX_DEVICES}.
     * @param seed        seed of the drawn weights and criticalities.
     * @return the profile, connected, with unique names, ports, subnets and VNIs.
     * @throws IllegalArgumentException when the device count is out of range.
     */
    public static NetworkProfile generate(final int deviceCount, final long seed)
    {
        if (deviceCount < MIN_DEVICES || deviceCount > MAX_DEVICES)
        {
            throw new IllegalArgumentException("a generated profile has " + MIN_DEVICES + " to " + MAX_DEVICES +
                " devices, got " + deviceCount);
        }
        return new ProfileGenerator(deviceCount, seed).build(deviceCount);
    }

    /**
     * Generates a profile as profile YAML, which {@link ProfileLoader} loads into the profile {@link #generate}
     * gives for the same size and seed.
     *
     * @param deviceCount how many devices, {@link #MIN_DEVICES} to {@link #MAX_DEVICES}.
     * @param seed        seed of the drawn weights and criticalities.
     * @return the profile text.
     * @throws IllegalArgumentException when the device count is out of range.
     */
    public static String generateYaml(final int deviceCount, final long seed)
    {
        return ProfileYaml.write(generate(deviceCount, seed), String.format(Locale.ROOT,
            "Generated campus: %d devices, seed %d (netshadow shadow plan --generate %d --generate-seed %d, " +
            "netshadow fidelity --generate %d --seed %d).", deviceCount, seed, deviceCount, seed, deviceCount, seed));
    }

    private NetworkProfile build(final int deviceCount)
    {
        final int rest = deviceCount - 4;
        final int pairs = Math.max(1, (int)Math.round(rest / (2.0 + ACCESS_PER_PAIR)));
        final int accessCount = rest - 2 * pairs;
        final double[] accessWeights = new double[accessCount];
        double accessTotal = 0;
        for (int i = 0; i < accessCount; i++)
        {
            accessWeights[i] = Math.max(0.1, Math.round(20 * Math.exp(0.75 * gaussian())) / 10.0);
            accessTotal += accessWeights[i];
        }

        device("core1", DeviceRole.CORE, round(accessTotal / 2), Criticality.HIGH, List.of());
        device("core2", DeviceRole.CORE, round(accessTotal / 2), Criticality.HIGH, List.of());
        link(0, 1, CORE_CAPACITY_BPS, 100_000L);
        device("fw-inet", DeviceRole.FIREWALL, round(accessTotal / 5), Criticality.HIGH, List.of("198.51.100.0/24"));
        device("fw-dc", DeviceRole.FIREWALL, round(accessTotal / 10), Criticality.MEDIUM, List.of("172.16.0.0/24"));
        for (int firewall = 2; firewall <= 3; firewall++)
        {
            link(firewall, 0, UPLINK_CAPACITY_BPS, 100_000L + 10_000L * firewall);
            link(firewall, 1, UPLINK_CAPACITY_BPS, 300_000L + 10_000L * firewall);
        }

        final int firstDistribution = devices.size();
        final double[] pairWeights = new double[pairs];
        for (int i = 0; i < accessCount; i++)
        {
            pairWeights[i % pairs] += accessWeights[i];
        }
        for (int d = 0; d < 2 * pairs; d++)
        {
            device("dist" + (d + 1), DeviceRole.DISTRIBUTION, round(pairWeights[d / 2] / 2), Criticality.MEDIUM,
                List.of());
            link(firstDistribution + d, 0, UPLINK_CAPACITY_BPS, 200_000L + 1_000L * d);
            link(firstDistribution + d, 1, UPLINK_CAPACITY_BPS, 400_000L + 1_000L * d);
        }
        for (int i = 0; i < accessCount; i++)
        {
            final Criticality criticality = random.nextInt(10) == 0 ? Criticality.LOW : Criticality.MEDIUM;
            final String subnet = String.format(Locale.ROOT, "10.%d.%d.0/24", 1 + i / 256, i % 256);
            device("acc" + (i + 1), DeviceRole.ACCESS, accessWeights[i], criticality, List.of(subnet));
            final int pair = i % pairs;
            link(devices.size() - 1, firstDistribution + 2 * pair, ACCESS_CAPACITY_BPS, 50_000L + 100L * (i / pairs));
            link(devices.size() - 1, firstDistribution + 2 * pair + 1, ACCESS_CAPACITY_BPS,
                150_000L + 100L * (i / pairs));
        }
        return new NetworkProfile(devices, links, sessions);
    }

    private void device(
        final String name,
        final DeviceRole role,
        final double trafficWeight,
        final Criticality criticality,
        final List<String> hostSubnets)
    {
        final int index = devices.size();
        final ManagementAddress management = new ManagementAddress(
            String.format(Locale.ROOT, "10.255.%d.%d", index / 250, 1 + index % 250), ManagementAddress.NETCONF_PORT);
        devices.add(new NetworkProfile.Device(name, role, management, Math.max(0.1, trafficWeight), criticality,
            hostSubnets));
        if (!hostSubnets.isEmpty())
        {
            final int vni = sessions.size() + 1;
            sessions.add(new MirrorSession(vni, name, "hosts", Direction.INGRESS, SourceKind.VXLAN));
            sessions.add(new MirrorSession(vni + 1, name, "hosts", Direction.EGRESS, SourceKind.VXLAN));
        }
    }

    private void link(final int a, final int b, final long capacityBps, final long latencyNs)
    {
        links.add(new NetworkProfile.Link(
            new NetworkProfile.Endpoint(devices.get(a).name(), "eth" + nextPort[a]++),
            new NetworkProfile.Endpoint(devices.get(b).name(), "eth" + nextPort[b]++),
            capacityBps, latencyNs, NetworkProfile.defaultQueueBytes(capacityBps)));
    }

    private double gaussian()
    {
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double round(final double weight)
    {
        return Math.round(weight * 10) / 10.0;
    }
}
