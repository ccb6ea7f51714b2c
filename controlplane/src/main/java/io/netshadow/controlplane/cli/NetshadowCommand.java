package io.netshadow.controlplane.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * The {@code netshadow} launcher: one command with a subcommand per task. Bad input ends with a one-line reason
 * and a non-zero exit code; {@code --verbose} adds the stack trace.
 */
@Command(
    name = "netshadow",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Makes network changes safe: mirrored traffic, a sampled shadow network, forecasts and rollback.",
    subcommands = {
        DemoCommand.class,
        DaemonCommand.class,
        ShadowCommand.class,
        FidelityCommand.class,
        ChangeCommand.class,
        PcapCommand.class,
        JournalCommand.class,
        ReplayCommand.class,
        AnalyzeCommand.class,
        HistoryCommand.class,
        CaptureCommand.class,
        EvaluateCommand.class,
        CommandLine.HelpCommand.class
    })
public final class NetshadowCommand
{
    /** Exit code for bad input: a wrong file, a refused value, a port already in use. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a run that completed but whose result is wrong (e.g. a demo change judged wrongly). */
    public static final int EXIT_FAILED = 1;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
        description = "Print stack traces of errors.")
    boolean verbose;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args));
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments.
     * @return the exit code.
     */
    public static int execute(final String... args)
    {
        return execute(new PrintWriter(System.err, true), args);
    }

    /**
     * Runs the command line, writing errors to the given writer.
     *
     * @param err  where errors go.
     * @param args the arguments.
     * @return the exit code.
     */
    public static int execute(final PrintWriter err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new NetshadowCommand());
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
        commandLine.setErr(err);
        return commandLine.execute(args);
    }
}
