package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.fidelity.FidelityReport;
import io.netshadow.controlplane.profile.ProfileGenerator;
import io.netshadow.controlplane.profile.ProfileLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FidelityCommandTest
{
    @TempDir
    Path directory;

    @Test
    void printsTheTableAndWritesTheReportForTheExampleProfile() throws Exception
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();

        final int exitCode = fidelity(out, err, "--budgets", "25", "--warmup", "1s", "--window", "3s",
            "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        final List<String> lines = out.toString().lines().toList();
        assertThat(lines.getFirst()).startsWith("fidelity: example profile, 28 devices, ");
        assertThat(lines).anyMatch(line -> line.startsWith("budget  shadow  change"));
        assertThat(lines).anyMatch(line -> line.matches("25%\\s+7/28\\s+acl-drop-voice .*"));
        assertThat(lines).anyMatch(line -> line.contains("verdicts agree for"));
        assertThat(directory.resolve(FidelityReport.HTML_FILE)).exists();
        assertThat(directory.resolve(FidelityReport.CSV_FILE)).exists();
    }

    @Test
    void generatesAndSavesTheProfileShadowPlanGeneratesForTheSameSizeAndSeed() throws Exception
    {
        final StringWriter err = new StringWriter();

        final int exitCode = fidelity(new StringWriter(), err, "--generate", "20", "--budgets", "50%",
            "--warmup", "1s", "--window", "2s", "--out", directory.toString());

        assertThat(exitCode).as(err.toString()).isZero();
        final Path saved = directory.resolve("generated-profile.yaml");
        assertThat(Files.readString(saved)).isEqualTo(ProfileGenerator.generateYaml(20, 1));
        assertThat(ProfileLoader.load(saved)).isEqualTo(ProfileGenerator.generate(20, 1));
    }

    @Test
    void refusesAGeneratedSizeOutOfRangeInOneLine()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = fidelity(new StringWriter(), err, "--generate", "7", "--out", directory.toString());

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).isEqualTo("netshadow: a generated profile has 8 to 25000 devices, got 7\n");
    }

    @Test
    void refusesAProfileAndAGeneratedOneTogether()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = fidelity(new StringWriter(), err, "--profile", "p.yaml", "--generate", "200",
            "--out", directory.toString());

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains("give --profile or --generate, not both");
    }

    @Test
    void refusesABudgetThatIsNotAShare()
    {
        final StringWriter err = new StringWriter();

        final int exitCode = fidelity(new StringWriter(), err, "--budgets", "ten", "--out", directory.toString());

        assertThat(exitCode).isNotZero();
        assertThat(err.toString()).contains("--budgets takes shares of the devices such as 10,25,50");
    }

    private static int fidelity(final StringWriter out, final StringWriter err, final String... args)
    {
        final CommandLine commandLine = new CommandLine(new FidelityCommand());
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
