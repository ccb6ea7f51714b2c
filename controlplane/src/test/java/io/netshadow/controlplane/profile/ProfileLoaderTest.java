package io.netshadow.controlplane.profile;

import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProfileLoaderTest
{
    static final Path EXAMPLE = Path.of("src/dist/etc/profile.yaml");

    private static final Path FILE = Path.of("profile.yaml");

    private static final String DEVICES = """
        devices:
          - name: core1
            role: core
            management: 10.0.0.1
          - name: acc1
            role: access
            management: 10.0.0.2:8830
            host-subnets: [10.1.1.0/24]
        """;

    private static final String LINK = """
        links:
          - a: core1:eth1
            b: acc1:eth0
            capacity: 1G
            latency: 100us
        """;

    @Test
    void loadsTheExampleProfile() throws ProfileException
    {
        final NetworkProfile profile = ProfileLoader.load(EXAMPLE);

        assertThat(profile.devices()).hasSize(28);
        assertThat(profile.devices()).filteredOn(device -> DeviceRole.ACCESS == device.role()).hasSize(18)
            .allSatisfy(device -> assertThat(device.hostSubnets()).singleElement().asString().endsWith("/24"));
        assertThat(profile.device("fw-inet")).get()
            .satisfies(device -> assertThat(device.hostSubnets()).containsExactly("198.51.100.0/24"))
            .satisfies(device -> assertThat(device.criticality()).isEqualTo(Criticality.HIGH));
        assertThat(profile.mirrorSessions()).hasSize(40)
            .contains(new MirrorSession(1011, "acc1", "hosts", Direction.INGRESS),
                new MirrorSession(2002, "fw-inet", "hosts", Direction.EGRESS));
        assertThat(profile.devices()).filteredOn(device -> !device.hostSubnets().isEmpty())
            .allSatisfy(device -> assertThat(profile.mirrorSessions())
                .filteredOn(session -> session.device().equals(device.name()) && "hosts".equals(session.port()))
                .extracting(MirrorSession::direction)
                .as("the live meter needs both directions of every edge mirrored: %s", device.name())
                .containsExactlyInAnyOrder(Direction.INGRESS, Direction.EGRESS));
        assertThat(profile.links()).allSatisfy(link ->
            assertThat(link.latencyNs()).isBetween(50_000L, 500_000L));
    }

    @Test
    void buildsTheWholeNetworkAsAFabricTopology() throws ProfileException
    {
        final NetworkProfile profile = ProfileLoader.load(EXAMPLE);

        final FabricTopology topology = profile.topology();

        assertThat(topology.devices()).hasSize(profile.devices().size());
        assertThat(topology.links()).hasSize(profile.links().size());
        final int core1 = topology.deviceIndex("core1");
        assertThat(topology.portIndex(core1, "eth2")).isPositive();
        final FabricTopology.Link first = topology.links().getFirst();
        assertThat(first.capacityBps()).isEqualTo(10_000_000_000L);
        assertThat(first.latencyNs()).isEqualTo(100_000L);
    }

    @Test
    void fillsDefaultsForOptionalFields() throws ProfileException
    {
        final NetworkProfile profile = ProfileLoader.parse(FILE, DEVICES + LINK);

        final NetworkProfile.Device core = profile.device("core1").orElseThrow();
        assertThat(core.criticality()).isEqualTo(Criticality.MEDIUM);
        assertThat(core.trafficWeight()).isEqualTo(1.0);
        assertThat(core.management()).isEqualTo(new ManagementAddress("10.0.0.1", 830));
        assertThat(profile.device("acc1").orElseThrow().management().port()).isEqualTo(8830);
        assertThat(profile.links().getFirst().queueBytes()).isEqualTo(625_000L);
    }

    @Test
    void namesAnUnknownDeviceInALinkWithItsLineAndField()
    {
        assertThat(errorsOf(DEVICES + """
            links:
              - a: core1:eth1
                b: acc1:eth0
                capacity: 1G
                latency: 100us
              - a: core1:eth2
                b: dist9:eth0
                capacity: 1G
                latency: 100us
            """)).containsExactly("profile.yaml:15: links[1].b: unknown device 'dist9'");
    }

    @Test
    void namesAnUnknownDeviceOrPortInAMirrorSession()
    {
        assertThat(errorsOf(DEVICES + LINK + """
            mirror-sessions:
              - { vni: 1, device: acc9, port: hosts, direction: ingress }
              - { vni: 2, device: acc1, port: eth7, direction: egress }
            """)).containsExactly(
                "profile.yaml:15: mirror-sessions[0].device: unknown device 'acc9'",
                "profile.yaml:16: mirror-sessions[1].port: unknown port 'eth7' on acc1; expected one of hosts, eth0");
    }

    @Test
    void reportsDuplicateNamesVnisPortsAndTaps()
    {
        assertThat(errorsOf(DEVICES + """
              - name: acc1
                role: access
                management: 10.0.0.3
            links:
              - { a: core1:eth1, b: acc1:eth0, capacity: 1G, latency: 100us }
              - { a: core1:eth1, b: acc1:eth1, capacity: 1G, latency: 100us }
            mirror-sessions:
              - { vni: 7, device: acc1, port: hosts, direction: ingress }
              - { vni: 7, device: acc1, port: hosts, direction: egress }
              - { vni: 8, device: acc1, port: hosts, direction: ingress }
            """)).containsExactly(
                "profile.yaml:9: devices[2].name: duplicate device name 'acc1', first given at line 5",
                "profile.yaml:14: links[1].a: duplicate port core1:eth1, already used at line 13",
                "profile.yaml:17: mirror-sessions[1].vni: duplicate vni 7, first given at line 16",
                "profile.yaml:18: mirror-sessions[2]: acc1:hosts ingress is already mirrored at line 16");
    }

    @Test
    void readsTheKindOfEachMirrorSessionAndDefaultsToVxlan() throws ProfileException
    {
        final NetworkProfile profile = ProfileLoader.parse(FILE, DEVICES + LINK + """
            mirror-sessions:
              - { vni: 7, device: acc1, port: hosts, direction: ingress }
              - { vni: 7, device: acc1, port: hosts, direction: egress, kind: geneve }
              - { vni: 0, device: acc1, port: eth0, direction: ingress, kind: erspan }
              - { vni: 1023, device: acc1, port: eth0, direction: egress, kind: ERSPAN }
            """);

        assertThat(profile.mirrorSessions()).containsExactly(
            new MirrorSession(7, "acc1", "hosts", Direction.INGRESS, SourceKind.VXLAN),
            new MirrorSession(7, "acc1", "hosts", Direction.EGRESS, SourceKind.GENEVE),
            new MirrorSession(0, "acc1", "eth0", Direction.INGRESS, SourceKind.ERSPAN),
            new MirrorSession(1023, "acc1", "eth0", Direction.EGRESS, SourceKind.ERSPAN));
    }

    @Test
    void readsRedirectSessionsBesideTheMirrorSessionsOfAPort() throws ProfileException
    {
        final NetworkProfile profile = ProfileLoader.parse(FILE, DEVICES + LINK + """
            mirror-sessions:
              - { vni: 7, device: acc1, port: hosts, direction: ingress }
              - { vni: 9, device: acc1, port: hosts, direction: redirect }
            """);

        assertThat(profile.mirrorSessions()).containsExactly(
            new MirrorSession(7, "acc1", "hosts", Direction.INGRESS, SourceKind.VXLAN),
            new MirrorSession(9, "acc1", "hosts", Direction.REDIRECT, SourceKind.VXLAN));
    }

    @Test
    void reportsABadKindAndKeysOutsideTheirKindsRangeAtTheirLines()
    {
        assertThat(errorsOf(DEVICES + LINK + """
            mirror-sessions:
              - { vni: 1, device: acc1, port: hosts, direction: ingress, kind: netflow }
              - { vni: 1024, device: acc1, port: hosts, direction: egress, kind: erspan }
              - { vni: 16777216, device: acc1, port: eth0, direction: ingress, kind: geneve }
              - { vni: 0, device: acc1, port: eth0, direction: egress }
            """)).containsExactly(
                "profile.yaml:15: mirror-sessions[0].kind: expected one of vxlan, geneve, erspan, got 'netflow'",
                "profile.yaml:16: mirror-sessions[1].vni: must be between 0 and 1023 for an erspan session id, " +
                    "got 1024",
                "profile.yaml:17: mirror-sessions[2].vni: must be between 1 and 16777215, got 16777216",
                "profile.yaml:18: mirror-sessions[3].vni: must be between 1 and 16777215, got 0");
    }

    @Test
    void reportsDuplicateKeysWithinAKindOnly()
    {
        assertThat(errorsOf(DEVICES + LINK + """
            mirror-sessions:
              - { vni: 5, device: acc1, port: hosts, direction: ingress, kind: geneve }
              - { vni: 5, device: acc1, port: hosts, direction: egress, kind: erspan }
              - { vni: 5, device: acc1, port: eth0, direction: ingress, kind: geneve }
              - { vni: 5, device: acc1, port: eth0, direction: egress, kind: erspan }
            """)).containsExactly(
                "profile.yaml:17: mirror-sessions[2].vni: duplicate geneve vni 5, first given at line 15",
                "profile.yaml:18: mirror-sessions[3].vni: duplicate erspan session id 5, first given at line 16");
    }

    @Test
    void reportsBadAndOverlappingPrefixes()
    {
        assertThat(errorsOf("""
            devices:
              - name: a
                role: access
                management: 10.0.0.1
                host-subnets: [10.1.1.5/24, 10.1.300.0/24, 10.2.0.0/16]
              - name: b
                role: access
                management: 10.0.0.2
                host-subnets:
                  - 10.2.4.0/24
            links:
              - { a: a:eth0, b: b:eth0, capacity: 1G, latency: 1ms }
            """)).containsExactly(
                "profile.yaml:5: devices[0].host-subnets[0]: 10.1.1.5/24 has host bits set",
                "profile.yaml:5: devices[0].host-subnets[1]: '10.1.300.0/24' is not an IPv4 prefix in CIDR " +
                    "notation (a.b.c.d/n): bad number '300'",
                "profile.yaml:10: devices[1].host-subnets[0]: 10.2.4.0/24 overlaps 10.2.0.0/16 given at line 5");
    }

    @Test
    void reportsNonPositiveQuantitiesAndBadUnits()
    {
        assertThat(errorsOf("""
            devices:
              - { name: a, role: core, management: h1, traffic-weight: 0 }
              - { name: b, role: core, management: h2, traffic-weight: -2 }
            links:
              - { a: a:eth0, b: b:eth0, capacity: 0, latency: 100 }
              - { a: a:eth1, b: b:eth1, capacity: 10Q, latency: 1ms, queue: 0KiB }
            """)).containsExactly(
                "profile.yaml:2: devices[0].traffic-weight: must be above zero, got 0.0",
                "profile.yaml:3: devices[1].traffic-weight: must be above zero, got -2.0",
                "profile.yaml:5: links[0].latency: unknown unit '' in '100'; expected a duration with its unit " +
                    "such as 50us, 0.2ms or 5s",
                "profile.yaml:5: links[0].capacity: must be above zero, got 0",
                "profile.yaml:6: links[1].capacity: unknown unit 'Q' in '10Q'; expected a rate such as 10G, " +
                    "100Mbps or 64000",
                "profile.yaml:6: links[1].queue: must be above zero, got 0B");
    }

    @Test
    void namesTheDevicesADisconnectedNetworkCannotReach()
    {
        assertThat(errorsOf("""
            devices:
              - { name: core1, role: core, management: h1 }
              - { name: acc1, role: access, management: h2 }
              - { name: acc2, role: access, management: h3 }
              - { name: acc3, role: access, management: h4 }
            links:
              - { a: acc2:eth0, b: acc3:eth0, capacity: 1G, latency: 1ms }
              - { a: core1:eth0, b: acc1:eth0, capacity: 1G, latency: 1ms }
            """)).containsExactly(
                "profile.yaml:6: links: the network is not connected: acc2, acc3 cannot be reached from core1");
    }

    @Test
    void checksConnectivityEvenWhenAMirrorSessionIsWrong()
    {
        assertThat(errorsOf("""
            devices:
              - { name: core1, role: core, management: h1 }
              - { name: acc1, role: access, management: h2 }
            mirror-sessions:
              - { vni: 0, device: acc1, port: hosts, direction: ingress }
            """)).containsExactly(
                "profile.yaml:1: devices: the network is not connected: acc1 cannot be reached from core1",
                "profile.yaml:5: mirror-sessions[0].vni: must be between 1 and 16777215, got 0");
    }

    @Test
    void reportsMissingFieldsUnknownFieldsAndBadEnumsTogether()
    {
        assertThat(errorsOf("""
            devices:
              - name: core1
                role: spine
                management: h1
                colour: blue
              - role: access
            links:
              - { a: core1, b: core1:eth1, latency: 1ms }
            """)).containsExactly(
                "profile.yaml:3: devices[0].role: expected one of core, distribution, access, firewall, edge, " +
                    "got 'spine'",
                "profile.yaml:5: devices[0].colour: unknown field 'colour'; expected one of criticality, " +
                    "host-subnets, management, name, role, traffic-weight",
                "profile.yaml:6: devices[1].name: missing",
                "profile.yaml:6: devices[1].management: missing",
                "profile.yaml:8: links[0].a: expected device:port such as core1:eth1, got 'core1'",
                "profile.yaml:8: links[0].capacity: missing");
    }

    @Test
    void rejectsTheHostsPortAsALinkEndAndALinkToItself()
    {
        assertThat(errorsOf(DEVICES + """
            links:
              - { a: core1:hosts, b: acc1:eth0, capacity: 1G, latency: 1ms }
              - { a: acc1:eth1, b: acc1:eth2, capacity: 1G, latency: 1ms }
            """)).containsExactly(
                "profile.yaml:10: links[0].a: port 'hosts' is where a device reaches its host subnets; name a " +
                    "link port such as eth1",
                "profile.yaml:11: links[1].b: both ends are on acc1; a link joins two devices");
    }

    @Test
    void reportsAnEmptyProfile()
    {
        assertThat(errorsOf("# nothing yet\n")).containsExactly("profile.yaml:1: devices: missing; a profile lists " +
            "at least one device");
    }

    @Test
    void keepsTheLineOfAYamlSyntaxError(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("profile.yaml");
        Files.writeString(file, DEVICES + "links:\n  - a: core1:eth1\n    b: [acc1:eth0\n");

        assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> ProfileLoader.load(file))
            .satisfies(ex -> assertThat(ex.errors()).singleElement().satisfies(error ->
            {
                assertThat(error.file()).isEqualTo(file.toString());
                assertThat(error.line()).isGreaterThanOrEqualTo(11);
                assertThat(error.message()).startsWith("not valid YAML");
            }));
    }

    private static List<String> errorsOf(final String yaml)
    {
        try
        {
            ProfileLoader.parse(FILE, yaml);
        }
        catch (final ProfileException ex)
        {
            assertThat(ex.getMessage()).isEqualTo(String.join("\n", ex.errors().stream()
                .map(LocatedError::toString).toList()));
            return ex.errors().stream().map(LocatedError::toString).toList();
        }
        throw new AssertionError("expected the profile to be rejected");
    }
}
