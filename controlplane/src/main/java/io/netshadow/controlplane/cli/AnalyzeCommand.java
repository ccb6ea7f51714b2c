package io.netshadow.controlplane.cli;

import io.netshadow.forecaster.SeriesModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netshadow analyze --input series.csv}: streams a KPI series from a CSV file through the forecaster's anomaly
 * detector and writes every row with its anomaly score and label.
 * <p>
 * The input has a header naming a {@code timestamp} and a {@code value} column (in any order, among others); see
 * {@link Timestamps} for the timestamp forms accepted. Rows whose timestamp or value cannot be read, or whose
 * timestamp is not after the previous good row's, are reported on stderr with their line number and skipped.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
    description = {
        "Score every value of a KPI series for anomaly with the forecaster's detector.",
        "Input: CSV with a header and columns timestamp,value. Timestamps: ISO-8601 (2026-11-27T04:00:00Z, with an " +
            "offset, or without one as UTC) or epoch seconds or milliseconds (a number below 10^11 is seconds, " +
            "otherwise milliseconds; fractions allowed).",
        "Output: timestamp,value,anomaly_score,label with the score in [0,1] and the label 'anomaly' when the " +
            "score is at least the threshold, else 'normal'."
    })
final class AnalyzeCommand implements Callable<Integer>
{
    /**
     * Default score from which a value is labelled an anomaly.
     */
    static final double DEFAULT_THRESHOLD = 0.5;

    static final String HEADER = "timestamp,value,anomaly_score,label";
    private static final long REPORT_NS = 1_000_000_000L;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The CSV series to analyze.")
    Path input;

    @Option(names = "--output", paramLabel = "FILE",
        description = "Where to write the scored series (default: stdout).")
    Path output;

    @Option(names = "--threshold", paramLabel = "SCORE", defaultValue = "0.5",
        description = "Score from which a value is labelled 'anomaly', in (0,1]. Default: ${DEFAULT-VALUE}.")
    double threshold = DEFAULT_THRESHOLD;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException
    {
        if (!(threshold > 0.0 && threshold <= 1.0))
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--threshold: must be in (0,1], not " + threshold);
        }
        final PrintWriter err = spec.commandLine().getErr();
        final String name = input.toString();
        final long sizeBytes;
        try
        {
            sizeBytes = Files.size(input);
        }
        catch (final NoSuchFileException ex)
        {
            throw new IOException(name + ": no such file", ex);
        }

        final Summary summary;
        try (BufferedReader reader = Files.newBufferedReader(input, StandardCharsets.UTF_8);
            Writer writer = null == output ?
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)) :
                Files.newBufferedWriter(output, StandardCharsets.UTF_8))
        {
            summary = analyze(name, reader, writer, err, new Progress(err, "analyze", "rows", sizeBytes, REPORT_NS));
            writer.flush();
            if (0 == summary.rows)
            {
                throw new IOException(name + ": no valid row" +
                    (summary.badRows > 0 ? " (" + summary.badRows + " bad rows)" : ""));
            }
        }
        catch (final IOException ex)
        {
            if (null != output)
            {
                Files.deleteIfExists(output);
            }
            throw ex;
        }
        err.printf(Locale.ROOT, "analyzed %,d rows of %s: %,d anomalies (score >= %s), %,d bad rows skipped%n",
            summary.rows, name, summary.anomalies, threshold, summary.badRows);
        err.flush();
        return 0;
    }

    private Summary analyze(
        final String name,
        final BufferedReader reader,
        final Writer writer,
        final PrintWriter err,
        final Progress progress) throws IOException
    {
        final Summary summary = new Summary();
        final String header = reader.readLine();
        if (null == header)
        {
            throw new IOException(name + ": empty file; expected a header with timestamp,value columns");
        }
        final String[] names = split(stripByteOrderMark(header));
        final int timestampColumn = column(names, "timestamp");
        final int valueColumn = column(names, "value");
        if (timestampColumn < 0 || valueColumn < 0)
        {
            throw new IOException(name + ":1: header must name the columns timestamp and value, found '" +
                header + "'");
        }

        writer.write(HEADER);
        writer.write('\n');
        final SeriesModel model = new SeriesModel("value");
        long positionBytes = header.length() + 1L;
        long previousNs = Long.MIN_VALUE;
        long line = 1;
        String text;
        while (null != (text = reader.readLine()))
        {
            line++;
            positionBytes += text.length() + 1L;
            progress.onPacket(positionBytes);
            if (text.isBlank())
            {
                continue;
            }
            final String[] fields = split(text);
            final String problem;
            final int needed = Math.max(timestampColumn, valueColumn) + 1;
            if (fields.length < needed)
            {
                problem = "expected " + names.length + " columns, found " + fields.length;
            }
            else
            {
                final String timestamp = fields[timestampColumn];
                final long timeNs = Timestamps.parseNs(timestamp);
                final double value = parseValue(fields[valueColumn]);
                if (Timestamps.INVALID == timeNs)
                {
                    problem = "timestamp: not ISO-8601 nor epoch seconds or milliseconds '" + timestamp + "'";
                }
                else if (Double.isNaN(value))
                {
                    problem = "value: not a number '" + fields[valueColumn] + "'";
                }
                else if (timeNs <= previousNs)
                {
                    problem = "timestamp: not after the previous row's '" + timestamp + "'";
                }
                else
                {
                    previousNs = timeNs;
                    final double score = Math.clamp(model.update(timeNs, value).anomalyGrade(), 0.0, 1.0);
                    final boolean anomaly = score >= threshold;
                    summary.rows++;
                    summary.anomalies += anomaly ? 1 : 0;
                    writer.write(timestamp);
                    writer.write(',');
                    writer.write(fields[valueColumn]);
                    writer.write(',');
                    writer.write(String.format(Locale.ROOT, "%.4f", score));
                    writer.write(anomaly ? ",anomaly\n" : ",normal\n");
                    continue;
                }
            }
            summary.badRows++;
            err.println(name + ":" + line + ": " + problem);
        }
        progress.finish();
        return summary;
    }

    private static double parseValue(final String text)
    {
        try
        {
            final double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        }
        catch (final NumberFormatException ex)
        {
            return Double.NaN;
        }
    }

    private static int column(final String[] names, final String wanted)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (wanted.equalsIgnoreCase(names[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static String stripByteOrderMark(final String text)
    {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static String[] split(final String text)
    {
        final String[] fields = text.split(",", -1);
        for (int i = 0; i < fields.length; i++)
        {
            final String field = fields[i].trim();
            fields[i] = field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"") ?
                field.substring(1, field.length() - 1).trim() : field;
        }
        return fields;
    }

    private static final class Summary
    {
        long rows;
        long anomalies;
        long badRows;
    }
}
