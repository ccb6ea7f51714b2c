package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.ApiClient;
import io.netshadow.controlplane.orchestrator.ChangeState;
import io.netshadow.controlplane.orchestrator.ChangeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code netshadow change abort}: stops a change and rolls it back, or finishes one left unfinished.
 */
@Command(name = "abort", mixinStandardHelpOptions = true,
    description = "Stop a running change and roll back every wave applied, or finish a change left unfinished " +
        "from its history. Exit code: 0 once the change is taken back, 1 otherwise.")
final class ChangeAbortCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "ID", description = "The change id.")
    String id;

    @Option(names = "--reason", defaultValue = "aborted by an operator",
        description = "Why, for the history. Default: ${DEFAULT-VALUE}.")
    String reason;

    @Option(names = "--detach", description = "Return once the abort is asked for.")
    boolean detach;

    @Option(names = "--poll-interval", defaultValue = "500ms", converter = DurationConverter.class,
        description = "How often to ask the daemon for progress. Default: ${DEFAULT-VALUE}.")
    Duration pollInterval;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception
    {
        final ApiClient client = api.client();
        final ChangeStatus asked = client.abort(id, reason);
        System.out.println("change " + asked.id() + ": abort asked for");
        if (detach)
        {
            return 0;
        }
        final ChangeStatus ended = new ChangeFollower(client, System.out, Terminal.isTerminal(), pollInterval)
            .follow(asked.id());
        System.out.println(ChangeFollower.outcomeLine(ended));
        return takenBack(ended.state()) ? 0 : NetshadowCommand.EXIT_FAILED;
    }

    private static boolean takenBack(final ChangeState state)
    {
        return ChangeState.ABORTED == state || ChangeState.ROLLED_BACK == state || ChangeState.FAILED == state;
    }
}
