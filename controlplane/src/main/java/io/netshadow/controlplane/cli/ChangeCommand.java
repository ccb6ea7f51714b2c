package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.orchestrator.ChangeState;
import picocli.CommandLine.Command;

/**
 * {@code netshadow change}: plan changes, apply them through the daemon, follow, abort, and read their history.
 */
@Command(name = "change", mixinStandardHelpOptions = true,
    description = "Plan, apply, follow and abort changes, and read their history.",
    subcommands = {
        ChangePlanCommand.class,
        ChangeApplyCommand.class,
        ChangeStatusCommand.class,
        ChangeAbortCommand.class,
        ChangeHistoryCommand.class
    })
final class ChangeCommand
{
    /** Exit code of a change rolled back after a verdict. */
    static final int EXIT_ROLLED_BACK = 3;
    /** Exit code of a change an operator aborted. */
    static final int EXIT_ABORTED = 4;

    private ChangeCommand()
    {
    }

    /**
     * The exit code for how a change ended: 0 committed, 3 rolled back, 4 aborted, 1 failed or unfinished.
     */
    static int exitCode(final ChangeState state)
    {
        return switch (state)
        {
            case COMMITTED -> 0;
            case ROLLED_BACK -> EXIT_ROLLED_BACK;
            case ABORTED -> EXIT_ABORTED;
            case FAILED, UNFINISHED, RUNNING -> NetshadowCommand.EXIT_FAILED;
        };
    }
}
