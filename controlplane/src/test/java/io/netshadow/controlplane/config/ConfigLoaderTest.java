package io.netshadow.controlplane.config;

import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.yaml.LocatedError;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.pipeline.AgentRole;
import io.netshadow.dataplane.pipeline.CpuAffinity;
import io.netshadow.dataplane.pipeline.CpuSet;
import io.netshadow.dataplane.pipeline.DedicatedIdle;
import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.LatePolicy;
import io.netshadow.dataplane.pipeline.ThreadingMode;
import io.netshadow.forecaster.KpiDirection;
import io.netshadow.forecaster.KpiThreshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfigLoaderTest
{
    @TempDir
    Path dir;

    @Test
    void theCommentedExampleSpellsOutTheDefaults() throws ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(Path.of("src/dist/etc/netshadow.yaml"));

        assertThat(config).isEqualTo(NetshadowConfig.DEFAULT);
    }

    @Test
    void anEmptyFileMeansEveryDefault() throws IOException, ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(write("# nothing set\n"));

        assertThat(config).isEqualTo(NetshadowConfig.DEFAULT);
        assertThat(config.ingest()).isEqualTo(new IngestConfig("127.0.0.1", 4789, 6081, IngestTransport.EPOLL));
        assertThat(config.history().directory()).isEqualTo(Path.of("/var/lib/netshadow/history"));
        assertThat(config.journal().directory()).isEqualTo(Path.of("/var/lib/netshadow/journal"));
        assertThat(config.dataplane().latenessNs()).isEqualTo(50_000_000L);
        assertThat(config.jmx().enabled()).isTrue();
        assertThat(config.netconf()).isEqualTo(new NetconfConfig("netshadow", null,
            Path.of("/etc/netshadow/netconf-key"), null, Path.of("/var/lib/netshadow/known_hosts"), false,
            30_000_000_000L));
    }

    @Test
    void readsUnitsEnumsAndPartialSections() throws IOException, ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(write("""
            ingest:
              transport: io_uring
            dataplane:
              lateness: 20ms
              replay-delay: 0.5s
              threading-mode: dedicated
              late-policy: PASS
            shadow:
              budget: 6
              mirror-share: 25%
            journal:
              roll-cycle: daily
            forecaster:
              thresholds:
                throughput: -20%
              evaluation:
                max-samples: 30
            jmx:
              enabled: false
            """));

        assertThat(config.ingest()).isEqualTo(new IngestConfig("127.0.0.1", 4789, 6081, IngestTransport.IO_URING));
        assertThat(config.dataplane()).isEqualTo(new DataplaneConfig(
            65_536, 65_536, 20_000_000L, LatePolicy.PASS, 500_000_000L, ThreadingMode.DEDICATED, 1_000_000_000L,
            DataplaneConfig.SharedIdle.DEFAULT, DedicatedIdle.BUSY_SPIN, Map.of()));
        assertThat(config.shadow()).isEqualTo(new ShadowConfig(new ShadowBudget.Count(6), 1L, 0.25));
        assertThat(config.journal().rollCycle()).isEqualTo(JournalRollCycle.DAILY);
        assertThat(config.forecaster().thresholds().throughput()).isEqualTo(new KpiChange(-0.2, true));
        assertThat(config.forecaster().thresholds().lossRatio()).isEqualTo(new KpiChange(0.02, false));
        assertThat(config.forecaster().evaluationPolicy().maxSamples()).isEqualTo(30);
        assertThat(config.jmx().enabled()).isFalse();
    }

    @Test
    void resolvesRelativePathsAgainstTheFilesDirectory() throws IOException, ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(write("""
            profile: profile.yaml
            history:
              directory: state/history
            """));

        assertThat(config.profile()).isEqualTo(dir.resolve("profile.yaml"));
        assertThat(config.history().directory()).isEqualTo(dir.resolve("state/history"));
        assertThat(config.journal().directory()).isEqualTo(Path.of("/var/lib/netshadow/journal"));
    }

    @Test
    void turnsThresholdsIntoForecasterThresholdsOnBothSides() throws IOException, ConfigException
    {
        final List<KpiThreshold> thresholds = ConfigLoader.load(write("")).forecaster().kpiThresholds();

        assertThat(thresholds).contains(
            KpiThreshold.higherIsWorse("shadow.loss_ratio", 0.02, Double.NaN),
            KpiThreshold.higherIsWorse("live.latency_p99_ns", Double.NaN, 0.5),
            new KpiThreshold("shadow.throughput_bps", KpiDirection.LOWER_IS_WORSE, Double.NaN, 0.3));
        assertThat(thresholds).hasSize(6);
    }

    @Test
    void reportsUnknownFieldsBadValuesAndBadEnumsWithTheirLines() throws IOException
    {
        assertThat(errorsOf("""
            ingest:
              port: vxlan
              transport: dpdk
            dataplane:
              lateness: 50
              meter-interval: 1 fortnight
            shadow:
              budget: most
            jmx:
              enabled: yes please
              port: 9010
            """)).containsExactly(
                "netshadow.yaml:2: ingest.port: expected a whole number, got 'vxlan'",
                "netshadow.yaml:3: ingest.transport: expected one of epoll, io_uring, nio, got 'dpdk'",
                "netshadow.yaml:5: dataplane.lateness: unknown unit '' in '50'; expected a duration with its unit " +
                    "such as 50us, 0.2ms or 5s",
                "netshadow.yaml:6: dataplane.meter-interval: unknown unit 'fortnight' in '1 fortnight'; expected a " +
                    "duration with its unit such as 50us, 0.2ms or 5s",
                "netshadow.yaml:8: shadow.budget: expected a budget such as 50% or 0.5 (a share of the devices) or 6 " +
                    "(a device count), got 'most'",
                "netshadow.yaml:10: jmx.enabled: expected true or false, got 'yes please'",
                "netshadow.yaml:11: jmx.port: unknown field 'port'; expected one of enabled");
    }

    @Test
    void reportsAnUnknownSection() throws IOException
    {
        assertThat(errorsOf("profile: p.yaml\nmetrics:\n  port: 9100\n")).singleElement().asString()
            .startsWith("netshadow.yaml:2: metrics: unknown field 'metrics'; expected one of api, capture, changes, dataplane,");
    }

    @Test
    void readsTheGenevePortAndRejectsOneOutOfRangeOrSharedWithVxlan() throws IOException, ConfigException
    {
        assertThat(ConfigLoader.load(write("ingest:\n  geneve-port: 16081\n")).ingest())
            .isEqualTo(new IngestConfig("127.0.0.1", 4789, 16081, IngestTransport.EPOLL));
        assertThat(errorsOf("ingest:\n  geneve-port: 65536\n")).containsExactly(
            "netshadow.yaml:2: ingest.geneve-port: must be between 1 and 65535, got 65536");
        assertThat(errorsOf("ingest:\n  port: 6081\n  geneve-port: 6081\n")).containsExactly(
            "netshadow.yaml:3: ingest.geneve-port: must differ from ingest.port, both are 6081");
    }

    @Test
    void placesUnknownFieldsInsideSectionsWhereverTheyStand() throws IOException
    {
        assertThat(errorsOf("""
            dataplane:
              bogus: 1
              lateness: 50ms
            ingest:
              early: 1
              bind-address: 0.0.0.0
              port: 4789
              transport: nio
              late: 2
            """)).containsExactly(
                "netshadow.yaml:2: dataplane.bogus: unknown field 'bogus'; expected one of cpus, dedicated-idle, " +
                    "ingest-ring-size, late-policy, lateness, meter-interval, ordered-ring-size, replay-delay, " +
                    "shared-idle, threading-mode",
                "netshadow.yaml:5: ingest.early: unknown field 'early'; expected one of bind-address, " +
                    "geneve-port, port, transport",
                "netshadow.yaml:9: ingest.late: unknown field 'late'; expected one of bind-address, " +
                    "geneve-port, port, transport");
    }

    @Test
    void reportsValuesOutOfRangeAndFieldsThatDisagree() throws IOException
    {
        assertThat(errorsOf("""
            ingest:
              port: 70000
            dataplane:
              ingest-ring-size: 1000
              lateness: 200ms
              replay-delay: 100ms
            shadow:
              mirror-share: 0%
            forecaster:
              thresholds:
                loss-ratio: -0.02
                throughput: +30%
              evaluation:
                min-samples: 20
                max-samples: 10
            """)).containsExactly(
                "netshadow.yaml:2: ingest.port: must be between 1 and 65535, got 70000",
                "netshadow.yaml:4: dataplane.ingest-ring-size: must be a power of two from 2 to 1073741824, such as " +
                    "65536; got 1000",
                "netshadow.yaml:6: dataplane.replay-delay: must be at least the lateness (200ms), or packets are " +
                    "replayed before they are in order; got 100ms",
                "netshadow.yaml:8: shadow.mirror-share: must be above 0%; the shadow needs some traffic",
                "netshadow.yaml:11: forecaster.thresholds.loss-ratio: this KPI gets worse as it rises; write a rise " +
                    "such as +0.02, got -0.02",
                "netshadow.yaml:12: forecaster.thresholds.throughput: this KPI gets worse as it falls; write a fall " +
                    "such as -30%, got +30%",
                "netshadow.yaml:15: forecaster.evaluation.max-samples: must be at least min-samples (20), got 10");
    }

    @Test
    void readsCpuPinningAndIdleStrategies() throws IOException, ConfigException
    {
        final DataplaneConfig dataplane = ConfigLoader.load(write("""
            dataplane:
              threading-mode: dedicated
              dedicated-idle: yielding
              shared-idle:
                max-spins: 100
                max-yields: 20
                min-park: 10us
                max-park: 100us
              cpus:
                ingest: 0
                live-meter: "0"
            """)).dataplane();

        assertThat(dataplane.dedicatedIdle()).isEqualTo(DedicatedIdle.YIELDING);
        assertThat(dataplane.sharedIdle()).isEqualTo(new DataplaneConfig.SharedIdle(100, 20, 10_000, 100_000));
        assertThat(dataplane.cpus()).isEqualTo(
            Map.of(AgentRole.INGEST, CpuSet.of(0), AgentRole.LIVE_METER, CpuSet.of(0)));
        assertThat(dataplane.threading().cpus(AgentRole.LIVE_METER)).isEqualTo(CpuSet.of(0));
        assertThat(dataplane.threading().cpus(AgentRole.REPLAY)).isNull();
    }

    @Test
    void reportsBadCpuListsOfflineCpusAndBadIdleStrategiesWithTheirLines() throws IOException
    {
        final int offline = CpuSet.MAX_CPU;
        assertThat(errorsOf("""
            dataplane:
              dedicated-idle: sleepy
              shared-idle:
                min-park: 1ms
                max-park: 1us
              cpus:
                reorder: 2-x
                replay: %d
                bogus: 1
            """.formatted(offline))).containsExactly(
                "netshadow.yaml:2: dataplane.dedicated-idle: 'sleepy' is not a dedicated idle strategy; use " +
                    "busy-spin or yielding",
                "netshadow.yaml:5: dataplane.shared-idle.max-park: must be at least min-park (1ms), got 1us",
                "netshadow.yaml:7: dataplane.cpus.reorder: 'x' in CPU list '2-x' is not a CPU id; write a list " +
                    "such as 2, 0-3 or 1,3-5",
                "netshadow.yaml:8: dataplane.cpus.replay: CPU " + offline + " is not online; the online CPUs are " +
                    CpuAffinity.onlineCpus(),
                "netshadow.yaml:9: dataplane.cpus.bogus: unknown field 'bogus'; expected one of capture, ingest, " +
                    "journal, live-meter, reorder, replay, shared");
    }

    @Test
    void readsTheApiAndHowChangesAreDeployed() throws IOException, ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(write("""
            api:
              port: 9000
              token-file: secrets/api-token
            changes:
              max-verdict-wait: 2m
              confirm-margin: 45s
            """));

        assertThat(config.api()).isEqualTo(new ApiConfig(true, "127.0.0.1", 9000, dir.resolve("secrets/api-token")));
        assertThat(config.changes()).isEqualTo(new ChangesConfig(120_000_000_000L, 45_000_000_000L));
    }

    @Test
    void reportsAnApiPortOutOfRangeAndAConfirmMarginTooShort() throws IOException
    {
        assertThat(errorsOf("""
            api:
              bind-address: ""
              port: 0
            changes:
              max-verdict-wait: 0s
              confirm-margin: 10ms
            """)).containsExactly(
                "netshadow.yaml:2: api.bind-address: needs an address, such as 127.0.0.1",
                "netshadow.yaml:3: api.port: must be between 1 and 65535, got 0",
                "netshadow.yaml:5: changes.max-verdict-wait: must be above zero",
                "netshadow.yaml:6: changes.confirm-margin: must be at least 1s, to leave time for the confirming " +
                    "commits; got 10ms");
    }

    @Test
    void readsAPasswordLoginInPlaceOfTheDefaultKeyAndResolvesItsFiles() throws IOException, ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(write("""
            netconf:
              username: ops
              password-file: secrets/netconf-password
              known-hosts: state/known_hosts
              trust-on-first-use: true
              timeout: 5s
            """));

        assertThat(config.netconf()).isEqualTo(new NetconfConfig("ops", dir.resolve("secrets/netconf-password"),
            null, null, dir.resolve("state/known_hosts"), true, 5_000_000_000L));
        assertThat(config.netconf().hostKeyPolicy().trustOnFirstUse()).isTrue();
    }

    @Test
    void readsAKeyLoginWithItsPassphraseFile() throws IOException, ConfigException
    {
        final NetshadowConfig config = ConfigLoader.load(write("""
            netconf:
              private-key-file: keys/netconf
              passphrase-file: keys/netconf.passphrase
            """));

        assertThat(config.netconf()).isEqualTo(new NetconfConfig("netshadow", null, dir.resolve("keys/netconf"),
            dir.resolve("keys/netconf.passphrase"), Path.of("/var/lib/netshadow/known_hosts"), false,
            30_000_000_000L));
    }

    @Test
    void reportsTwoLoginsABlankUserAndATimeoutOfZero() throws IOException
    {
        assertThat(errorsOf("""
            netconf:
              username: " "
              password-file: netconf-password
              private-key-file: netconf-key
              timeout: 0s
              retries: 3
            """)).containsExactly(
                "netshadow.yaml:2: netconf.username: needs the SSH user the devices know, such as netshadow",
                "netshadow.yaml:3: netconf.password-file: give password-file or private-key-file, not both",
                "netshadow.yaml:5: netconf.timeout: must be above zero",
                "netshadow.yaml:6: netconf.retries: unknown field 'retries'; expected one of known-hosts, " +
                    "passphrase-file, password-file, private-key-file, timeout, trust-on-first-use, username");
    }

    @Test
    void reportsAPassphraseForAPasswordLogin() throws IOException
    {
        assertThat(errorsOf("""
            netconf:
              password-file: netconf-password
              passphrase-file: netconf-key.passphrase
            """)).containsExactly(
                "netshadow.yaml:3: netconf.passphrase-file: only a private-key-file has a passphrase; this login is " +
                    "by password-file");
    }

    @Test
    void reportsAMissingFile()
    {
        assertThatExceptionOfType(ConfigException.class)
            .isThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml")))
            .withMessageContaining("absent.yaml: (document): cannot read: NoSuchFileException");
    }

    private Path write(final String yaml) throws IOException
    {
        final Path file = dir.resolve("netshadow.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private List<String> errorsOf(final String yaml) throws IOException
    {
        final Path file = write(yaml);
        final String prefix = file.toString();
        return assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> ConfigLoader.load(file))
            .actual().errors().stream()
            .map(LocatedError::toString)
            .map(error -> error.startsWith(prefix) ? "netshadow.yaml" + error.substring(prefix.length()) : error)
            .toList();
    }
}
