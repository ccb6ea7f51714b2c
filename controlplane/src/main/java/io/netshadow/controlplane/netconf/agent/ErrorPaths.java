package io.netshadow.controlplane.netconf.agent;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the element paths of the device model ({@code /interfaces/interface[name=eth0]/ipv4/mtu}) into the
 * absolute, prefixed XPath an error-path holds ({@code /if:interfaces/if:interface[if:name='eth0']/ip:ipv4/ip:mtu}),
 * taking each step's namespace from the edit that named it.
 */
final class ErrorPaths
{
    private ErrorPaths()
    {
    }

    /**
     * A fault at a model path of an edit.
     *
     * @param type      the fault's layer.
     * @param tag       the error-tag.
     * @param message   the message.
     * @param modelPath the model's element path, empty when the fault has no place.
     * @param edit      the {@code config} element of the edit, to find each step's namespace in; may be null.
     * @return the fault, with an XPath error-path when every step is found in the edit, else with the model path.
     */
    static RpcFault fault(
        final ErrorType type, final String tag, final String message, final String modelPath, final Element edit)
    {
        final List<Step> steps = steps(modelPath);
        if (steps.isEmpty())
        {
            return RpcFault.of(type, tag, message);
        }
        final Map<String, String> namespaces = new LinkedHashMap<>();
        final StringBuilder xpath = new StringBuilder();
        Element current = edit;
        for (final Step step : steps)
        {
            final Element match = null == current ? null : find(current, step);
            if (null == match || null == match.getNamespaceURI())
            {
                return new RpcFault(type, tag, message, modelPath, Map.of(), badElement(tag, steps));
            }
            final String prefix = prefixOf(match.getNamespaceURI(), namespaces);
            xpath.append('/').append(prefix).append(':').append(step.name());
            if (null != step.key())
            {
                xpath.append('[').append(prefix).append(':').append(step.key()).append('=')
                    .append(quoted(step.keyValue())).append(']');
            }
            current = match;
        }
        return new RpcFault(type, tag, message, xpath.toString(), namespaces, badElement(tag, steps));
    }

    private static String badElement(final String tag, final List<Step> steps)
    {
        return switch (tag)
        {
            case RpcFault.UNKNOWN_ELEMENT, RpcFault.MISSING_ELEMENT, RpcFault.BAD_ELEMENT ->
                RpcFault.info("bad-element", steps.getLast().name());
            default -> null;
        };
    }

    private static Element find(final Element parent, final Step step)
    {
        for (final Element child : XmlTrees.children(parent))
        {
            if (step.name().equals(child.getLocalName()) && (null == step.key() || hasKey(child, step)))
            {
                return child;
            }
        }
        return null;
    }

    private static boolean hasKey(final Element entry, final Step step)
    {
        for (final Element leaf : XmlTrees.children(entry))
        {
            if (step.key().equals(leaf.getLocalName()))
            {
                final String value = XmlTrees.text(leaf);
                return value.equals(step.keyValue()) || value.endsWith(":" + step.keyValue());
            }
        }
        return false;
    }

    private static String prefixOf(final String namespace, final Map<String, String> namespaces)
    {
        for (final Map.Entry<String, String> entry : namespaces.entrySet())
        {
            if (entry.getValue().equals(namespace))
            {
                return entry.getKey();
            }
        }
        final String known = Capabilities.MODULE_PREFIXES.get(namespace);
        final String prefix = null == known || namespaces.containsKey(known) ? "n" + namespaces.size() : known;
        namespaces.put(prefix, namespace);
        return prefix;
    }

    private static String quoted(final String value)
    {
        return value.indexOf('\'') < 0 ? "'" + value + "'" : "\"" + value + "\"";
    }

    private static List<Step> steps(final String modelPath)
    {
        final List<Step> steps = new ArrayList<>();
        int depth = 0;
        int start = 1;
        for (int i = 1; i <= modelPath.length(); i++)
        {
            final char c = i < modelPath.length() ? modelPath.charAt(i) : '/';
            if ('[' == c)
            {
                depth++;
            }
            else if (']' == c)
            {
                depth--;
            }
            else if ('/' == c && 0 == depth)
            {
                if (i > start)
                {
                    steps.add(Step.parse(modelPath.substring(start, i)));
                }
                start = i + 1;
            }
        }
        return steps;
    }

    private record Step(String name, String key, String keyValue)
    {
        static Step parse(final String text)
        {
            final int open = text.indexOf('[');
            final int equals = text.indexOf('=', open + 1);
            if (open < 0 || equals < 0 || !text.endsWith("]"))
            {
                return new Step(text, null, null);
            }
            return new Step(
                text.substring(0, open),
                text.substring(open + 1, equals),
                text.substring(equals + 1, text.length() - 1));
        }
    }
}
