package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.config.ConfigLoader;
import io.netshadow.controlplane.config.ForecasterConfig;
import io.netshadow.controlplane.fidelity.FidelityBenchmark;
import io.netshadow.controlplane.fidelity.FidelityReport;
import io.netshadow.controlplane.fidelity.FidelityResult;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileGenerator;
import io.netshadow.controlplane.profile.ProfileLoader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code netshadow fidelity}: how well shadows of several budgets predict what a set of changes does to the whole
 * network, in virtual time on the emulated fabric.
 */
@Command(name = "fidelity", mixinStandardHelpOptions = true,
    description = "Run the whole network and its shadows through a set of changes and compare the shadows' " +
        "predicted KPI changes with the whole network's.")
final class FidelityCommand implements Callable<Integer>
{
    @Option(names = "--profile", description = "Network profile (default: the embedded example).")
    Path profile;

    @Option(names = "--generate", paramLabel = "N",
        description = "Generate a campus profile of N devices instead, the one shadow plan --generate N gives for " +
            "the same seed (written to the output directory as generated-profile.yaml).")
    Integer generate;

    @Option(names = "--budgets", defaultValue = "10,25,50", split = ",",
        description = "Shadow budgets: a bare number or one with %% is a share of the devices. Default: " +
            "${DEFAULT-VALUE}.")
    List<String> budgets;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the traffic, the sampling and a generated " +
        "profile. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--flows-per-second", description = "Mean rate of new flows in the whole network (default: " +
        "2 per device with host subnets).")
    Double flowsPerSecond;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
        description = "Virtual time before the measurement window. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--window", defaultValue = "20s", converter = DurationConverter.class,
        description = "Virtual time measured. Default: ${DEFAULT-VALUE}.")
    Duration window;

    @Option(names = "--config", description = "Appliance configuration whose forecaster thresholds give the " +
        "verdicts (default: the built-in thresholds).")
    Path config;

    @Option(names = "--out", defaultValue = "fidelity", description = "Directory for fidelity.csv and " +
        "fidelity.html. Default: ${DEFAULT-VALUE}.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (null != generate && null != profile)
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --profile or --generate, not both");
        }
        if (window.isZero() || window.isNegative() || warmup.isNegative())
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--window must be positive and --warmup not negative");
        }
        final List<ShadowBudget> shadowBudgets = new ArrayList<>();
        for (final String budget : budgets)
        {
            shadowBudgets.add(parseBudget(budget));
        }
        Files.createDirectories(out);
        final NetworkProfile network;
        final String profileName;
        if (null != generate)
        {
            final String yaml = ProfileGenerator.generateYaml(generate, seed);
            final Path file = out.resolve("generated-profile.yaml");
            Files.writeString(file, yaml);
            network = ProfileLoader.parse(file, yaml);
            profileName = "generated campus of " + generate + " devices (seed " + seed + ")";
        }
        else
        {
            network = EmbeddedDefaults.profile(profile);
            profileName = null == profile ? "example profile" : profile.toString();
        }
        final long edges = network.devices().stream().filter(device -> !device.hostSubnets().isEmpty()).count();
        final double flows = null == flowsPerSecond ? 2.0 * edges : flowsPerSecond;
        final ForecasterConfig.Thresholds thresholds = null == config ? ForecasterConfig.Thresholds.DEFAULT :
            ConfigLoader.load(config).forecaster().thresholds();
        final String command = String.format(Locale.ROOT, "netshadow fidelity %s --budgets %s --seed %d " +
            "--flows-per-second %s --warmup %ds --window %ds; thresholds: loss ratio %s, p99 latency %s",
            null != generate ? "--generate " + generate : null == profile ? "" : "--profile " + profile,
            String.join(",", budgets), seed, flows, warmup.toSeconds(), window.toSeconds(), thresholds.lossRatio(),
            thresholds.latencyP99());

        final FidelityBenchmark benchmark = new FidelityBenchmark(new FidelityBenchmark.Options(shadowBudgets, seed,
            flows, warmup.toNanos(), window.toNanos(), thresholds), err);
        final FidelityResult result = benchmark.run(network, profileName, command);
        FidelityReport.table(result).forEach(stdout::println);
        stdout.flush();
        FidelityReport.write(out, result);
        err.println("wrote " + out.resolve(FidelityReport.CSV_FILE) + " and " + out.resolve(FidelityReport.HTML_FILE));
        err.flush();
        return 0;
    }

    private ShadowBudget parseBudget(final String text)
    {
        final String budget = text.strip();
        try
        {
            return budget.endsWith("%") ? ShadowBudget.parse(budget) :
                new ShadowBudget.Share(Double.parseDouble(budget) / 100);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandLine.ParameterException(spec.commandLine(),
                "--budgets takes shares of the devices such as 10,25,50 or 10%,25%: " + ex.getMessage());
        }
    }
}
