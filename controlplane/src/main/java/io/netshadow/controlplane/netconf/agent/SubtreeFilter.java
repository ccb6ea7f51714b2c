package io.netshadow.controlplane.netconf.agent;

import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;

/**
 * Subtree filtering (RFC 6241 section 6): selection nodes (empty elements) select a data node with all it holds,
 * content match nodes (elements with text) select the data nodes whose siblings match, containment nodes
 * (elements with children) recurse. A filter element in no namespace, or in the NETCONF one it inherits from an
 * unqualified rpc, matches its name in any namespace.
 */
final class SubtreeFilter
{
    private SubtreeFilter()
    {
    }

    /**
     * The top-level data nodes a filter selects, copied and trimmed to what it selects.
     *
     * @param dataRoot the element whose children are the datastore's top-level nodes.
     * @param filter   the filter element, or null to select everything.
     * @return the selected nodes in data order.
     */
    static List<Element> select(final Element dataRoot, final Element filter)
    {
        if (null == filter)
        {
            return XmlTrees.children(dataRoot);
        }
        if (XmlTrees.children(filter).isEmpty())
        {
            return List.of();
        }
        final Element selected = filtered(filter, dataRoot);
        return null == selected ? List.of() : XmlTrees.children(selected);
    }

    private static Element filtered(final Element containment, final Element data)
    {
        final List<Element> filterNodes = XmlTrees.children(containment);
        boolean onlyContentMatches = true;
        for (final Element filterNode : filterNodes)
        {
            if (isContentMatch(filterNode))
            {
                if (!hasMatchingChild(data, filterNode))
                {
                    return null;
                }
            }
            else
            {
                onlyContentMatches = false;
            }
        }
        final Element selected = (Element)data.cloneNode(onlyContentMatches);
        if (onlyContentMatches)
        {
            return selected;
        }
        for (final Element dataNode : XmlTrees.children(data))
        {
            final Element kept = keep(dataNode, filterNodes);
            if (null != kept)
            {
                selected.appendChild(kept);
            }
        }
        return selected.hasChildNodes() ? selected : null;
    }

    private static Element keep(final Element dataNode, final List<Element> filterNodes)
    {
        final List<Element> containments = new ArrayList<>();
        for (final Element filterNode : filterNodes)
        {
            if (!sameName(filterNode, dataNode))
            {
                continue;
            }
            if (isSelection(filterNode) ||
                (isContentMatch(filterNode) && XmlTrees.text(filterNode).equals(XmlTrees.text(dataNode))))
            {
                return (Element)dataNode.cloneNode(true);
            }
            if (!isContentMatch(filterNode))
            {
                containments.add(filterNode);
            }
        }
        for (final Element containment : containments)
        {
            final Element selected = filtered(containment, dataNode);
            if (null != selected)
            {
                return selected;
            }
        }
        return null;
    }

    private static boolean hasMatchingChild(final Element data, final Element contentMatch)
    {
        final String text = XmlTrees.text(contentMatch);
        for (final Element dataNode : XmlTrees.children(data))
        {
            if (sameName(contentMatch, dataNode) && text.equals(XmlTrees.text(dataNode)))
            {
                return true;
            }
        }
        return false;
    }

    private static boolean isSelection(final Element filterNode)
    {
        return XmlTrees.children(filterNode).isEmpty() && XmlTrees.text(filterNode).isEmpty();
    }

    private static boolean isContentMatch(final Element filterNode)
    {
        return XmlTrees.children(filterNode).isEmpty() && !XmlTrees.text(filterNode).isEmpty();
    }

    private static boolean sameName(final Element filterNode, final Element dataNode)
    {
        final String namespace = filterNode.getNamespaceURI();
        return filterNode.getLocalName().equals(dataNode.getLocalName()) &&
            (null == namespace || XmlTrees.NETCONF.equals(namespace) || namespace.equals(dataNode.getNamespaceURI()));
    }
}
