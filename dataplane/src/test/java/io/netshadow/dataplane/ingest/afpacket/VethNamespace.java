package io.netshadow.dataplane.ingest.afpacket;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * A network namespace and a veth pair for capture tests: the capture end stays in the test's namespace, the peer
 * end moves into the new namespace, and raw frames are sent from the peer with a small {@code python3} sender.
 * Both ends carry addresses of 198.18.0.0/30 (benchmarking range) and nothing leaves the pair. Names start with
 * {@code ns-} and end with a random suffix; {@link #close()} removes both. Without root, {@code ip netns} or
 * {@code python3} the test is skipped with the reason, except under {@code CI=true}, where it fails.
 */
final class VethNamespace implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    private static final String SENDER = String.join("\n",
        "import socket, sys",
        "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
        "s.bind((sys.argv[1], 0))",
        "for line in sys.stdin:",
        "    line = line.strip()",
        "    if line:",
        "        s.send(bytes.fromhex(line))");

    private final String namespace;
    private final String captureInterface;
    private final String peerInterface;

    private VethNamespace(final String suffix)
    {
        this.namespace = "ns-" + suffix;
        this.captureInterface = "ns-c" + suffix;
        this.peerInterface = "ns-p" + suffix;
    }

    /**
     * Creates the namespace and the veth pair, both ends up, or skips (fails under CI) when it cannot.
     *
     * @return the pair.
     */
    static VethNamespace create()
    {
        if (!"0".equals(output("id", "-u").strip()))
        {
            skipOrFail("AF_PACKET capture tests need root (CAP_NET_RAW and CAP_NET_ADMIN)");
        }
        requirePrerequisite("ip", "netns", "list");
        requirePrerequisite("python3", "-c", "import socket; socket.AF_PACKET");
        final VethNamespace pair = new VethNamespace(
            Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10_0000, 0x100_0000)));
        try
        {
            pair.ip("netns", "add", pair.namespace);
            pair.ip("link", "add", pair.captureInterface, "type", "veth",
                "peer", "name", pair.peerInterface, "netns", pair.namespace);
            pair.ip("address", "add", "198.18.0.2/30", "dev", pair.captureInterface);
            pair.ip("link", "set", pair.captureInterface, "up");
            pair.ip("-n", pair.namespace, "address", "add", "198.18.0.1/30", "dev", pair.peerInterface);
            pair.ip("-n", pair.namespace, "link", "set", pair.peerInterface, "up");
            return pair;
        }
        catch (final RuntimeException | Error ex)
        {
            pair.close();
            throw ex;
        }
    }

    /**
     * The end to capture on, in the test's namespace.
     *
     * @return its name.
     */
    String captureInterface()
    {
        return captureInterface;
    }

    /**
     * Sends raw Ethernet frames from the peer end, in order, and waits until all are sent.
     *
     * @param frames the frames.
     */
    void send(final List<byte[]> frames)
    {
        final StringBuilder input = new StringBuilder();
        for (final byte[] frame : frames)
        {
            input.append(HexFormat.of().formatHex(frame)).append('\n');
        }
        run(input.toString(), "ip", "netns", "exec", namespace, "python3", "-c", SENDER, peerInterface);
    }

    /**
     * Removes the veth pair and the namespace; safe to call after a partial setup.
     */
    @Override
    public void close()
    {
        quietly("ip", "link", "del", captureInterface);
        quietly("ip", "netns", "del", namespace);
    }

    private void ip(final String... arguments)
    {
        final List<String> command = new ArrayList<>();
        command.add("ip");
        command.addAll(List.of(arguments));
        run("", command.toArray(String[]::new));
    }

    private static void requirePrerequisite(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            final String outputText = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS) || 0 != process.exitValue())
            {
                skipOrFail("'" + String.join(" ", command) + "' is unavailable: " + outputText.strip());
            }
        }
        catch (final IOException ex)
        {
            skipOrFail("'" + command[0] + "' is unavailable: " + ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            skipOrFail("interrupted while checking '" + command[0] + "'");
        }
    }

    private static void skipOrFail(final String reason)
    {
        if ("true".equals(System.getenv("CI")))
        {
            fail(reason + " (CI=true: capture tests must run)");
        }
        Assumptions.abort(reason);
    }

    private static String output(final String... command)
    {
        return run("", command);
    }

    private static String run(final String input, final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = process.getOutputStream())
            {
                stdin.write(input.getBytes(StandardCharsets.US_ASCII));
            }
            final String outputText = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' timed out");
            }
            if (0 != process.exitValue())
            {
                throw new IllegalStateException("'" + String.join(" ", command) + "' exited with " +
                    process.exitValue() + ": " + outputText.strip());
            }
            return outputText;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot run '" + command[0] + "': " + ex.getMessage(), ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running '" + command[0] + "'", ex);
        }
    }

    private static void quietly(final String... command)
    {
        try
        {
            final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final IOException ex)
        {
            // Nothing to remove when the command cannot run.
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
