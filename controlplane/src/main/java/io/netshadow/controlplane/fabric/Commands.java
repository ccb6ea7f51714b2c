package io.netshadow.controlplane.fabric;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the system's network tools ({@code ip}, {@code nft}, {@code tc}, {@code bridge}) as child processes and
 * turns a failure into a {@link LinuxFabricException} that quotes the command and what it printed.
 */
public final class Commands
{
    private static final long TIMEOUT_SECONDS = 30;

    private Commands()
    {
    }

    /**
     * Runs a command and returns what it printed.
     *
     * @param command the program and its arguments.
     * @return standard output and standard error, merged.
     * @throws LinuxFabricException when the command cannot start, times out or exits non-zero.
     */
    public static String run(final List<String> command)
    {
        return run(command, "");
    }

    /**
     * Runs a command with text on its standard input and returns what it printed.
     *
     * @param command the program and its arguments.
     * @param input   text for its standard input, such as an {@code nft -f -} script.
     * @return standard output and standard error, merged.
     * @throws LinuxFabricException when the command cannot start, times out or exits non-zero.
     */
    public static String run(final List<String> command, final String input)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream())
            {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new LinuxFabricException("'" + String.join(" ", command) + "' timed out");
            }
            if (0 != process.exitValue())
            {
                throw new LinuxFabricException("'" + String.join(" ", command) + "' exited with " +
                    process.exitValue() + ": " + output.strip());
            }
            return output;
        }
        catch (final IOException ex)
        {
            throw new LinuxFabricException("cannot run '" + command.getFirst() + "': " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new LinuxFabricException("interrupted running '" + String.join(" ", command) + "'", ex);
        }
    }

    /**
     * Runs a command for its effect only, ignoring failure: for removing what may already be gone.
     *
     * @param command the program and its arguments.
     * @return true when it exited with status 0.
     */
    public static boolean runQuietly(final List<String> command)
    {
        try
        {
            run(command);
            return true;
        }
        catch (final LinuxFabricException ex)
        {
            return false;
        }
    }

    /**
     * Whether a program can be run: it exists on the path and answers the given arguments with status 0.
     *
     * @param command the program and harmless arguments, such as {@code nft --version}.
     * @return true when it ran.
     */
    public static boolean available(final List<String> command)
    {
        return runQuietly(command);
    }
}
