package io.netshadow.controlplane.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns every binding problem Jackson meets into an error on the {@link YamlFile} being bound and lets binding go on
 * with {@code null} in place of the bad value, so that one load reports every problem in the file.
 */
final class CollectingProblemHandler extends DeserializationProblemHandler
{
    private static final Map<Class<?>, String> SCALAR_NAMES = Map.ofEntries(
        Map.entry(String.class, "text"),
        Map.entry(Integer.class, "a whole number"),
        Map.entry(int.class, "a whole number"),
        Map.entry(Long.class, "a whole number"),
        Map.entry(long.class, "a whole number"),
        Map.entry(Double.class, "a number"),
        Map.entry(double.class, "a number"),
        Map.entry(Boolean.class, "true or false"),
        Map.entry(boolean.class, "true or false"));

    @Override
    public boolean handleUnknownProperty(
        final DeserializationContext context,
        final JsonParser parser,
        final JsonDeserializer<?> deserializer,
        final Object beanOrClass,
        final String propertyName) throws IOException
    {
        final String known = knownFields(deserializer);
        final String path = parser == context.getParser() ?
            YamlLocations.pathOf(parser) : YamlLocations.field(mappingPathOf(context.getParser()), propertyName);
        YamlFile.from(context).error(path, "unknown field '" + propertyName + "'" +
            (known.isEmpty() ? "" : "; expected one of " + known));
        parser.skipChildren();
        return true;
    }

    @Override
    public Object handleWeirdStringValue(
        final DeserializationContext context,
        final Class<?> targetType,
        final String valueToConvert,
        final String failureMsg) throws IOException
    {
        report(context, context.getParser(), "expected " + describe(targetType) + ", got '" + valueToConvert + "'");
        return null;
    }

    @Override
    public Object handleWeirdNumberValue(
        final DeserializationContext context,
        final Class<?> targetType,
        final Number valueToConvert,
        final String failureMsg) throws IOException
    {
        report(context, context.getParser(), "expected " + describe(targetType) + ", got " + valueToConvert);
        return null;
    }

    @Override
    public Object handleUnexpectedToken(
        final DeserializationContext context,
        final JavaType targetType,
        final JsonToken token,
        final JsonParser parser,
        final String failureMsg) throws IOException
    {
        report(context, parser, "expected " + describe(targetType) + ", got " + describe(token));
        parser.skipChildren();
        return null;
    }

    @Override
    public Object handleInstantiationProblem(
        final DeserializationContext context,
        final Class<?> instClass,
        final Object argument,
        final Throwable failure)
    {
        Throwable cause = failure;
        while (null != cause.getCause() && cause.getCause() != cause)
        {
            cause = cause.getCause();
        }
        report(context, context.getParser(), null == cause.getMessage() ? "invalid value" : cause.getMessage());
        return null;
    }

    @Override
    public Object handleMissingInstantiator(
        final DeserializationContext context,
        final Class<?> instClass,
        final ValueInstantiator valueInsta,
        final JsonParser parser,
        final String msg) throws IOException
    {
        report(context, parser, "expected a mapping of fields, got " + describe(parser.currentToken()));
        parser.skipChildren();
        return null;
    }

    private static void report(final DeserializationContext context, final JsonParser parser, final String message)
    {
        YamlFile.from(context).error(YamlLocations.pathOf(parser), message);
    }

    /**
     * The path of the mapping whose unknown fields Jackson replays from a buffer once the mapping is read: the
     * document's own parser then stands on the mapping's end or on the field after the last creator property.
     */
    private static String mappingPathOf(final JsonParser source)
    {
        final JsonStreamContext context = source.getParsingContext();
        return JsonToken.FIELD_NAME == source.currentToken() ?
            YamlLocations.pathOf(context.getParent()) : YamlLocations.pathOf(context);
    }

    private static String knownFields(final JsonDeserializer<?> deserializer)
    {
        final Collection<Object> names = null == deserializer ? null : deserializer.getKnownPropertyNames();
        if (null == names)
        {
            return "";
        }
        return String.join(", ", names.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static String describe(final JavaType type)
    {
        if (type.isCollectionLikeType() || type.isArrayType())
        {
            return "a list";
        }
        if (type.isMapLikeType())
        {
            return "a mapping";
        }
        return describe(type.getRawClass());
    }

    private static String describe(final Class<?> type)
    {
        if (type.isEnum())
        {
            return "one of " + Arrays.stream(type.getEnumConstants())
                .map(constant -> ((Enum<?>)constant).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        }
        return SCALAR_NAMES.getOrDefault(type, "a mapping of fields");
    }

    private static String describe(final JsonToken token)
    {
        if (null == token)
        {
            return "nothing";
        }
        return switch (token)
        {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_NULL -> "nothing";
            default -> "a single value";
        };
    }
}
