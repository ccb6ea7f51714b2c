package io.netshadow.controlplane.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class YamlFileTest
{
    enum Colour
    {
        RED,
        GREEN
    }

    record Item(String name, Colour colour, @JsonDeserialize(using = UnitDeserializers.Bps.class) Long rate)
    {
    }

    record Document(List<Item> items, @JsonProperty("max-count") Integer maxCount)
    {
    }

    private static final Path FILE = Path.of("test.yaml");

    @Test
    void recordsTheLineOfEveryFieldAndElement()
    {
        final YamlFile yaml = YamlFile.of(FILE, """
            items:
              - name: a
                colour: red
              - name: b
            max-count: 3
            """);

        assertThat(yaml.lineOf("items")).isEqualTo(1);
        assertThat(yaml.lineOf("items[0]")).isEqualTo(2);
        assertThat(yaml.lineOf("items[0].colour")).isEqualTo(3);
        assertThat(yaml.lineOf("items[1].name")).isEqualTo(4);
        assertThat(yaml.lineOf("max-count")).isEqualTo(5);
    }

    @Test
    void placesAMissingFieldOnTheLineOfItsNearestAncestor()
    {
        final YamlFile yaml = YamlFile.of(FILE, "items:\n  - name: a\n\n  - name: b\n");

        assertThat(yaml.lineOf("items[1].colour")).isEqualTo(4);
        assertThat(yaml.contains("items[1].colour")).isFalse();
    }

    @Test
    void reportsEveryBindingProblemAtItsLineAndKeepsBinding()
    {
        final YamlFile yaml = YamlFile.of(FILE, """
            items:
              - name: a
                colour: purple
                rate: 10X
              - name: b
                shade: dark
            max-count: many
            """);

        final Document document = yaml.bind(Document.class);

        assertThat(document.items()).hasSize(2);
        assertThat(document.items().get(0).colour()).isNull();
        assertThat(yaml.errors()).extracting(LocatedError::toString).containsExactly(
            "test.yaml:3: items[0].colour: expected one of red, green, got 'purple'",
            "test.yaml:4: items[0].rate: unknown unit 'X' in '10X'; expected a rate such as 10G, 100Mbps or 64000",
            "test.yaml:6: items[1].shade: unknown field 'shade'; expected one of colour, name, rate",
            "test.yaml:7: max-count: expected a whole number, got 'many'");
    }

    @Test
    void reportsAListWhereAValueBelongs()
    {
        final YamlFile yaml = YamlFile.of(FILE, "items: none\nmax-count: [1, 2]\n");

        yaml.bind(Document.class);

        assertThat(yaml.errors()).extracting(LocatedError::toString).containsExactly(
            "test.yaml:1: items: expected a list, got a single value",
            "test.yaml:2: max-count: expected a whole number, got a list");
    }

    @Test
    void reportsASingleValueWhereAMappingBelongs()
    {
        final YamlFile yaml = YamlFile.of(FILE, "items:\n  - plain\n  - name: b\n");

        final Document document = yaml.bind(Document.class);

        assertThat(document.items()).hasSize(2);
        assertThat(yaml.errors()).extracting(LocatedError::toString)
            .containsExactly("test.yaml:2: items[0]: expected a mapping of fields, got a single value");
    }

    @Test
    void reportsMalformedYamlWithItsLine()
    {
        final YamlFile yaml = YamlFile.of(FILE, "items:\n  - name: a\n   colour: [red\n");

        assertThat(yaml.bind(Document.class)).isNull();
        assertThat(yaml.errors()).singleElement().satisfies(error ->
        {
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.message()).startsWith("not valid YAML: ");
        });
    }

    @Test
    void reportsDuplicateKeysThatBindingWouldHide()
    {
        final YamlFile yaml = YamlFile.of(FILE, "max-count: 1\nitems: []\nmax-count: 2\n");

        yaml.bind(Document.class);

        assertThat(yaml.errors()).extracting(LocatedError::toString)
            .containsExactly("test.yaml:3: max-count: duplicate key, first given at line 1");
    }

    @Test
    void requireTellsMissingFromEmpty()
    {
        final YamlFile yaml = YamlFile.of(FILE, "items:\n  - name:\n");
        final Document document = yaml.bind(Document.class);

        yaml.require(document.items().getFirst().name(), "items[0].name");
        yaml.require(document.items().getFirst().colour(), "items[0].colour");

        assertThat(yaml.errors()).extracting(LocatedError::toString).containsExactly(
            "test.yaml:2: items[0].name: needs a value",
            "test.yaml:2: items[0].colour: missing");
    }

    @Test
    void reportsAnUnreadableFileAgainstTheWholeFile()
    {
        final YamlFile yaml = YamlFile.read(Path.of("/nonexistent/netshadow.yaml"));

        assertThat(yaml.bind(Document.class)).isNull();
        assertThat(yaml.errors()).extracting(LocatedError::toString).singleElement().asString()
            .startsWith("/nonexistent/netshadow.yaml: (document): cannot read: NoSuchFileException");
    }
}
