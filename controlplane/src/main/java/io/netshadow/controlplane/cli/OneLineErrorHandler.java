package io.netshadow.controlplane.cli;

import picocli.CommandLine;

/**
 * Turns an exception out of a subcommand into one line on stderr and {@link NetshadowCommand#EXIT_BAD_INPUT}:
 * operators get a reason, not a stack trace, unless they asked for it with {@code --verbose}.
 */
final class OneLineErrorHandler implements CommandLine.IExecutionExceptionHandler
{
    @Override
    public int handleExecutionException(
        final Exception ex, final CommandLine commandLine, final CommandLine.ParseResult parseResult)
    {
        final boolean verbose = parseResult.hasMatchedOption("--verbose") ||
            parseResult.subcommands().stream().anyMatch(sub -> hasVerbose(sub));
        commandLine.getErr().println("netshadow: " + describe(ex));
        if (verbose)
        {
            ex.printStackTrace(commandLine.getErr());
        }
        commandLine.getErr().flush();
        return NetshadowCommand.EXIT_BAD_INPUT;
    }

    private static boolean hasVerbose(final CommandLine.ParseResult result)
    {
        return result.hasMatchedOption("--verbose") || result.subcommands().stream().anyMatch(sub -> hasVerbose(sub));
    }

    static String describe(final Throwable ex)
    {
        final String message = ex.getMessage();
        if (null == message || message.isBlank())
        {
            return ex.getClass().getSimpleName() + (null == ex.getCause() ? "" : ": " + describe(ex.getCause()));
        }
        return message;
    }
}
