package io.netshadow.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change file as the CLI sends it to the daemon: its name and text, with the XML files its edits name in
 * {@code file:} attached, so that the daemon checks it against its own profile exactly as a file on its disk.
 *
 * @param name  the change file's name, for error messages.
 * @param yaml  the change file's text.
 * @param files the files its edits name, by name as written; a file that could not be read is left out and the
 *              daemon reports it (as it reports a change file that is not valid YAML).
 */
public record ChangeUpload(String name, String yaml, Map<String, String> files)
{
    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * Copies the files.
     *
     * @param name  the name.
     * @param yaml  the text.
     * @param files the attached files.
     */
    public ChangeUpload
    {
        files = null == files ? Map.of() : Map.copyOf(files);
    }

    /**
     * Reads a change file and the files beside it that its edits name.
     *
     * @param file the change file.
     * @return the upload.
     * @throws IOException when the change file cannot be read.
     */
    public static ChangeUpload read(final Path file) throws IOException
    {
        final String text;
        try
        {
            text = Files.readString(file, StandardCharsets.UTF_8);
        }
        catch (final NoSuchFileException ex)
        {
            throw new NoSuchFileException(file.toString(), null, "no such change file");
        }
        final Path parent = file.toAbsolutePath().getParent();
        final Map<String, String> attached = new LinkedHashMap<>();
        for (final String name : namedFiles(text))
        {
            final Path xml = null == parent ? Path.of(name) : parent.resolve(name);
            if (Files.isReadable(xml))
            {
                attached.put(name, Files.readString(xml, StandardCharsets.UTF_8));
            }
        }
        return new ChangeUpload(file.getFileName().toString(), text, attached);
    }

    private static List<String> namedFiles(final String text)
    {
        final JsonNode document;
        try
        {
            document = YAML.readTree(text);
        }
        catch (final IOException ex)
        {
            return List.of();
        }
        final List<String> names = new ArrayList<>();
        for (final JsonNode edit : null == document ? MissingNode.getInstance() : document.path("edits"))
        {
            final JsonNode file = edit.path("file");
            if (file.isTextual() && !names.contains(file.asText()))
            {
                names.add(file.asText());
            }
        }
        return names;
    }
}
