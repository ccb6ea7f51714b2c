package io.netshadow.controlplane.config;

import io.netshadow.controlplane.yaml.Units;
import io.netshadow.controlplane.yaml.YamlFile;
import io.netshadow.dataplane.pipeline.AgentRole;
import io.netshadow.dataplane.pipeline.CpuAffinity;
import io.netshadow.dataplane.pipeline.CpuSet;

import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the appliance configuration and checks it whole: unknown fields, values of the wrong type or unit, enum
 * names, ranges and the fields that must agree. Every problem is reported, each as {@code file:line: field:
 * message}. Relative paths in the file are resolved against the file's directory.
 */
public final class ConfigLoader
{
    private static final int MAX_RING_SIZE = 1 << 30;

    private ConfigLoader()
    {
    }

    /**
     * Loads and checks a configuration file.
     *
     * @param file the file, such as {@code /etc/netshadow/netshadow.yaml}.
     * @return the configuration; the defaults for an empty file.
     * @throws ConfigException listing every error when the file is unreadable or the configuration is not valid.
     */
    public static NetshadowConfig load(final Path file) throws ConfigException
    {
        final YamlFile yaml = YamlFile.read(file);
        final NetshadowConfig bound = yaml.bind(NetshadowConfig.class);
        final NetshadowConfig config = null == bound ? NetshadowConfig.DEFAULT : bound;
        check(yaml, config);
        if (yaml.hasErrors())
        {
            throw new ConfigException(yaml.errors());
        }
        return config.resolvedAgainst(file.toAbsolutePath().getParent());
    }

    private static void check(final YamlFile yaml, final NetshadowConfig config)
    {
        final IngestConfig ingest = config.ingest();
        if (ingest.bindAddress().isBlank())
        {
            yaml.error("ingest.bind-address", "needs an address, such as 127.0.0.1 or 0.0.0.0");
        }
        if (ingest.port() < 1 || ingest.port() > 65_535)
        {
            yaml.error("ingest.port", "must be between 1 and 65535, got " + ingest.port());
        }
        if (ingest.genevePort() < 1 || ingest.genevePort() > 65_535)
        {
            yaml.error("ingest.geneve-port", "must be between 1 and 65535, got " + ingest.genevePort());
        }
        else if (ingest.genevePort() == ingest.port())
        {
            yaml.error("ingest.geneve-port", "must differ from ingest.port, both are " + ingest.port());
        }

        final DataplaneConfig dataplane = config.dataplane();
        checkRingSize(yaml, "dataplane.ingest-ring-size", dataplane.ingestRingSize());
        checkRingSize(yaml, "dataplane.ordered-ring-size", dataplane.orderedRingSize());
        if (dataplane.latenessNs() < 0)
        {
            yaml.error("dataplane.lateness", "must not be negative");
        }
        if (dataplane.replayDelayNs() < dataplane.latenessNs())
        {
            yaml.error("dataplane.replay-delay", "must be at least the lateness (" +
                Units.formatDurationNs(dataplane.latenessNs()) + "), or packets are replayed before they are in " +
                "order; got " + Units.formatDurationNs(dataplane.replayDelayNs()));
        }
        if (dataplane.meterIntervalNs() <= 0)
        {
            yaml.error("dataplane.meter-interval", "must be above zero");
        }
        checkThreads(yaml, dataplane);

        if (config.journal().retentionMaxAgeNs() < 0)
        {
            yaml.error("journal.retention-max-age", "must not be negative; 0 keeps files of any age");
        }
        if (config.journal().retentionMaxFiles() < 0)
        {
            yaml.error("journal.retention-max-files", "must not be negative; 0 keeps any number of files");
        }

        if (!(config.shadow().mirrorShare() > 0))
        {
            yaml.error("shadow.mirror-share", "must be above 0%; the shadow needs some traffic");
        }

        final ApiConfig api = config.api();
        if (api.bindAddress().isBlank())
        {
            yaml.error("api.bind-address", "needs an address, such as 127.0.0.1");
        }
        if (api.port() < 1 || api.port() > 65_535)
        {
            yaml.error("api.port", "must be between 1 and 65535, got " + api.port());
        }
        if (config.changes().maxVerdictWaitNs() <= 0)
        {
            yaml.error("changes.max-verdict-wait", "must be above zero");
        }
        if (config.changes().confirmMarginNs() < 1_000_000_000L)
        {
            yaml.error("changes.confirm-margin", "must be at least 1s, to leave time for the confirming commits; " +
                "got " + Units.formatDurationNs(config.changes().confirmMarginNs()));
        }

        checkNetconf(yaml, config.netconf());
        config.redirect().check(yaml);
        config.capture().check(yaml);

        final ForecasterConfig.Thresholds thresholds = config.forecaster().thresholds();
        checkWorsening(yaml, "forecaster.thresholds.loss-ratio", thresholds.lossRatio(), true);
        checkWorsening(yaml, "forecaster.thresholds.latency-p99", thresholds.latencyP99(), true);
        checkWorsening(yaml, "forecaster.thresholds.throughput", thresholds.throughput(), false);
        final ForecasterConfig.Evaluation evaluation = config.forecaster().evaluation();
        if (evaluation.minSamples() < 1)
        {
            yaml.error("forecaster.evaluation.min-samples", "must be at least 1, got " + evaluation.minSamples());
        }
        else if (evaluation.maxSamples() < evaluation.minSamples())
        {
            yaml.error("forecaster.evaluation.max-samples", "must be at least min-samples (" +
                evaluation.minSamples() + "), got " + evaluation.maxSamples());
        }
    }

