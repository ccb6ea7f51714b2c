package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.ApiClient;
import io.netshadow.controlplane.api.ChangeUpload;
import io.netshadow.controlplane.orchestrator.ChangeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code netshadow change apply}: sends a change to the daemon and follows it to its end.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
    description = "Apply a change through the daemon and follow it to its end. Exit code: 0 committed, " +
        "3 rolled back, 4 aborted, 1 failed or unfinished, 2 bad input or the daemon unreachable.")
final class ChangeApplyCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "CHANGE", description = "The change file (YAML).")
    Path changeFile;

    @Option(names = "--detach", description = "Print the change id and return once the change has started.")
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
        final ChangeStatus started = client.apply(ChangeUpload.read(changeFile));
        System.out.println("change " + started.id() + " started: " + started.description());
        if (detach)
        {
            return 0;
        }
        final ChangeStatus ended = new ChangeFollower(client, System.out, Terminal.isTerminal(), pollInterval)
            .follow(started.id());
        System.out.println(ChangeFollower.outcomeLine(ended));
        return ChangeCommand.exitCode(ended.state());
    }
}
