package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.appliance.Appliance;
import io.netshadow.controlplane.config.ConfigLoader;
import io.netshadow.controlplane.config.NetshadowConfig;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.ingest.VxlanIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code netshadow daemon}: the appliance, from its configuration file, until SIGTERM; then ingest stops, the rings
 * drain into the journal and the meters, and the journals close before the process exits.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true,
    description = "Run the appliance until SIGTERM (systemd runs this).")
final class DaemonCommand implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(DaemonCommand.class);

    @Option(names = "--config", defaultValue = "/etc/netshadow/netshadow.yaml",
        description = "Configuration file. Default: ${DEFAULT-VALUE}.")
    Path configFile;

    @Option(names = "--status-interval", defaultValue = "60s",
        description = "How often to log a status line (e.g. 30s, 5m). Default: ${DEFAULT-VALUE}.")
    String statusInterval;

    @Override
    public Integer call() throws Exception
    {
        final Duration interval = Duration.parse("PT" + statusInterval.toUpperCase(Locale.ROOT));
        final NetshadowConfig config = ConfigLoader.load(configFile);
        final NetworkProfile profile = ProfileLoader.load(config.profile());
        final Appliance appliance = Appliance.start(config, profile, null);
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("netshadow-shutdown").unstarted(() ->
        {
            LOG.info("stopping: closing ingest, draining rings, closing journals");
            appliance.close();
            stopped.countDown();
        }));
        LOG.info("netshadow daemon running with {}", configFile);
        while (!stopped.await(interval.toMillis(), TimeUnit.MILLISECONDS))
        {
            LOG.info("status: {}", status(appliance));
        }
        return 0;
    }

    private static String status(final Appliance appliance)
    {
        final Map<String, Long> counters = appliance.counters();
        final long dropped = counters.entrySet().stream()
            .filter(entry -> entry.getKey().contains("drop") || entry.getKey().contains("full") ||
                entry.getKey().contains("malformed") || entry.getKey().contains("late"))
            .mapToLong(Map.Entry::getValue)
            .sum();
        final Map<String, Double> kpis = appliance.latestKpis();
        return String.format(Locale.ROOT, "packets in %d, dropped %d; live loss %.4f p99 %.3f ms; shadow loss %.4f",
            counters.getOrDefault(VxlanIngest.DATAGRAMS, 0L), dropped,
            kpis.getOrDefault("live.loss_ratio", Double.NaN), kpis.getOrDefault("live.latency_p99_ns", Double.NaN) / 1e6,
            kpis.getOrDefault("shadow.loss_ratio", Double.NaN));
    }
}
