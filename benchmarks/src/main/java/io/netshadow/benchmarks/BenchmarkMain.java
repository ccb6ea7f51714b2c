package io.netshadow.benchmarks;

import org.openjdk.jmh.Main;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * Runs JMH with its own command line, appending to every fork's JVM the options the libraries need on JDK 25.
 * The options are the parent POM's {@code netshadow.jvm.options}, filtered at build time into the
 * {@code jvm.options} resource beside this class, so the POM stays their one source. Options that the forks
 * already inherit from this JVM's command line are not repeated; a {@code -jvmArgsAppend} given on the command
 * line is kept and goes after them.
 */
public final class BenchmarkMain
{
    private static final String JVM_OPTIONS_RESOURCE = "jvm.options";
    private static final String JVM_ARGS = "-jvmArgs";
    private static final String JVM_ARGS_APPEND = "-jvmArgsAppend";

    private BenchmarkMain()
    {
    }

    /**
     * Runs the benchmarks that JMH's command line selects.
     *
     * @param args JMH's command line; {@code -h} lists its options.
     * @throws Exception when JMH cannot run.
     */
    public static void main(final String[] args) throws Exception
    {
        Main.main(withJvmOptions(args, missingJvmOptions(args)));
    }

    /**
     * The options the forks need and would not get otherwise: all of them when {@code -jvmArgs} replaces what the
     * forks inherit, else those absent from this JVM's command line.
     */
    private static String missingJvmOptions(final String[] args) throws IOException
    {
        final List<String> inherited = Arrays.asList(args).contains(JVM_ARGS) ?
            List.of() : ManagementFactory.getRuntimeMXBean().getInputArguments();
        final StringJoiner missing = new StringJoiner(" ");
        for (final String option : jvmOptions())
        {
            if (!inherited.contains(option))
            {
                missing.add(option);
            }
        }
        return missing.toString();
    }

    private static String[] jvmOptions() throws IOException
    {
        try (InputStream in = BenchmarkMain.class.getResourceAsStream(JVM_OPTIONS_RESOURCE))
        {
            if (null == in)
            {
                throw new IllegalStateException("no " + JVM_OPTIONS_RESOURCE + " resource: build with ./mvnw package");
            }
            final String options = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (options.contains("${"))
            {
                throw new IllegalStateException(JVM_OPTIONS_RESOURCE + " was not filtered by the build: " + options);
            }
            return options.split("\\s+");
        }
    }

    private static String[] withJvmOptions(final String[] args, final String jvmOptions)
    {
        if (jvmOptions.isEmpty())
        {
            return args;
        }
        final List<String> result = new ArrayList<>(args.length + 2);
        boolean appended = false;
        for (int i = 0; i < args.length; i++)
        {
            result.add(args[i]);
            if (JVM_ARGS_APPEND.equals(args[i]) && i + 1 < args.length)
            {
                result.add(jvmOptions + " " + args[++i]);
                appended = true;
            }
        }
        if (!appended)
        {
            result.addFirst(jvmOptions);
            result.addFirst(JVM_ARGS_APPEND);
        }
        return result.toArray(String[]::new);
    }
}
