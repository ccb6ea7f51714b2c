package io.netshadow.dataplane.device;

import java.util.List;

/**
 * One node of the YANG schema subset the device model understands: a container, a list entry or a leaf, with
 * the XML namespace and name it has on the wire.
 */
final class SchemaNode
{
    /**
     * The YANG kinds of data node the model uses.
     */
    enum Kind
    {
        CONTAINER,
        LIST,
        LEAF
    }

    private final String namespace;
    private final String name;
    private final Kind kind;
    private final String key;
    private final boolean userOrdered;
    private final boolean identity;
    private final String choice;
    private final String choiceCase;
    private final List<SchemaNode> children;

    private SchemaNode(
        final String namespace,
        final String name,
        final Kind kind,
        final String key,
        final boolean userOrdered,
        final boolean identity,
        final String choice,
        final String choiceCase,
        final List<SchemaNode> children)
    {
        this.namespace = namespace;
        this.name = name;
        this.kind = kind;
        this.key = key;
        this.userOrdered = userOrdered;
        this.identity = identity;
        this.choice = choice;
        this.choiceCase = choiceCase;
        this.children = children;
    }

    static SchemaNode container(final String namespace, final String name, final SchemaNode... children)
    {
        return new SchemaNode(namespace, name, Kind.CONTAINER, null, false, false, null, null, List.of(children));
    }

    static SchemaNode list(final String namespace, final String name, final String key, final SchemaNode... children)
    {
        return new SchemaNode(namespace, name, Kind.LIST, key, false, false, null, null, List.of(children));
    }

    static SchemaNode userOrderedList(
        final String namespace, final String name, final String key, final SchemaNode... children)
    {
        return new SchemaNode(namespace, name, Kind.LIST, key, true, false, null, null, List.of(children));
    }

    static SchemaNode leaf(final String namespace, final String name)
    {
        return new SchemaNode(namespace, name, Kind.LEAF, null, false, false, null, null, List.of());
    }

    static SchemaNode identityLeaf(final String namespace, final String name)
    {
        return new SchemaNode(namespace, name, Kind.LEAF, null, false, true, null, null, List.of());
    }

    /**
     * This node as one case of a choice: creating it removes the nodes of the choice's other cases.
     */
    SchemaNode inCase(final String choiceName, final String caseName)
    {
        return new SchemaNode(namespace, name, kind, key, userOrdered, identity, choiceName, caseName, children);
    }

    String namespace()
    {
        return namespace;
    }

    String name()
    {
        return name;
    }

    Kind kind()
    {
        return kind;
    }

    /**
     * The name of the key leaf of a list entry, null for other kinds.
     */
    String key()
    {
        return key;
    }

    boolean userOrdered()
    {
        return userOrdered;
    }

    /**
     * Whether the leaf holds an identityref, kept without its prefix.
     */
    boolean identity()
    {
        return identity;
    }

    /**
     * Whether this node and another are in different cases of one choice, so cannot both exist.
     */
    boolean excludes(final SchemaNode other)
    {
        return null != choice && choice.equals(other.choice) && !choiceCase.equals(other.choiceCase);
    }

    SchemaNode child(final String childNamespace, final String childName)
    {
        for (final SchemaNode child : children)
        {
            if (child.name.equals(childName) && child.namespace.equals(childNamespace))
            {
                return child;
            }
        }
        return null;
    }

    SchemaNode child(final String childName)
    {
        for (final SchemaNode child : children)
        {
            if (child.name.equals(childName))
            {
                return child;
            }
        }
        throw new IllegalStateException(name + " has no child " + childName);
    }
}
