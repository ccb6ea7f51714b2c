package io.netshadow.controlplane.cli;

import io.netshadow.forecaster.KpiThreshold;
import io.netshadow.forecaster.evaluation.DecisionMethod;
import io.netshadow.forecaster.evaluation.DecisionMethods;
import io.netshadow.forecaster.evaluation.KayentaMethod;
import io.netshadow.forecaster.evaluation.NetshadowMethod;
import io.netshadow.forecaster.evaluation.StaticThresholdMethod;
import io.netshadow.forecaster.suite.Scenario;
import io.netshadow.forecaster.suite.ScenarioShape;
import io.netshadow.forecaster.suite.SuiteKpi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EvaluateCommandTest
{
    private static final int INTERVALS = 200;
    private static final int CHANGE_INDEX = 100;
    private static final double[] LEVELS = {1e9, 0.001, 1e6, 5e6, 1e5, 0.002};

    @TempDir
    Path directory;

    @Test
    void printsAHeaderAndARowPerMethodOverTheHeldBackPart() throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        final int exitCode = evaluate(out, err, "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        final List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("method             scenarios  recall   false rollbacks  ttv harmful p50/90 " +
            "ttv harmless p50/90  total harm median harm    cost/sample");
        assertThat(lines.get(1)).matches(
            "static-threshold\\s+3\\s+1\\.000\\s+0 \\(0\\.0 %\\)\\s+30 / 30 s\\s+300 / 300 s\\s+7\\.5\\s+7\\.50\\s+[0-9,]+ ns");
        assertThat(lines.get(2)).matches(
            "kayenta\\s+3\\s+1\\.000\\s+0 \\(0\\.0 %\\)\\s+600 / 600 s\\s+600 / 600 s\\s+150\\.0\\s+150\\.00\\s+[0-9,]+ ns");
        assertThat(err.toString()).contains("static-threshold: 3 scenarios judged in ", "kayenta: 3 scenarios judged in ");
    }

    @Test
    void csvFilesKeepTheirColumnsAndARowPerScenarioAndMethod() throws Exception
    {
        final StringWriter err = new StringWriter();

        final int exitCode = evaluate(new StringWriter(), err, "--out", directory.toString(), "--part", "all");

        assertThat(exitCode).as(err.toString()).isZero();
        final List<String> summary = Files.readAllLines(directory.resolve("summary.csv"));
        assertThat(summary.getFirst()).isEqualTo("method,scenarios,harmful,harmless,recall,false_rollbacks," +
            "false_rollback_share,median_time_to_verdict_s,p90_time_to_verdict_s,median_time_to_verdict_harmful_s," +
            "p90_time_to_verdict_harmful_s,median_time_to_verdict_harmless_s,p90_time_to_verdict_harmless_s," +
            "total_harm,median_harm,cost_per_sample_ns");
        assertThat(summary.get(1)).startsWith("static-threshold,4,1,3,1,0,0,300,300,30,30,300,300,7.5,7.5,");
        final List<String> scenarios = Files.readAllLines(directory.resolve("scenarios.csv"));
        assertThat(scenarios.getFirst())
            .isEqualTo("method,id,shape,harmful,decision,decided_interval,time_to_verdict_s,harm,deciding_series");
        assertThat(scenarios).hasSize(1 + 2 * 4).contains(
            "static-threshold,step-1,STEP,true,ROLL_BACK,102,30,7.5,live.loss_ratio",
            "static-threshold,flat-1,NO_EFFECT,false,KEEP,129,300,0,",
            "kayenta,step-1,STEP,true,ROLL_BACK,159,600,150,live.loss_ratio",
            "kayenta,flat-tuning,NO_EFFECT,false,KEEP,159,600,0,");
    }

    @Test
    void reportPlotsAScenarioOfEachShapeWithEveryMethodsVerdict() throws Exception
    {
        final StringWriter err = new StringWriter();

        final int exitCode = evaluate(new StringWriter(), err, "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        final String html = Files.readString(directory.resolve("report.html"));
        assertThat(html).contains("<h3>step-1: STEP (harmful), live.loss_ratio</h3>",
            "<h3>flat-1: NO_EFFECT (harmless), live.loss_ratio</h3>", "static-threshold: roll back after 30 s",
            "kayenta: keep after 600 s", ">threshold</text>", ">change</text>", "median time to roll back s", "median time to keep s");
        assertThat(html).doesNotContain("flat-2:");
    }

    @Test
    void oneMethodCanBeChosenAndAnUnknownOneIsRefusedWithTheKnownNames()
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        assertThat(evaluate(out, new StringWriter(), "--out", directory.toString(), "--methods", "kayenta")).isZero();
        assertThat(out.toString().lines().skip(1).toList()).singleElement().asString().startsWith("kayenta ");

        assertThat(evaluate(new StringWriter(), err, "--methods", "kayenta,oracle")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown method oracle; known: static-threshold, kayenta or all");
    }

    @Test
    void netshadowsOwnMethodComesFirstBesideTheTwoBaselines()
    {
        assertThat(DecisionMethods.all()).extracting(DecisionMethod::name)
            .containsExactly(NetshadowMethod.NAME, StaticThresholdMethod.NAME, KayentaMethod.NAME);
    }

    @Test
    void anUnknownPartIsRefused()
    {
        final StringWriter err = new StringWriter();

        assertThat(evaluate(new StringWriter(), err, "--part", "most")).isEqualTo(2);
        assertThat(err.toString()).contains("--part must be held-back, tuning or all, got most");
    }

    @Test
    void theLauncherCarriesTheEvaluateCommand()
    {
        final StringWriter out = new StringWriter();

        final int exitCode = PcapInspectCommandTest.commandLine(new StringWriter(), out).execute("evaluate", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--seed", "--count", "--part", "--out", "--methods");
    }

    private static int evaluate(final StringWriter out, final StringWriter err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new EvaluateCommand(
            (seed, count) -> List.of(
                scenario("step-1", ScenarioShape.STEP, 0.05, true),
                scenario("flat-1", ScenarioShape.NO_EFFECT, 0.0, true),
                scenario("flat-2", ScenarioShape.NO_EFFECT, 0.0, true),
                scenario("flat-tuning", ScenarioShape.NO_EFFECT, 0.0, false)),
            () -> List.of(new StaticThresholdMethod(), new KayentaMethod())));
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static Scenario scenario(final String id, final ScenarioShape shape, final double lossStep,
        final boolean heldBack)
    {
        final int kpis = SuiteKpi.values().length;
        final double[][] live = new double[kpis][INTERVALS];
        final double[][] shadow = new double[kpis][INTERVALS];
        for (int k = 0; k < kpis; k++)
        {
            for (int t = 0; t < INTERVALS; t++)
            {
                final double step = SuiteKpi.LOSS_RATIO.ordinal() == k && t >= CHANGE_INDEX ? lossStep : 0.0;
                live[k][t] = LEVELS[k] + step;
                shadow[k][t] = LEVELS[k] + step;
            }
        }
        final List<KpiThreshold> thresholds = new ArrayList<>();
        for (final SuiteKpi kpi : SuiteKpi.values())
        {
            final boolean ratio = SuiteKpi.LOSS_RATIO == kpi || SuiteKpi.RETRANSMISSION_RATIO == kpi;
            thresholds.addAll(KpiThreshold.onBothSides(kpi.seriesName(), kpi.direction(),
                ratio ? 0.02 : Double.NaN, ratio ? Double.NaN : 0.25));
        }
        final boolean harmful = shape.harmful();
        return new Scenario(id, 7, shape, heldBack, 10_000_000_000L, CHANGE_INDEX, harmful ? CHANGE_INDEX : -1,
            harmful ? List.of(SuiteKpi.LOSS_RATIO) : List.of(), live, shadow, thresholds);
    }
}
