package io.netshadow.dataplane.device;

import java.util.ArrayList;
import java.util.List;

/**
 * One node of a configuration data tree shaped by a {@link SchemaNode}: a leaf holding a value, or a container or
 * list entry holding children in document order. Mutable while an edit is applied.
 */
final class DataNode
{
    private final SchemaNode schema;
    private final List<DataNode> children = new ArrayList<>();
    private String value;

    DataNode(final SchemaNode schema)
    {
        this.schema = schema;
    }

    static DataNode leaf(final SchemaNode schema, final String value)
    {
        final DataNode node = new DataNode(schema);
        node.value = value;
        return node;
    }

    SchemaNode schema()
    {
        return schema;
    }

    String value()
    {
        return value;
    }

    void value(final String newValue)
    {
        value = newValue;
    }

    List<DataNode> children()
    {
        return children;
    }

    /**
     * The child with a schema and, for a list entry, a key value; null when there is none.
     */
    DataNode find(final SchemaNode childSchema, final String keyValue)
    {
        for (final DataNode child : children)
        {
            if (child.schema == childSchema && (null == keyValue || keyValue.equals(child.keyValue())))
            {
                return child;
            }
        }
        return null;
    }

    /**
     * The value of this list entry's key leaf.
     */
    String keyValue()
    {
        return leafValue(schema.key());
    }

    /**
     * This node's step in an element path: its name, with the key for a list entry.
     */
    String segment()
    {
        return SchemaNode.Kind.LIST == schema.kind() ?
            schema.name() + "[" + schema.key() + "=" + keyValue() + "]" : schema.name();
    }

    DataNode child(final String name)
    {
        for (final DataNode child : children)
        {
            if (child.schema.name().equals(name))
            {
                return child;
            }
        }
        return null;
    }

    List<DataNode> all(final String name)
    {
        final List<DataNode> matching = new ArrayList<>();
        for (final DataNode child : children)
        {
            if (child.schema.name().equals(name))
            {
                matching.add(child);
            }
        }
        return matching;
    }

    String leafValue(final String name)
    {
        final DataNode child = child(name);
        return null == child ? null : child.value;
    }

    /**
     * Appends a leaf child.
     *
     * @return this node.
     */
    DataNode addLeaf(final String name, final String leafValue)
    {
        children.add(leaf(schema.child(name), leafValue));
        return this;
    }

    /**
     * Appends a container or list entry child.
     *
     * @return the new child.
     */
    DataNode addInner(final String name)
    {
        final DataNode child = new DataNode(schema.child(name));
        children.add(child);
        return child;
    }
}
