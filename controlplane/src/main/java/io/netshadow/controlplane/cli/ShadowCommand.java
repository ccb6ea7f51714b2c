package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code netshadow shadow}: what the shadow network is made of.
 */
@Command(name = "shadow", description = "Plan the shadow network.", mixinStandardHelpOptions = true,
    subcommands = ShadowCommand.Plan.class)
final class ShadowCommand
{
    /**
     * {@code netshadow shadow plan}: samples the profile and prints the plan's report.
     */
    @Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Sample the profile's devices into a shadow and report how representative it is.")
    static final class Plan implements Callable<Integer>
    {
        @Option(names = "--profile", description = "Network profile (default: the embedded example).")
        Path profile;

        @Option(names = "--budget", defaultValue = "50%",
            description = "Share of devices (e.g. 25%%) or a device count (e.g. 6). Default: ${DEFAULT-VALUE}.")
        String budget;

        @Option(names = "--seed", defaultValue = "1", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        public Integer call() throws Exception
        {
            final NetworkProfile networkProfile = EmbeddedDefaults.profile(profile);
            final ShadowPlan plan = new ShadowPlanner(networkProfile).plan(ShadowBudget.parse(budget), seed);
            System.out.println(plan.report());
            return 0;
        }
    }
}
