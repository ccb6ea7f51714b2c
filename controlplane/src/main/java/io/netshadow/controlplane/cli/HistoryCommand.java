package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.config.HistoryConfig;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.report.HistoryTrends;
import io.netshadow.controlplane.report.TrendsReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code netshadow history}: what the change history teaches.
 */
@Command(name = "history", description = "Learn from the change history.", mixinStandardHelpOptions = true,
    subcommands = HistoryCommand.Trends.class)
final class HistoryCommand
{
    /**
     * {@code netshadow history trends}: devices, roles and kinds of change that fail most, and verdict accuracy over
     * time, as tables and optionally as an HTML page.
     */
    @Command(name = "trends", mixinStandardHelpOptions = true,
        description = {
            "Report recurring trouble from the history folder: the devices, device roles and kinds of change " +
                "rolled back or failed most, how verdict accuracy moved per week or month, and the interval " +
                "calibration that committed changes give per KPI series and role.",
            "A verdict counts as contradicted when an operator aborted a change it had allowed, a change it " +
                "allowed was later undone by a committed change named revert-<id> or rollback-<id>, or a change " +
                "it rolled back was later re-run (same id but for a trailing .N or -N) and committed."
        })
    static final class Trends implements Callable<Integer>
    {
        @Option(names = "--history", paramLabel = "DIR",
            description = "The history folder (default: /var/lib/netshadow/history).")
        Path history;

        @Option(names = "--profile", paramLabel = "FILE",
            description = "Network profile giving each device's role (default: the embedded example).")
        Path profile;

        @Option(names = "--monthly", description = "Verdict accuracy per calendar month instead of per ISO week.")
        boolean monthly;

        @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as an HTML page.")
        Path html;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception
        {
            final Path directory = null == history ? HistoryConfig.DEFAULT.directory() : history;
            if (!Files.isDirectory(directory))
            {
                throw new NoSuchFileException(directory + ": no history folder");
            }
            final Map<String, String> roles = new TreeMap<>();
            for (final NetworkProfile.Device device : EmbeddedDefaults.profile(profile).devices())
            {
                roles.put(device.name(), device.role().name());
            }
            final HistoryTrends trends;
            try (HistoryJournal journal = HistoryJournal.open(directory))
            {
                trends = HistoryTrends.of(journal.query(HistoryTrends.query()), roles);
            }
            final TrendsReport report = new TrendsReport(trends, monthly);
            final PrintWriter out = spec.commandLine().getOut();
            out.print(report.text());
            out.flush();
            if (null != html)
            {
                Files.writeString(html, report.html());
                spec.commandLine().getErr().println("wrote " + html);
                spec.commandLine().getErr().flush();
            }
            return 0;
        }
    }
}
