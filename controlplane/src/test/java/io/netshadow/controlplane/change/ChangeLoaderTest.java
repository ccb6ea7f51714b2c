package io.netshadow.controlplane.change;

import io.netshadow.controlplane.config.ShadowConfig;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanException;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileException;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChangeLoaderTest
{
    private static final Path CHANGES = Path.of("src/dist/etc/changes");
    private static final String ACL_XML = """
        <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list">
          <acl><name>a</name><aces><ace><name>x</name><actions><forwarding>drop</forwarding></actions></ace></aces>
          </acl>
        </acls>
        """;

    private static NetworkProfile profile;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadProfile() throws ProfileException
    {
        profile = ProfileLoader.load(Path.of("src/dist/etc/profile.yaml"));
    }

    @Test
    void loadsTheExampleChanges() throws ChangeException, DeviceConfigException
    {
        for (final String name : List.of("harmless-acl", "harmful-policer", "harmful-acl"))
        {
            final ChangeSpec change = ChangeLoader.load(CHANGES.resolve(name + ".yaml"), profile);

            assertThat(change.id()).isEqualTo(name);
            assertThat(change.description()).isNotBlank();
            assertThat(change.devices()).containsExactly("core1");
            assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), change.edits().getFirst().xml()))
                .isNotEqualTo(DeviceConfig.empty());
        }
    }

    @Test
    void theHarmfulPolicerPolicesCore1FromDist1AtOneMegabit() throws ChangeException, DeviceConfigException
    {
        final ChangeSpec change = ChangeLoader.load(CHANGES.resolve("harmful-policer.yaml"), profile);

        final DeviceConfig config = DeviceConfigXml.applyEdit(DeviceConfig.empty(), change.edits().getFirst().xml());

        assertThat(config.ingressPolicers()).containsOnlyKeys("eth2");
        assertThat(config.ingressPolicers().get("eth2").rateBps()).isEqualTo(1_000_000L);
        assertThat(profile.links()).anySatisfy(link ->
            assertThat(link.a() + " " + link.b()).isEqualTo("dist1:eth0 core1:eth2"));
    }

    @Test
    void theExampleChangesTouchOnlyWhatEveryDefaultShadowHolds() throws ChangeException, ShadowPlanException
    {
        final ShadowPlanner planner = new ShadowPlanner(profile);
        for (long seed = 0; seed < 50; seed++)
        {
            final ShadowPlan plan = planner.plan(ShadowConfig.DEFAULT.budget(), seed);
            for (final String name : List.of("harmless-acl", "harmful-policer", "harmful-acl"))
            {
                assertThat(plan.deviceNames()).containsAll(ChangeLoader.load(CHANGES.resolve(name + ".yaml"), profile)
                    .devices());
            }
            assertThat(plan.deviceNames()).contains("acc1", "dist1", "fw-inet");
        }
    }

    @Test
    void keepsEditsInOrderWithXmlFromFilesBesideTheChange() throws IOException, ChangeException
    {
        Files.writeString(dir.resolve("acl.xml"), ACL_XML);
        final Path file = write("""
            id: two-devices
            description: An ACL on both cores.
            edits:
              - device: core2
                file: acl.xml
              - device: core1
                config: |
            %s""".formatted(ACL_XML.indent(6)));

        final ChangeSpec change = ChangeLoader.load(file, profile);

        assertThat(change.edits()).extracting(ChangeSpec.Edit::device).containsExactly("core2", "core1");
        assertThat(change.edits().get(0).xml()).isEqualTo(ACL_XML);
        assertThat(change.edits().get(1).xml().strip()).isEqualTo(ACL_XML.strip());
    }

    @Test
    void namesAnUnknownDevice() throws IOException
    {
        assertThat(errorsOf("""
            id: c1
            description: d
            edits:
              - device: core1
                config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"/>
              - device: core9
                config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"/>
            """)).containsExactly("change.yaml:6: edits[1].device: unknown device 'core9'");
    }

    @Test
    void reportsMalformedXmlAndBadConfigWithTheModelsMessage() throws IOException
    {
        assertThat(errorsOf("""
            id: c1
            description: d
            edits:
              - device: core1
                config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list">
              - device: core2
                config: |
                  <interfaces xmlns="urn:ietf:params:xml:ns:yang:ietf-interfaces">
                    <interface><name>eth1</name><speed>fast</speed></interface>
                  </interfaces>
            """)).satisfiesExactly(
                malformed -> assertThat(malformed).startsWith("change.yaml:5: edits[0].config: malformed XML"),
                unknown -> assertThat(unknown).startsWith("change.yaml:7: edits[1].config: ").contains("speed"));
    }

    @Test
    void acceptsAnEditThatOnlyFailsAgainstTheDevicesOwnData() throws IOException, ChangeException
    {
        final Path file = write("""
            id: remove-acl
            description: Remove an ACL the device has.
            edits:
              - device: core1
                config: |
                  <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"
                        xmlns:nc="urn:ietf:params:xml:ns:netconf:base:1.0">
                    <acl nc:operation="delete"><name>old</name></acl>
                  </acls>
            """);

        assertThat(ChangeLoader.load(file, profile).edits()).hasSize(1);
    }

    @Test
    void reportsMissingFieldsAndUnknownOnes() throws IOException
    {
        assertThat(errorsOf("""
            description:
            edits:
              - device: core1
              - config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"/>
                owner: me
            """)).containsExactly(
                "change.yaml:1: id: missing",
                "change.yaml:1: description: needs a value",
                "change.yaml:3: edits[0].config: missing; an edit needs its XML in config or a file name in file",
                "change.yaml:4: edits[1].device: missing",
                "change.yaml:5: edits[1].owner: unknown field 'owner'; expected one of config, device, file");
    }

    @Test
    void rejectsBothInlineAndFileXmlAndAMissingFile() throws IOException
    {
        assertThat(errorsOf("""
            id: c1
            description: d
            edits:
              - device: core1
                config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"/>
                file: acl.xml
              - device: core2
                file: absent.xml
            """)).satisfiesExactly(
                both -> assertThat(both).isEqualTo(
                    "change.yaml:6: edits[0].file: give the XML either inline in config or in a file, not both"),
                absent -> assertThat(absent).startsWith("change.yaml:8: edits[1].file: cannot read ")
                    .endsWith("absent.xml: no such file"));
    }

    @Test
    void rejectsTwoEditsOfOneDeviceAndABadId() throws IOException
    {
        assertThat(errorsOf("""
            id: not an id
            description: d
            edits:
              - device: core1
                config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"/>
              - device: core1
                config: <acls xmlns="urn:ietf:params:xml:ns:yang:ietf-access-control-list"/>
            """)).containsExactly(
                "change.yaml:1: id: 'not an id' is not a valid id; use letters, digits, '.', '_' and '-'",
                "change.yaml:6: edits[1].device: device 'core1' is already edited at line 4; a change has one edit " +
                    "per device");
    }

    @Test
    void rejectsAChangeWithoutEdits() throws IOException
    {
        assertThat(errorsOf("id: c1\ndescription: d\nedits: []\n"))
            .containsExactly("change.yaml:3: edits: a change needs at least one edit");
    }

    @Test
    void loadsTheStagedExampleWithACanaryOnTheStandbyCoreThenTheRest() throws ChangeException
    {
        final ChangeSpec change = ChangeLoader.load(CHANGES.resolve("staged-policer.yaml"), profile);

        assertThat(change.waves()).containsExactly(
            new ChangeSpec.Wave("canary", List.of("core2")), new ChangeSpec.Wave("rest", List.of("core1")));
    }

    @Test
    void aChangeWithoutWavesIsOneWaveOfEveryDevice() throws ChangeException
    {
        final ChangeSpec change = ChangeLoader.load(CHANGES.resolve("harmless-acl.yaml"), profile);

        assertThat(change.waves()).containsExactly(new ChangeSpec.Wave(ChangeSpec.SINGLE_WAVE, List.of("core1")));
    }

    @Test
    void shareWavesTakeTheNextDevicesInEditOrderThatNoWaveNames() throws IOException, ChangeException
    {
        final ChangeSpec change = ChangeLoader.load(write(fourDeviceChange("""
            waves:
              - { name: canary, devices: [dist3] }
              - { name: half, share: 50% }
              - { share: 100% }
            """)), profile);

        assertThat(change.waves()).containsExactly(
            new ChangeSpec.Wave("canary", List.of("dist3")),
            new ChangeSpec.Wave("half", List.of("dist1")),
            new ChangeSpec.Wave("wave-3", List.of("dist2", "dist4")));
    }

    @Test
    void reportsWavesThatNameDevicesWrongOrLeaveDevicesOut() throws IOException
    {
        assertThat(errorsOf(fourDeviceChange("""
            waves:
              - { name: canary, devices: [dist1, core1, ghost] }
              - { name: canary, devices: [dist1] }
              - { name: both, devices: [dist2], share: 50% }
              - { name: "not a name", share: 0% }
            """))).containsExactly(
                "change.yaml:3: waves[0].devices[1]: device 'core1' has no edit in this change",
                "change.yaml:3: waves[0].devices[2]: unknown device 'ghost'",
                "change.yaml:4: waves[1].name: wave 'canary' is already named at line 3",
                "change.yaml:4: waves[1].devices[0]: device 'dist1' is already in wave 'canary'",
                "change.yaml:5: waves[2].share: give a wave either devices or a share, not both",
                "change.yaml:6: waves[3].name: 'not a name' is not a valid wave name; use letters, digits, '.', '_' " +
                    "and '-'",
                "change.yaml:6: waves[3].share: must be above 0%");
    }

    @Test
    void reportsAShareAlreadyReachedAndDevicesInNoWave() throws IOException
    {
        assertThat(errorsOf(fourDeviceChange("""
            waves:
              - { name: first, share: 50% }
              - { name: again, share: 50% }
            """))).containsExactly(
                "change.yaml:2: waves: devices in no wave: dist3, dist4; end with a wave of share: 100%",
                "change.yaml:4: waves[1].share: gets no device: the waves before it already deploy 2 of the " +
                    "change's 4 devices");
    }

    @Test
    void checksAnUploadedChangeWithTheFilesAttachedToIt() throws ChangeException
    {
        final String yaml = """
            id: uploaded
            description: an edit from a file
            edits:
              - device: core1
                file: acl.xml
            """;

        final ChangeSpec change = ChangeLoader.parse(Path.of("uploaded.yaml"), yaml, Map.of("acl.xml",
            ACL_XML), profile);

        assertThat(change.edits()).singleElement().satisfies(edit -> assertThat(edit.xml()).isEqualTo(ACL_XML));
        assertThatExceptionOfType(ChangeException.class)
            .isThrownBy(() -> ChangeLoader.parse(Path.of("uploaded.yaml"), yaml, Map.of(), profile))
            .withMessage("uploaded.yaml:5: edits[0].file: cannot read acl.xml: not attached to the change");
    }

    private static String fourDeviceChange(final String waves)
    {
        final StringBuilder yaml = new StringBuilder("id: c4\n").append(waves).append("description: d\nedits:\n");
        for (final String device : List.of("dist1", "dist2", "dist3", "dist4"))
        {
            yaml.append("  - device: ").append(device).append('\n')
                .append("    config: <acls xmlns=\"urn:ietf:params:xml:ns:yang:ietf-access-control-list\"/>\n");
        }
        return yaml.toString();
    }

    private Path write(final String yaml) throws IOException
    {
        final Path file = dir.resolve("change.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> errorsOf(final String yaml) throws IOException
    {
        final Path file = write(yaml);
        final String prefix = file.toString();
        return assertThatExceptionOfType(ChangeException.class).isThrownBy(() -> ChangeLoader.load(file, profile))
            .actual().errors().stream()
            .map(LocatedError::toString)
            .map(error -> error.startsWith(prefix) ? "change.yaml" + error.substring(prefix.length()) : error)
            .toList();
    }
}
