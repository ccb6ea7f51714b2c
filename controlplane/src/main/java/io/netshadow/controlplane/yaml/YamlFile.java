package io.netshadow.controlplane.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A YAML file being loaded: its text, the line of every path in it and the errors found so far, both while Jackson
 * binds it to records and while a loader checks what was bound. A loader reads the file, binds it, adds its own
 * errors by path and throws when {@link #hasErrors()}.
 */
public final class YamlFile
{
    private static final YAMLMapper MAPPER = YAMLMapper.builder()
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
        .addHandler(new CollectingProblemHandler())
        .build();

    private final String name;
    private final String text;
    private final List<LocatedError> errors = new ArrayList<>();
    private final Set<String> errorPaths = new HashSet<>();
    private YamlLocations locations;

    private YamlFile(final Path path, final String text)
    {
        this.name = path.toString();
        this.text = text;
    }

    /**
     * Reads a file and records the line of every path. A file that cannot be read or is not well-formed YAML is
     * returned with that error recorded and binds to nothing.
     *
     * @param path the file.
     * @return the file, possibly with errors.
     */
    public static YamlFile read(final Path path)
    {
        String text = null;
        String failure = null;
        try
        {
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            failure = "cannot read: " + describe(ex);
        }
        return parse(path, text, failure);
    }

    /**
     * Takes YAML text that did not come from a file, naming it for errors as if it did.
     *
     * @param path the name to report errors against.
     * @param text the YAML text.
     * @return the file, possibly with errors.
     */
    public static YamlFile of(final Path path, final String text)
    {
        return parse(path, text, null);
    }

    /**
     * Binds the document to a type. Unknown fields, values of the wrong type or format, and bad enum names become
     * errors at their lines, and binding goes on with {@code null} in their place so that every error is found.
     *
     * @param type the record type of the document.
     * @param <T>  the type.
     * @return the bound document, or {@code null} when the file is unreadable, malformed, repeats a key or is
     *         empty.
     */
    public <T> T bind(final Class<T> type)
    {
        if (null == locations || !locations.duplicateKeys().isEmpty())
        {
            return null;
        }
        final ObjectReader reader = MAPPER.readerFor(type).withAttribute(YamlFile.class, this);
        try (JsonParser parser = MAPPER.createParser(text))
        {
            if (null == parser.nextToken())
            {
                return null;
            }
            return reader.readValue(parser);
        }
        catch (final JsonMappingException ex)
        {
            error(pathOf(ex), firstLine(ex.getOriginalMessage()));
            return null;
        }
        catch (final IOException ex)
        {
            errorAt(lineOf(ex), "", firstLine(describe(ex)));
            return null;
        }
    }

    /**
     * Records an error at the line of a path.
     *
     * @param fieldPath the path, such as {@code links[3].b}.
     * @param message   what is wrong.
     */
    public void error(final String fieldPath, final String message)
    {
        final int line = null == locations ? 0 : locations.lineOf(fieldPath);
        errorAt(line, fieldPath, message);
    }

    /**
     * Records an error at a known line.
     *
     * @param line      the 1-based line, or 0 for the whole file.
     * @param fieldPath the path.
     * @param message   what is wrong.
     */
    public void errorAt(final int line, final String fieldPath, final String message)
    {
        errors.add(new LocatedError(name, line, fieldPath, message));
        errorPaths.add(fieldPath);
    }

    /**
     * Checks that a required field has a value, recording "missing" when the document lacks the field and "needs a
     * value" when it names the field without one; a field whose value was already reported as bad stays quiet.
     *
     * @param value     the bound value.
     * @param fieldPath the field's path.
     * @return true when the value is present.
     */
    public boolean require(final Object value, final String fieldPath)
    {
        if (null != value)
        {
            return true;
        }
        if (!contains(fieldPath))
        {
            error(fieldPath, "missing");
        }
        else if (!errorPaths.contains(fieldPath))
        {
            error(fieldPath, "needs a value");
        }
        return false;
    }

    /**
     * The line of a path, or of its nearest ancestor.
     *
     * @param fieldPath the path.
     * @return the 1-based line, or 0 when the file could not be parsed.
     */
    public int lineOf(final String fieldPath)
    {
        return null == locations ? 0 : locations.lineOf(fieldPath);
    }

    /**
     * Whether the document has the path, so that "missing" can be told from "present but empty".
     *
     * @param fieldPath the path.
     * @return true when the path is written in the document.
     */
    public boolean contains(final String fieldPath)
    {
        return null != locations && locations.contains(fieldPath);
    }

    /**
     * Whether any error has been recorded.
     *
     * @return true when there are errors.
     */
    public boolean hasErrors()
    {
        return !errors.isEmpty();
    }

    /**
     * How many errors have been recorded, so that a checker can tell whether one entry added any.
     *
     * @return the count.
     */
    public int errorCount()
    {
        return errors.size();
    }

    /**
     * The errors in line order, and in the order they were found within a line.
     *
     * @return the errors.
     */
    public List<LocatedError> errors()
    {
        final List<LocatedError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(LocatedError::line));
        return List.copyOf(sorted);
    }

    static YamlFile from(final DeserializationContext context)
    {
        return (YamlFile)context.getAttribute(YamlFile.class);
    }

    private static YamlFile parse(final Path path, final String text, final String failure)
    {
        final YamlFile file = new YamlFile(path, null == text ? "" : text);
        if (null != failure)
        {
            file.errorAt(0, "", failure);
        }
        else
        {
            file.scan();
        }
        return file;
    }

    private void scan()
    {
        try (JsonParser parser = MAPPER.createParser(text))
        {
            try
            {
                locations = YamlLocations.scan(parser);
                for (final YamlLocations.DuplicateKey duplicate : locations.duplicateKeys())
                {
                    errorAt(duplicate.line(), duplicate.path(),
                        "duplicate key, first given at line " + duplicate.firstLine());
                }
            }
            catch (final JsonProcessingException ex)
            {
                errorAt(lineOf(ex), YamlLocations.pathOf(parser), "not valid YAML: " + firstLine(describe(ex)));
            }
        }
        catch (final IOException ex)
        {
            errorAt(0, "", "cannot parse: " + describe(ex));
        }
    }

    private static String pathOf(final JsonMappingException ex)
    {
        String path = "";
        for (final JsonMappingException.Reference reference : ex.getPath())
        {
            path = null != reference.getFieldName() ?
                YamlLocations.field(path, reference.getFieldName()) :
                YamlLocations.element(path, reference.getIndex());
        }
        return path;
    }

    private static int lineOf(final IOException ex)
    {
        if (ex instanceof final JsonProcessingException processing && null != processing.getLocation())
        {
            return Math.max(0, processing.getLocation().getLineNr());
        }
        return 0;
    }

    private static String describe(final IOException ex)
    {
        if (ex instanceof final JsonProcessingException processing)
        {
            return processing.getOriginalMessage();
        }
        return null == ex.getMessage() ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + ": " +
            ex.getMessage();
    }

    private static String firstLine(final String message)
    {
        if (null == message)
        {
            return "invalid";
        }
        final int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).strip();
    }
}
