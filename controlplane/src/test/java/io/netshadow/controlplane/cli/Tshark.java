package io.netshadow.controlplane.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs Wireshark's {@code tshark} on a capture file. Tests that need it skip with a reason where it is not
 * installed, and fail instead under {@code CI=true}, where {@code .ci/run} installs it.
 */
final class Tshark
{
    private static final boolean AVAILABLE = probe();

    private Tshark()
    {
    }

    static void require()
    {
        if (AVAILABLE)
        {
            return;
        }
        if ("true".equals(System.getenv("CI")))
        {
            fail("tshark is required under CI=true: apt-get install -y tshark");
        }
        assumeTrue(false, "tshark is not installed (apt-get install -y tshark); this comparison runs in CI");
    }

    /**
     * The fields of every packet, one list per packet, in file order.
     */
    static List<String[]> fields(final Path file, final String... fields) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields",
            "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,"));
        for (final String field : fields)
        {
            command.add("-e");
            command.add(field);
        }
        final Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || 0 != process.exitValue())
        {
            fail("tshark -r " + file + " failed with exit code " + process.exitValue() + ": " + output);
        }
        final List<String[]> packets = new ArrayList<>();
        for (final String line : output.split("\n"))
        {
            if (!line.isEmpty())
            {
                packets.add(line.split("\t", -1));
            }
        }
        return packets;
    }

    private static boolean probe()
    {
        try
        {
            final Process process = new ProcessBuilder("tshark", "-v").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && 0 == process.exitValue();
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }
}
