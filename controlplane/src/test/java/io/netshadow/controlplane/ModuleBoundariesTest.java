package io.netshadow.controlplane;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the module dependency rule of the architecture: dataplane and forecaster never depend on each other or on
 * the control plane, neither in their build files nor in their sources.
 */
class ModuleBoundariesTest
{
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void dataplaneDependsOnNoOtherNetshadowModule() throws IOException
    {
        assertThat(netshadowDependencies("dataplane")).isEmpty();
        assertThat(sourcesReferring("dataplane", "io.netshadow.forecaster", "io.netshadow.controlplane")).isEmpty();
    }

    @Test
    void forecasterDependsOnNoOtherNetshadowModule() throws IOException
    {
        assertThat(netshadowDependencies("forecaster")).isEmpty();
        assertThat(sourcesReferring("forecaster", "io.netshadow.dataplane", "io.netshadow.controlplane")).isEmpty();
    }

    @Test
    void controlplaneDependsOnDataplaneAndForecasterOnly() throws IOException
    {
        assertThat(netshadowDependencies("controlplane"))
            .containsExactlyInAnyOrder("netshadow-dataplane", "netshadow-forecaster");
    }

    private static List<String> netshadowDependencies(final String module) throws IOException
    {
        final String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
        final String dependencies = pom.substring(pom.indexOf("<dependencies>"));
        return Stream.of(dependencies.split("<dependency>"))
            .filter(block -> block.contains("<groupId>io.netshadow</groupId>"))
            .map(block -> block.substring(block.indexOf("<artifactId>") + 12, block.indexOf("</artifactId>")))
            .toList();
    }

    private static List<Path> sourcesReferring(final String module, final String... packages) throws IOException
    {
        try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src")))
        {
            return files
                .filter(file -> file.toString().endsWith(".java"))
                .filter(file -> mentionsAny(file, packages))
                .toList();
        }
    }

    private static boolean mentionsAny(final Path file, final String... packages)
    {
        try
        {
            final String source = Files.readString(file);
            return Stream.of(packages).anyMatch(source::contains);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot read " + file, ex);
        }
    }
}
