package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.api.ChangeUpload;
import io.netshadow.controlplane.change.ChangeLoader;
import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.config.ChangesConfig;
import io.netshadow.controlplane.orchestrator.ChangePlanner;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netshadow change plan}: the dry run. Offline it checks the change against a profile and assumes every
 * device offers everything; with {@code --api} the daemon checks it against its profile and asks the devices.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Print what a change will do: its waves, devices, edits, the capabilities used and the steps " +
        "per device. Sends nothing. Offline against a profile, or through the daemon with --api, which asks the " +
        "live devices for their capabilities.")
final class ChangePlanCommand implements Callable<Integer>
{
    @Parameters(paramLabel = "CHANGE", description = "The change file (YAML).")
    Path changeFile;

    @Option(names = "--profile", description = "Network profile, offline (default: the embedded example).")
    Path profile;

    @Option(names = "--budget", defaultValue = "50%", description = "Shadow budget, offline. Default: ${DEFAULT-VALUE}.")
    String budget;

    @Option(names = "--seed", defaultValue = "1", description = "Shadow sampling seed, offline. " +
        "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception
    {
        final List<String> lines;
        if (api.given())
        {
            lines = api.client().plan(ChangeUpload.read(changeFile)).lines();
        }
        else
        {
            final NetworkProfile networkProfile = EmbeddedDefaults.profile(profile);
            final ChangeSpec change = ChangeLoader.load(changeFile, networkProfile);
            final ShadowPlan plan = new ShadowPlanner(networkProfile).plan(ShadowBudget.parse(budget), seed);
            lines = ChangePlanner.offline(change, plan::contains,
                Duration.ofNanos(ChangesConfig.DEFAULT.maxVerdictWaitNs()),
                Duration.ofNanos(ChangesConfig.DEFAULT.confirmMarginNs())).lines();
        }
        lines.forEach(System.out::println);
        return 0;
    }
}
