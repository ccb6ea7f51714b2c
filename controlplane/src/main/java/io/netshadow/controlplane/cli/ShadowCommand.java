package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.export.ContainerlabExport;
import io.netshadow.controlplane.export.DeviceConfigFiles;
import io.netshadow.controlplane.export.NodeKind;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.profile.ProfileGenerator;
import io.netshadow.controlplane.yaml.Units;
import io.netshadow.dataplane.device.Ipv4Prefix;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code netshadow shadow}: what the shadow network is made of.
 */
@Command(name = "shadow", description = "Plan the shadow network and export it.", mixinStandardHelpOptions = true,
    subcommands = {ShadowCommand.Plan.class, ShadowCommand.Export.class})
final class ShadowCommand
{
    /**
     * {@code netshadow shadow plan}: samples the profile and prints the plan's report.
     */
    @Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Sample the profile's devices into a shadow and report how representative it is.")
    static final class Plan implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @ArgGroup(exclusive = true)
        Source source;

        @Option(names = "--generate-seed", defaultValue = "1",
            description = "Seed of the generated profile's weights. Default: ${DEFAULT-VALUE}.")
        long generateSeed;

        @Option(names = "--budget", defaultValue = "50%",
            description = "Share of devices (e.g. 25%%) or a device count (e.g. 6) the shadow may hold, the " +
                "devices that complete paths included. Default: ${DEFAULT-VALUE}.")
        String budget;

        @Option(names = "--seed", defaultValue = "1", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--mirror-share", defaultValue = "100%",
            description = "Share of flows mirrored into the shadow; part of the scale of its links. " +
                "Default: ${DEFAULT-VALUE}.")
        String mirrorShare;

        static final class Source
        {
            @Option(names = "--profile", description = "Network profile (default: the embedded example).")
            Path profile;

            @Option(names = "--generate", paramLabel = "N",
                description = "Plan a generated campus profile of N devices instead of a file, the one " +
                    "fidelity --generate N gives for the same seed.")
            Integer generate;
        }

        @Override
        public Integer call() throws Exception
        {
            final ShadowPlan plan = new ShadowPlanner(profile())
                .plan(ShadowBudget.parse(budget), seed, Units.parseShare(mirrorShare));
            spec.commandLine().getOut().print(plan.report());
            spec.commandLine().getOut().flush();
            return 0;
        }

        private NetworkProfile profile() throws Exception
        {
            if (null != source && null != source.generate)
            {
                return ProfileGenerator.generate(source.generate, generateSeed);
            }
            return EmbeddedDefaults.profile(null == source ? null : source.profile);
        }
    }

    /**
     * {@code netshadow shadow export}: writes the planned shadow as a containerlab lab.
     */
    @Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the shadow as a containerlab topology with a startup configuration per node.")
    static final class Export implements Callable<Integer>
    {
        @Option(names = "--containerlab", required = true, paramLabel = "DIR",
            description = "Directory to write the topology file and the nodes' startup files into.")
        Path directory;

        @Option(names = "--profile", description = "Network profile (default: the embedded example).")
        Path profile;

        @Option(names = "--budget", defaultValue = "50%",
            description = "Share of devices (e.g. 25%%) or a device count (e.g. 6). Default: ${DEFAULT-VALUE}.")
        String budget;

        @Option(names = "--seed", defaultValue = "1", description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--kind", defaultValue = "auto",
            description = "Node kind for every device: linux, frr, or auto (frr for core, distribution and edge, " +
                "linux for access and firewall). Default: ${DEFAULT-VALUE}.")
        String kind;

        @Option(names = "--configs", paramLabel = "DIR",
            description = "Directory of device configurations, DEVICE.xml each, as NETCONF <config> documents.")
        Path configs;

        @Option(names = "--name", defaultValue = "netshadow", description = "Lab name. Default: ${DEFAULT-VALUE}.")
        String labName;

        @Option(names = "--link-pool", defaultValue = "100.64.0.0/10",
            description = "Prefix the links' /31 addresses come from. Default: ${DEFAULT-VALUE}.")
        String linkPool;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception
        {
            final NetworkProfile networkProfile = EmbeddedDefaults.profile(profile);
            final ShadowPlan plan = new ShadowPlanner(networkProfile).plan(ShadowBudget.parse(budget), seed);
            final ContainerlabExport export = new ContainerlabExport(networkProfile, plan,
                DeviceConfigFiles.read(configs, plan.deviceNames()), kinds(kind), ContainerlabExport.Images.DEFAULT,
                Ipv4Prefix.parse(linkPool));
            final List<Path> written = export.write(directory, labName);
            final PrintWriter out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT, "containerlab lab of %d devices and %d links: %s",
                plan.devices().size(), plan.links().size(), written.getFirst()));
            out.println("deploy with: containerlab deploy -t " + written.getFirst());
            out.flush();
            return 0;
        }

        private Function<NetworkProfile.Device, NodeKind> kinds(final String kind)
        {
            return switch (kind.strip().toLowerCase(Locale.ROOT))
            {
                case "auto" -> device -> NodeKind.forRole(device.role());
                case "linux" -> device -> NodeKind.LINUX;
                case "frr" -> device -> NodeKind.FRR;
                default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "expected --kind linux, frr or auto, got '" + kind + "'");
            };
        }
    }
}
