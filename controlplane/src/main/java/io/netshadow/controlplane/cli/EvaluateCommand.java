package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.report.EvaluationCsv;
import io.netshadow.controlplane.report.EvaluationReport;
import io.netshadow.controlplane.report.EvaluationTable;
import io.netshadow.forecaster.evaluation.DecisionMethod;
import io.netshadow.forecaster.evaluation.DecisionMethods;
import io.netshadow.forecaster.evaluation.SuiteEvaluation;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.ScenarioSuite;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * {@code netshadow evaluate}: judges the scenario suite with every decision method and reports, per method, recall
 * on harmful changes, false rollbacks of harmless ones, time to verdict, harm and cost per sample, as a table, CSV
 * and an HTML report with plots.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
    description = "Judge the scenario suite with each decision method and report recall, false rollbacks, time to " +
        "verdict, harm and cost per sample: a table on stdout, summary.csv, scenarios.csv and report.html in --out.")
final class EvaluateCommand implements Callable<Integer>
{
    /**
     * Where the scenarios come from: the suite generated from a seed.
     */
    @FunctionalInterface
    interface ScenarioSource
    {
        /**
         * Generates the suite.
         *
         * @param seed  the suite's seed.
         * @param count scenarios to generate.
         * @return the scenarios, held-back and tuning parts marked.
         */
        List<Scenario> generate(long seed, int count);
    }

    @Option(names = "--seed", defaultValue = "1", description = "The suite's seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--count", defaultValue = "500", description = "Scenarios in the suite (default ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--part", defaultValue = "held-back",
        description = "Which part of the suite to judge: held-back, tuning or all (default ${DEFAULT-VALUE}).")
    String part;

    @Option(names = "--out", defaultValue = "evaluation",
        description = "Directory for summary.csv, scenarios.csv and report.html (default ./${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--methods", defaultValue = "all", split = ",",
        description = "Methods to judge with, comma-separated, or all (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ScenarioSource source;
    private final Supplier<List<DecisionMethod>> available;

    /**
     * The command as the launcher builds it: the scenario suite and every method.
     */
    EvaluateCommand()
    {
        this(ScenarioSuite::generate, DecisionMethods::all);
    }

    /**
     * The command over a given scenario source and methods.
     *
     * @param source    where the scenarios come from.
     * @param available the methods that can be chosen.
     */
    EvaluateCommand(final ScenarioSource source, final Supplier<List<DecisionMethod>> available)
    {
        this.source = source;
        this.available = available;
    }

    @Override
    public Integer call() throws IOException
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (count < 1)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        final List<DecisionMethod> chosen = chooseMethods();
        final List<Scenario> scenarios = select(source.generate(seed, count));
        if (scenarios.isEmpty())
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "the " + part + " part of a suite of " + count + " scenarios is empty");
        }
        final List<SuiteEvaluation.MethodEvaluation> evaluations = new ArrayList<>(chosen.size());
        for (final DecisionMethod method : chosen)
        {
            final ScenarioProgress progress = new ScenarioProgress(err, method.name());
            evaluations.add(SuiteEvaluation.evaluate(method, scenarios, progress));
            progress.finish(scenarios.size());
        }
        final List<String> lines = EvaluationTable.lines(
            evaluations.stream().map(SuiteEvaluation.MethodEvaluation::summary).toList());
        lines.forEach(stdout::println);
        stdout.flush();

        final String title = "netshadow evaluate";
        final List<String> summary = List.of(String.format(Locale.ROOT,
            "suite seed %d, %d scenarios, %s part: %d scenarios (%d harmful, %d harmless)", seed, count, part,
            scenarios.size(), scenarios.stream().filter(Scenario::harmful).count(),
            scenarios.stream().filter(scenario -> !scenario.harmful()).count()));
        EvaluationCsv.write(out, evaluations);
        EvaluationReport.write(out.resolve("report.html"), title, summary, evaluations);
        err.println("wrote " + out.resolve("summary.csv") + ", " + out.resolve("scenarios.csv") + " and " +
            out.resolve("report.html"));
        err.flush();
        return 0;
    }

    private List<Scenario> select(final List<Scenario> suite)
    {
        return switch (part)
        {
            case "held-back" -> suite.stream().filter(Scenario::heldBack).toList();
            case "tuning" -> suite.stream().filter(scenario -> !scenario.heldBack()).toList();
            case "all" -> suite;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                "--part must be held-back, tuning or all, got " + part);
        };
    }

    private List<DecisionMethod> chooseMethods()
    {
        final List<DecisionMethod> all = available.get();
        if (methods.size() == 1 && "all".equals(methods.getFirst()))
        {
            return all;
        }
        final Set<String> names = new LinkedHashSet<>(methods);
        final List<DecisionMethod> chosen = new ArrayList<>();
        for (final String name : names)
        {
            final DecisionMethod method = all.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(
                () -> new CommandLine.ParameterException(spec.commandLine(), "unknown method " + name + "; known: " +
                    String.join(", ", all.stream().map(DecisionMethod::name).toList()) + " or all"));
            chosen.add(method);
        }
        return chosen;
    }
}
