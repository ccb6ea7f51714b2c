package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.ApiClient;
import io.netshadow.controlplane.orchestrator.ChangeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netshadow change status}: where a change stands, or the changes the daemon ran.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Print where a change stands and what it did, or list the changes the daemon ran.")
final class ChangeStatusCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "ID", arity = "0..1", description = "The change id; all changes when left out.")
    String id;

    @Option(names = "--follow", description = "Follow a running change to its end; the exit code then says how " +
        "it ended, as for apply.")
    boolean follow;

    @Option(names = "--poll-interval", defaultValue = "500ms", converter = DurationConverter.class,
        description = "How often to ask the daemon for progress. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception
    {
        final ApiClient client = api.client();
        if (null == id)
        {
            for (final ChangeStatus status : client.changes())
            {
                System.out.printf("%s  %-24s %-12s %s%n", Instant.ofEpochMilli(status.startedEpochMs()), status.id(),
                    status.state().name().toLowerCase(Locale.ROOT), status.message());
            }
            return 0;
        }
        if (follow)
        {
            final ChangeStatus ended = new ChangeFollower(client, System.out, Terminal.isTerminal(), pollInterval)
                .follow(id);
            System.out.println(ChangeFollower.outcomeLine(ended));
            return ChangeCommand.exitCode(ended.state());
        }
        final ChangeStatus status = client.status(id);
        System.out.println("change " + status.id() + ": " + status.state().name().toLowerCase(Locale.ROOT) +
            (status.waveCount() > 0 ? " (wave " + status.waveIndex() + "/" + status.waveCount() + " " +
            status.wave() + ")" : ""));
        System.out.println("  " + status.description());
        status.progress().forEach(line -> System.out.println("  " + line));
        System.out.println("  " + status.message());
        return 0;
    }
}
