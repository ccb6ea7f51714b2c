package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.api.HistoryParameters;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.orchestrator.TransactionLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code netshadow change history}: past changes, verdicts and rollbacks, from a history folder or from the
 * daemon's API.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
    description = "Print the change history, from a history folder (offline) or from the daemon with --api; " +
        "optionally only one change, device, time range, kind or outcome.")
final class ChangeHistoryCommand implements Callable<Integer>
{
    @Option(names = "--history", defaultValue = "/var/lib/netshadow/history",
        description = "History folder, offline. Default: ${DEFAULT-VALUE}.")
    Path directory;

    @Option(names = "--change", description = "Only this change.")
    String changeId;

    @Option(names = "--device", description = "Only this device.")
    String device;

    @Option(names = "--from", description = "Only events at or after this instant (2026-11-27T10:00:00Z).")
    String from;

    @Option(names = "--until", description = "Only events before this instant.")
    String until;

    @Option(names = "--kind", description = "Only these kinds, comma-separated (such as verdict,rolled_back).")
    String kinds;

    @Option(names = "--outcome", description = "Only changes that ended so: committed, rolled_back, failed, " +
        "aborted (comma-separated).")
    String outcomes;

    @Option(names = "--steps", description = "Include every transaction step (the write-ahead records).")
    boolean steps;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() throws Exception
    {
        final HistoryParameters parameters = new HistoryParameters(changeId, device,
            HistoryParameters.time(from, "--from"), HistoryParameters.time(until, "--until"),
            HistoryParameters.kinds(kinds, "--kind"), HistoryParameters.kinds(outcomes, "--outcome"), steps);
        final List<HistoryEvent> events;
        if (api.given())
        {
            events = api.client().history(parameters);
        }
        else
        {
            if (!Files.isDirectory(directory))
            {
                throw new NoSuchFileException(directory + ": no history folder");
            }
            try (HistoryJournal history = HistoryJournal.open(directory))
            {
                events = history.query(parameters.query());
            }
        }
        for (final HistoryEvent event : events)
        {
            System.out.printf("%s  %-20s %-19s %-10s %s%s%n", Instant.ofEpochMilli(event.timeEpochMs()),
                event.changeId(), event.kind(), null == event.device() ? "-" : event.device(), event.detail(),
                event.kind().isStep() ? attributes(event.attributes()) : "");
        }
        return 0;
    }

    private static String attributes(final Map<String, String> attributes)
    {
        final String shown = attributes.entrySet().stream()
            .filter(entry -> !TransactionLog.SAVED_RUNNING.equals(entry.getKey()))
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(" "));
        return shown.isEmpty() ? "" : "  [" + shown + "]";
    }
}
