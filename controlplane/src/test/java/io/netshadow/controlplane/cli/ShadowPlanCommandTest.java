package io.netshadow.controlplane.cli;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.profile.ProfileGenerator;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netshadow shadow plan}: the report for a profile file, the embedded example or a generated campus, the same
 * for the same seed; bad input ends with one line and a non-zero exit code.
 */
class ShadowPlanCommandTest
{
    @TempDir
    Path dir;

    @Test
    void printsTheSameReportForTheSameSeed()
    {
        final Result first = run("shadow", "plan", "--budget", "25%", "--seed", "4");
        final Result second = run("shadow", "plan", "--budget", "25%", "--seed", "4");

        assertThat(first.exitCode).isZero();
        assertThat(first.out).isEqualTo(second.out)
            .startsWith("shadow plan: ").contains("of 28 devices", "budget 25% (at most 7 devices), seed 4")
            .contains("KS distance", "traffic sampling ratio");
    }

    @Test
    void plansAGeneratedCampusOfTwoHundredDevices()
    {
        final Result result = run("shadow", "plan", "--generate", "200", "--budget", "10%", "--seed", "2",
            "--mirror-share", "50%");

        assertThat(result.exitCode).isZero();
        assertThat(result.err).isEmpty();
        assertThat(result.out).startsWith("shadow plan: ").contains("of 200 devices", "(at most 20 devices)")
            .containsPattern("mirror share +50.0%");
    }

    @Test
    void aGeneratedCampusPlansAsItsYamlDoesSoFidelityAndThePlannerSeeOneNetwork() throws IOException
    {
        final Path saved = Files.writeString(dir.resolve("generated-profile.yaml"),
            ProfileGenerator.generateYaml(200, 3));

        final Result generated = run("shadow", "plan", "--generate", "200", "--generate-seed", "3", "--budget", "25%");
        final Result loaded = run("shadow", "plan", "--profile", saved.toString(), "--budget", "25%");

        assertThat(generated.exitCode).isZero();
        assertThat(loaded.out).isEqualTo(generated.out).contains("of 200 devices");
    }

    @Test
    void aBudgetTooSmallSaysTheSmallestThatWorks()
    {
        final Result result = run("shadow", "plan", "--budget", "4");

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err.lines()).singleElement(InstanceOfAssertFactories.STRING)
            .contains("raise the budget to at least 5 devices").contains("core1, core2, dist1, acc1, fw-inet");
    }

    @Test
    void aDisconnectedProfileNamesTheDevicesThatCannotBeReached() throws IOException
    {
        final String example = EmbeddedDefaults.text("profile.yaml");
        final String withoutDcLinks = example.lines()
            .filter(line -> !line.contains("a: fw-dc:"))
            .reduce("", (text, line) -> text + line + "\n");
        final Path profile = Files.writeString(dir.resolve("profile.yaml"), withoutDcLinks);

        final Result result = run("shadow", "plan", "--profile", profile.toString());

        assertThat(result.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(result.err).contains("profile.yaml:").contains("not connected").contains("fw-dc")
            .doesNotContain("\tat ");
    }

    @Test
    void aMissingProfileOrAnUnusableGeneratedSizeIsOneLine()
    {
        final Result missing = run("shadow", "plan", "--profile", dir.resolve("absent.yaml").toString());
        final Result tiny = run("shadow", "plan", "--generate", "3");

        assertThat(missing.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(missing.err.lines()).hasSize(1);
        assertThat(missing.err).contains("absent.yaml").contains("cannot read");
        assertThat(tiny.exitCode).isEqualTo(NetshadowCommand.EXIT_BAD_INPUT);
        assertThat(tiny.err).isEqualTo("netshadow: a generated profile has 8 to 25000 devices, got 3\n");
    }

    private static Result run(final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = new CommandLine(new NetshadowCommand());
        commandLine.setExecutionExceptionHandler(new OneLineErrorHandler());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err)
    {
    }
}
