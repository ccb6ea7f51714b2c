package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.change.ChangeLoader;
import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.controlplane.planner.ShadowBudget;
import io.netshadow.controlplane.planner.ShadowPlan;
import io.netshadow.controlplane.planner.ShadowPlanner;
import io.netshadow.controlplane.profile.NetworkProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code netshadow change}: check change files and read the change history.
 */
@Command(name = "change", description = "Plan changes and read their history.", mixinStandardHelpOptions = true,
    subcommands = {ChangeCommand.Plan.class, ChangeCommand.History.class})
final class ChangeCommand
{
    /**
     * {@code netshadow change plan}: loads a change against the profile and prints what it will do.
     */
    @Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Check a change file against the profile and print its edits; sends nothing.")
    static final class Plan implements Callable<Integer>
    {
        @Parameters(paramLabel = "CHANGE", description = "The change file (YAML).")
        Path changeFile;

        @Option(names = "--profile", description = "Network profile (default: the embedded example).")
        Path profile;

        @Option(names = "--budget", defaultValue = "50%", description = "Shadow budget. Default: ${DEFAULT-VALUE}.")
        String budget;

        @Option(names = "--seed", defaultValue = "1", description = "Shadow sampling seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Override
        public Integer call() throws Exception
        {
            final NetworkProfile networkProfile = EmbeddedDefaults.profile(profile);
            final ChangeSpec change = ChangeLoader.load(changeFile, networkProfile);
            final ShadowPlan plan = new ShadowPlanner(networkProfile).plan(ShadowBudget.parse(budget), seed);
            System.out.printf("change %s: %s%n", change.id(), change.description());
            for (final ChangeSpec.Edit edit : change.edits())
            {
                System.out.printf("  %-12s %s%n", edit.device(),
                    plan.contains(edit.device()) ? "live and shadow" : "live only (not in the shadow sample)");
                edit.xml().lines().forEach(line -> System.out.println("      " + line));
            }
            return 0;
        }
    }

    /**
     * {@code netshadow change history}: past changes, verdicts and rollbacks.
     */
    @Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print the change history, optionally for one change or device.")
    static final class History implements Callable<Integer>
    {
        @Option(names = "--history", defaultValue = "/var/lib/netshadow/history",
            description = "History folder. Default: ${DEFAULT-VALUE}.")
        Path directory;

        @Option(names = "--change", description = "Only this change.")
        String changeId;

        @Option(names = "--device", description = "Only this device.")
        String device;

        @Option(names = "--kind", description = "Only these kinds: ${COMPLETION-CANDIDATES}.", split = ",")
        List<HistoryEventKind> kinds;

        @Override
        public Integer call() throws Exception
        {
            if (!Files.isDirectory(directory))
            {
                throw new NoSuchFileException(directory + ": no history folder");
            }
            HistoryQuery query = HistoryQuery.all();
            if (null != changeId)
            {
                query = query.forChange(changeId);
            }
            if (null != device)
            {
                query = query.forDevice(device);
            }
            if (null != kinds && !kinds.isEmpty())
            {
                query = query.ofKinds(kinds.getFirst(), kinds.subList(1, kinds.size()).toArray(HistoryEventKind[]::new));
            }
            try (HistoryJournal history = HistoryJournal.open(directory))
            {
                for (final HistoryEvent event : history.query(query))
                {
                    System.out.printf("%s  %-20s %-15s %-10s %s%n", Instant.ofEpochMilli(event.timeEpochMs()),
                        event.changeId(), event.kind(), null == event.device() ? "-" : event.device(), event.detail());
                }
            }
            return 0;
        }
    }
}