    private static void checkNetconf(final YamlFile yaml, final NetconfConfig netconf)
    {
        if (netconf.username().isBlank())
        {
            yaml.error("netconf.username", "needs the SSH user the devices know, such as netshadow");
        }
        if (null != netconf.passwordFile() && null != netconf.privateKeyFile())
        {
            yaml.error("netconf.password-file", "give password-file or private-key-file, not both");
        }
        else if (null != netconf.passwordFile() && null != netconf.passphraseFile())
        {
            yaml.error("netconf.passphrase-file", "only a private-key-file has a passphrase; this login is by " +
                "password-file");
        }
        if (netconf.timeoutNs() <= 0)
        {
            yaml.error("netconf.timeout", "must be above zero");
        }
    }

    private static void checkThreads(final YamlFile yaml, final DataplaneConfig dataplane)
    {
        final DataplaneConfig.SharedIdle idle = dataplane.sharedIdle();
        if (idle.maxSpins() < 0)
        {
            yaml.error("dataplane.shared-idle.max-spins", "must not be negative, got " + idle.maxSpins());
        }
        if (idle.maxYields() < 0)
        {
            yaml.error("dataplane.shared-idle.max-yields", "must not be negative, got " + idle.maxYields());
        }
        if (idle.minParkNs() <= 0)
        {
            yaml.error("dataplane.shared-idle.min-park", "must be above zero");
        }
        else if (idle.maxParkNs() < idle.minParkNs())
        {
            yaml.error("dataplane.shared-idle.max-park", "must be at least min-park (" +
                Units.formatDurationNs(idle.minParkNs()) + "), got " + Units.formatDurationNs(idle.maxParkNs()));
        }
        if (dataplane.cpus().isEmpty())
        {
            return;
        }
        final CpuSet online = CpuAffinity.onlineCpus();
        for (final Map.Entry<AgentRole, CpuSet> entry : dataplane.cpus().entrySet())
        {
            for (final int cpu : entry.getValue().cpus())
            {
                if (!online.contains(cpu))
                {
                    yaml.error("dataplane.cpus." + entry.getKey().configName(), "CPU " + cpu +
                        " is not online; the online CPUs are " + online);
                    break;
                }
            }
        }
    }

    private static void checkRingSize(final YamlFile yaml, final String path, final int size)
    {
        if (size < 2 || size > MAX_RING_SIZE || Integer.bitCount(size) != 1)
        {
            yaml.error(path, "must be a power of two from 2 to " + MAX_RING_SIZE + ", such as 65536; got " + size);
        }
    }

    private static void checkWorsening(
        final YamlFile yaml, final String path, final KpiChange change, final boolean higherIsWorse)
    {
        if (higherIsWorse && change.amount() < 0)
        {
            yaml.error(path, "this KPI gets worse as it rises; write a rise such as +" +
                new KpiChange(-change.amount(), change.relative()).toString().substring(1) + ", got " + change);
        }
        else if (!higherIsWorse && change.amount() > 0)
        {
            yaml.error(path, "this KPI gets worse as it falls; write a fall such as " +
                new KpiChange(-change.amount(), change.relative()) + ", got " + change);
        }
    }
}
