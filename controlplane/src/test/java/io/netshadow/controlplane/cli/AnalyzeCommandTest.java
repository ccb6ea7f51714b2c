package io.netshadow.controlplane.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netshadow analyze}: the scored series' format, a spike scored above the rest, bad rows named by line.
 */
class AnalyzeCommandTest
{
    private static final long START_SECONDS = 1_796_000_000L;
    private static final int ROWS = 400;
    private static final int SPIKE_ROW = 300;

    @TempDir
    Path dir;

    @Test
    void writesHeaderAndFourColumnsPerRowWithScoreInUnitRange() throws IOException
    {
        final Path input = write("series.csv", series(false));
        final Path output = dir.resolve("out.csv");

        final Result result = run("analyze", "--input", input.toString(), "--output", output.toString());

        assertThat(result.exitCode).isZero();
        final List<String> lines = Files.readAllLines(output);
        assertThat(lines.getFirst()).isEqualTo("timestamp,value,anomaly_score,label");
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.get(1)).startsWith(START_SECONDS + ",");
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] fields = line.split(",", -1);
            assertThat(fields).hasSize(4);
            assertThat(Double.parseDouble(fields[2])).isBetween(0.0, 1.0);
            assertThat(fields[3]).isIn("anomaly", "normal");
        }
        assertThat(result.err).contains("analyzed 400 rows of " + input, "0 bad rows skipped");
    }

    @Test
    void scoresASpikeAboveEveryOtherValueAndLabelsItAnomaly() throws IOException
    {
        final Path input = write("series.csv", series(true));
        final Path output = dir.resolve("out.csv");

        final Result result = run("analyze", "--input", input.toString(), "--output", output.toString());

        assertThat(result.exitCode).isZero();
        final List<String> rows = Files.readAllLines(output).subList(1, ROWS + 1);
        final String[] spike = rows.get(SPIKE_ROW).split(",");
        assertThat(spike[3]).isEqualTo("anomaly");
        final double spikeScore = Double.parseDouble(spike[2]);
        for (int i = 0; i < rows.size(); i++)
        {
            if (SPIKE_ROW != i)
            {
                assertThat(Double.parseDouble(rows.get(i).split(",")[2])).as("row %d", i).isLessThan(spikeScore);
            }
        }
    }

    @Test
    void readsIsoTimestampsAndEpochMillis() throws IOException
    {
        final Path iso = write("iso.csv", "timestamp,value\n2026-11-27T04:00:00Z,1\n2026-11-27T05:00:01+01:00,2\n" +
            "2026-11-27T04:00:02,3\n");
        final Path millis = write("millis.csv", "value,timestamp\n1,1796000000000\n2,1796000001000.5\n");

        assertThat(run("analyze", "--input", iso.toString(), "--output", dir.resolve("a.csv").toString()).err)
            .contains("analyzed 3 rows", "0 bad rows");
        assertThat(run("analyze", "--input", millis.toString(), "--output", dir.resolve("b.csv").toString()).err)
            .contains("analyzed 2 rows", "0 bad rows");
        assertThat(Files.readAllLines(dir.resolve("b.csv")).get(1)).startsWith("1796000000000,1,");
    }

    @Test
    void reportsBadRowsWithTheirLineNumbersAndSkipsThem() throws IOException
    {
        final Path input = write("series.csv", """
            timestamp,value
            1796000000,1.0
            1796000001,abc
            yesterday,2.0
            1796000002
            1796000000,3.0
            1796000003,4.0
            """);
        final Path output = dir.resolve("out.csv");

        final Result result = run("analyze", "--input", input.toString(), "--output", output.toString());

        assertThat(result.exitCode).isZero();
        assertThat(result.err).contains(
            input + ":3: value: not a number 'abc'",
            input + ":4: timestamp: not ISO-8601 nor epoch seconds or milliseconds 'yesterday'",
            input + ":5: expected 2 columns, found 1",
            input + ":6: timestamp: not after the previous row's '1796000000'",
            "analyzed 2 rows of " + input, "4 bad rows skipped");
        assertThat(Files.readAllLines(output)).hasSize(3);
    }

    @Test
    void fileWithoutAnyValidRowEndsWithOneLineAndExitCodeTwo() throws IOException
    {
        final Path empty = write("empty.csv", "");
        final Path headerOnly = write("header.csv", "timestamp,value\n");
        final Path allBad = write("bad.csv", "timestamp,value\nx,y\n");

        final Result emptyResult = run("analyze", "--input", empty.toString(), "--output",
            dir.resolve("empty-out.csv").toString());
        final Result headerResult = run("analyze", "--input", headerOnly.toString());
        final Result badResult = run("analyze", "--input", allBad.toString(), "--output",
            dir.resolve("out.csv").toString());

        assertThat(emptyResult.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(emptyResult.err.strip()).isEqualTo(
            "netshadow: " + empty + ": empty file; expected a header with timestamp,value columns");
        assertThat(headerResult.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(headerResult.err.strip()).isEqualTo("netshadow: " + headerOnly + ": no valid row");
        assertThat(badResult.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(badResult.err).contains("netshadow: " + allBad + ": no valid row (1 bad rows)")
            .doesNotContain("\tat ");
        assertThat(dir.resolve("out.csv")).doesNotExist();
        assertThat(dir.resolve("empty-out.csv")).doesNotExist();
    }

    @Test
    void headerWithoutTheColumnsIsRefused() throws IOException
    {
        final Path input = write("series.csv", "time,reading\n1,2\n");

        final Result result = run("analyze", "--input", input.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains(input + ":1: header must name the columns timestamp and value");
    }

    private static String series(final boolean spike)
    {
        final Random random = new Random(42);
        final StringBuilder text = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < ROWS; i++)
        {
            final double seasonal = 100.0 + 10.0 * Math.sin(2.0 * Math.PI * i / 50.0);
            final double value = spike && SPIKE_ROW == i ? 400.0 : seasonal + random.nextGaussian();
            text.append(START_SECONDS + i).append(',').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
        }
        return text.toString();
    }

    private Path write(final String name, final String text) throws IOException
    {
        final Path path = dir.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    private static Result run(final String... args)
    {
        final StringWriter err = new StringWriter();
        final int exitCode = NetshadowCommand.execute(new PrintWriter(err, true), args);
        return new Result(exitCode, err.toString());
    }

    private record Result(int exitCode, String err)
    {
    }
}
