package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.ApiServer;
import io.netshadow.controlplane.api.BearerToken;
import io.netshadow.controlplane.appliance.Appliance;
import io.netshadow.controlplane.config.ConfigLoader;
import io.netshadow.controlplane.config.NetshadowConfig;
import io.netshadow.controlplane.netconf.NetconfCredentials;
import io.netshadow.controlplane.netconf.NetconfDeviceConnector;
import io.netshadow.controlplane.orchestrator.ChangeOrchestrator;
import io.netshadow.controlplane.orchestrator.ChangeResult;
import io.netshadow.controlplane.orchestrator.ChangeService;
import io.netshadow.controlplane.orchestrator.DeviceConnector;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileLoader;
import io.netshadow.dataplane.ingest.VxlanIngest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code netshadow daemon}: the appliance, from its configuration file, until SIGTERM. At start it reads the API's
 * token (refusing to start without one while the API is on) and the NETCONF login of the live devices (refusing to
 * start without it), starts the appliance, finishes every change its history shows in flight, reaching each live
 * device over NETCONF at its management address, then serves the API. On SIGTERM the API stops, a running change is
 * aborted and rolled back, ingest stops, the rings drain into the journal and the meters, and the journals close
 * before the process exits.
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
        final BearerToken token = config.api().enabled() ? BearerToken.read(config.api().tokenFile()) : null;
        final NetconfCredentials login = config.netconf().credentials();
        final Appliance appliance = Appliance.start(config, profile, null);
        final ChangeService changes;
        final ApiServer api;
        try
        {
            final DeviceConnector liveDevices = NetconfDeviceConnector.forProfile(appliance.netconfClient(), profile,
                login, config.netconf().hostKeyPolicy(), Duration.ofNanos(config.netconf().timeoutNs()));
            final ChangeOrchestrator orchestrator = appliance.orchestrator(liveDevices,
                Duration.ofNanos(config.changes().maxVerdictWaitNs()),
                Duration.ofNanos(config.changes().confirmMarginNs()));
            for (final ChangeResult recovered : orchestrator.recover())
            {
                LOG.info("change {} was in flight: {}", recovered.changeId(), recovered.message());
            }
            changes = new ChangeService(orchestrator, appliance.history(), appliance.clock());
            api = null == token ? null : ApiServer.start(
                new InetSocketAddress(config.api().bindAddress(), config.api().port()), token, changes,
                appliance.history(), profile, appliance.alerts());
        }
        catch (final IOException | RuntimeException ex)
        {
            appliance.close();
            throw ex;
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("netshadow-shutdown").unstarted(() ->
        {
            LOG.info("stopping: closing the API, rolling back a running change, closing ingest, draining rings, " +
                "closing journals");
            if (null != api)
            {
                api.close();
            }
            changes.close();
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
