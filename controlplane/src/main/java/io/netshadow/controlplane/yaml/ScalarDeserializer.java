package io.netshadow.controlplane.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.io.Serial;
import java.util.function.Function;

/**
 * Binds a single YAML value written as text, such as {@code 10G} or {@code 50ms}, through a parse function. A value
 * the function rejects becomes an error at its line carrying the function's message, and binds to {@code null}.
 *
 * @param <T> the bound type.
 */
public abstract class ScalarDeserializer<T> extends StdScalarDeserializer<T>
{
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Function<String, T> parse;

    /**
     * Binds through a parse function that throws {@link IllegalArgumentException} with a message for the reader.
     *
     * @param type  the bound type.
     * @param parse the parse function.
     */
    protected ScalarDeserializer(final Class<T> type, final Function<String, T> parse)
    {
        super(type);
        this.parse = parse;
    }

    @Override
    public T deserialize(final JsonParser parser, final DeserializationContext context) throws IOException
    {
        if (!parser.currentToken().isScalarValue())
        {
            YamlFile.from(context).error(YamlLocations.pathOf(parser), "expected a single value, got a " +
                (JsonToken.START_ARRAY == parser.currentToken() ? "list" : "mapping"));
            parser.skipChildren();
            return null;
        }
        final String text = parser.getText();
        try
        {
            return parse.apply(text);
        }
        catch (final IllegalArgumentException ex)
        {
            YamlFile.from(context).error(YamlLocations.pathOf(parser), ex.getMessage());
            return null;
        }
    }
}
