package io.netshadow.controlplane.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The line of every field and list element of a YAML document, keyed by path ({@code links[3].b}), so that errors
 * found after binding can still name the line the reader wrote.
 */
public final class YamlLocations
{
    private final Map<String, Integer> lineByPath;
    private final List<DuplicateKey> duplicateKeys;

    private YamlLocations(final Map<String, Integer> lineByPath, final List<DuplicateKey> duplicateKeys)
    {
        this.lineByPath = Map.copyOf(lineByPath);
        this.duplicateKeys = List.copyOf(duplicateKeys);
    }

    /**
     * A key that appears twice in the same mapping; a binder would silently keep only the last.
     *
     * @param path      the key's path.
     * @param line      the line of the repeated key.
     * @param firstLine the line where the key first appeared.
     */
    public record DuplicateKey(String path, int line, int firstLine)
    {
    }

    /**
     * Reads a whole document from a parser positioned before its first token, recording the line of every path.
     *
     * @param parser a YAML parser.
     * @return the locations.
     * @throws IOException when the document is not well-formed YAML.
     */
    public static YamlLocations scan(final JsonParser parser) throws IOException
    {
        final Map<String, Integer> lineByPath = new HashMap<>();
        final List<DuplicateKey> duplicates = new ArrayList<>();
        lineByPath.put("", 1);
        JsonToken token;
        while (null != (token = parser.nextToken()))
        {
            if (token.isStructEnd())
            {
                continue;
            }
            final String path = pathOf(parser);
            final int line = parser.currentTokenLocation().getLineNr();
            if (JsonToken.FIELD_NAME == token)
            {
                final Integer first = lineByPath.putIfAbsent(path, line);
                if (null != first)
                {
                    duplicates.add(new DuplicateKey(path, line, first));
                }
            }
            else
            {
                lineByPath.putIfAbsent(path, line);
            }
        }
        return new YamlLocations(lineByPath, duplicates);
    }

    /**
     * The path of the parser's current token: a field name, a value or the start of a mapping or list.
     *
     * @param parser the parser.
     * @return the path, such as {@code links[3].b}; empty for the document itself.
     */
    public static String pathOf(final JsonParser parser)
    {
        final JsonStreamContext context = parser.getParsingContext();
        final JsonToken token = parser.currentToken();
        if (null != token && token.isStructStart() && null != context.getParent())
        {
            return pathOf(context.getParent());
        }
        return pathOf(context);
    }

    /**
     * The path of a child field.
     *
     * @param parent the parent's path.
     * @param name   the field name.
     * @return the child's path.
     */
    public static String field(final String parent, final String name)
    {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /**
     * The path of a list element.
     *
     * @param parent the list's path.
     * @param index  the element's index.
     * @return the element's path.
     */
    public static String element(final String parent, final int index)
    {
        return parent + "[" + index + "]";
    }

    /**
     * The line of a path, or of its nearest ancestor present in the document when the path itself is absent
     * (a missing field is reported on the line of the mapping that lacks it).
     *
     * @param path the path.
     * @return the 1-based line.
     */
    public int lineOf(final String path)
    {
        String candidate = path;
        while (true)
        {
            final Integer line = lineByPath.get(candidate);
            if (null != line)
            {
                return line;
            }
            if (candidate.isEmpty())
            {
                return 1;
            }
            candidate = parentOf(candidate);
        }
    }

    /**
     * Whether the document holds the path.
     *
     * @param path the path.
     * @return true when present.
     */
    public boolean contains(final String path)
    {
        return lineByPath.containsKey(path);
    }

    /**
     * Keys repeated within one mapping, in document order.
     *
     * @return the duplicates.
     */
    public List<DuplicateKey> duplicateKeys()
    {
        return duplicateKeys;
    }

    static String pathOf(final JsonStreamContext context)
    {
        if (null == context || context.inRoot())
        {
            return "";
        }
        final String parent = pathOf(context.getParent());
        if (context.inArray())
        {
            return context.hasCurrentIndex() ? element(parent, context.getCurrentIndex()) : parent;
        }
        final String name = context.getCurrentName();
        return null == name ? parent : field(parent, name);
    }

    private static String parentOf(final String path)
    {
        final int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }
}
