package io.netshadow.dataplane.device;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies the body of a NETCONF edit-config to a configuration data tree (RFC 6241 section 7.2): default
 * operation merge, {@code operation} attributes on any element, inherited by the element's descendants, and
 * {@code yang:insert} / {@code yang:key} (RFC 7950 section 7.8.6) to place entries of user-ordered lists.
 */
final class EditApplier
{
    private static final String CONFIG = "config";
    private static final Pattern KEY_PREDICATE =
        Pattern.compile("\\[\\s*(?:[^\\s:=]+:)?([^\\s:=]+)\\s*=\\s*(['\"])(.*)\\2\\s*]");

    private EditApplier()
    {
    }

    /**
     * Applies an edit to a tree rooted at {@link YangSchema#ROOT}.
     *
     * @param root the data tree, changed in place.
     * @param edit a {@code config} element wrapping top-level containers, or one top-level container.
     * @throws DeviceConfigException when the edit names an unknown element or contradicts the data.
     */
    static void apply(final DataNode root, final XmlElement edit) throws DeviceConfigException
    {
        if (CONFIG.equals(edit.localName()) && !YangSchema.MODEL_NAMESPACES.contains(edit.namespace()))
        {
            final EditOperation operation = operationOf(edit, EditOperation.MERGE, "");
            requireNoText(edit, "/");
            for (final XmlElement child : edit.children())
            {
                edit(root, child, operation, "");
            }
        }
        else
        {
            edit(root, edit, EditOperation.MERGE, "");
        }
    }

    private static void edit(
        final DataNode parent, final XmlElement element, final EditOperation inherited, final String parentPath)
        throws DeviceConfigException
    {
        if (element.namespace().isEmpty())
        {
            throw new DeviceConfigException(
                DeviceConfigException.Kind.UNKNOWN_ELEMENT,
                parentPath + "/" + element.localName(),
                "element " + element.localName() + " at " + parentPath + "/" + element.localName() +
                    " has no namespace, " + element.position());
        }
        if (!YangSchema.MODEL_NAMESPACES.contains(element.namespace()))
        {
            return;
        }
        final SchemaNode schema = parent.schema().child(element.namespace(), element.localName());
        if (null == schema)
        {
            throw new DeviceConfigException(
                DeviceConfigException.Kind.UNKNOWN_ELEMENT,
                parentPath + "/" + element.localName(),
                "unknown element " + element.localName() + " (" + element.namespace() + ") at " + parentPath + "/" +
                    element.localName() + ", " + element.position());
        }
        final String key = SchemaNode.Kind.LIST == schema.kind() ? keyOf(schema, element, parentPath) : null;
        final String segment = null == key ? schema.name() : schema.name() + "[" + schema.key() + "=" + key + "]";
        final String path = parentPath + "/" + segment;
        final EditOperation operation = operationOf(element, inherited, path);
        final DataNode existing = parent.find(schema, key);
        switch (operation)
        {
            case DELETE ->
            {
                if (null == existing)
                {
                    throw new DeviceConfigException(
                        DeviceConfigException.Kind.DATA_MISSING,
                        path,
                        "delete of missing data at " + path + ", " + element.position());
                }
                parent.children().remove(existing);
            }
            case REMOVE ->
            {
                if (null != existing)
                {
                    parent.children().remove(existing);
                }
            }
            case CREATE ->
            {
                if (null != existing)
                {
                    throw new DeviceConfigException(
                        DeviceConfigException.Kind.DATA_EXISTS,
                        path,
                        "create of existing data at " + path + ", " + element.position());
                }
                insert(parent, built(schema, key, element, operation, path), element, parent.children().size(), path);
            }
            case REPLACE ->
            {
                final int position = null == existing ? parent.children().size() : parent.children().indexOf(existing);
                if (null != existing)
                {
                    parent.children().remove(existing);
                }
                insert(parent, built(schema, key, element, operation, path), element, position, path);
            }
            case MERGE ->
            {
                if (null == existing)
                {
                    final DataNode created = built(schema, key, element, operation, path);
                    insert(parent, created, element, parent.children().size(), path);
                }
                else
                {
                    fill(existing, element, operation, path);
                    if (null != element.attribute(YangSchema.YANG, "insert"))
                    {
                        final int position = parent.children().indexOf(existing);
                        parent.children().remove(existing);
                        insert(parent, existing, element, position, path);
                    }
                }
            }
        }
    }

    private static DataNode built(
        final SchemaNode schema,
        final String key,
        final XmlElement element,
        final EditOperation operation,
        final String path) throws DeviceConfigException
    {
        final DataNode node = new DataNode(schema);
        if (null != key)
        {
            node.addLeaf(schema.key(), key);
        }
        fill(node, element, operation, path);
        return node;
    }

    private static void fill(
        final DataNode node, final XmlElement element, final EditOperation operation, final String path)
        throws DeviceConfigException
    {
        final SchemaNode schema = node.schema();
        if (SchemaNode.Kind.LEAF == schema.kind())
        {
            if (!element.children().isEmpty())
            {
                throw new DeviceConfigException(
                    DeviceConfigException.Kind.INVALID_VALUE,
                    path,
                    "leaf " + path + " holds elements, " + element.position());
            }
            node.value(leafValue(schema, element.text()));
            return;
        }
        requireNoText(element, path);
        for (final XmlElement child : element.children())
        {
            if (isKey(schema, child))
            {
                final EditOperation keyOperation = operationOf(child, operation, path);
                if (EditOperation.DELETE == keyOperation || EditOperation.REMOVE == keyOperation)
                {
                    throw new DeviceConfigException(
                        DeviceConfigException.Kind.BAD_ATTRIBUTE,
                        path + "/" + schema.key(),
                        "the key of " + path + " cannot be deleted, " + child.position());
                }
            }
            else
            {
                edit(node, child, operation, path);
            }
        }
    }

    private static void insert(
        final DataNode parent,
        final DataNode node,
        final XmlElement element,
        final int defaultPosition,
        final String path)
        throws DeviceConfigException
    {
        final List<DataNode> siblings = parent.children();
        siblings.removeIf(sibling -> sibling.schema().excludes(node.schema()));
        final String insert = element.attribute(YangSchema.YANG, "insert");
        if (null == insert)
        {
            siblings.add(Math.min(defaultPosition, siblings.size()), node);
            return;
        }
        if (!node.schema().userOrdered())
        {
            throw badAttribute(path, "yang:insert applies only to lists ordered by the user", element);
        }
        final int position = switch (insert)
        {
            case "first" -> firstOf(siblings, node.schema());
            case "last" -> siblings.size();
            case "before" -> indexOfKey(siblings, node.schema(), element, path);
            case "after" -> indexOfKey(siblings, node.schema(), element, path) + 1;
            default -> throw badAttribute(
                path, "yang:insert '" + insert + "' is not first, last, before or after", element);
        };
        siblings.add(position, node);
    }

    private static int firstOf(final List<DataNode> siblings, final SchemaNode schema)
    {
        for (int i = 0; i < siblings.size(); i++)
        {
            if (siblings.get(i).schema() == schema)
            {
                return i;
            }
        }
        return siblings.size();
    }

    private static int indexOfKey(
        final List<DataNode> siblings, final SchemaNode schema, final XmlElement element, final String path)
        throws DeviceConfigException
    {
        final String predicate = element.attribute(YangSchema.YANG, "key");
        final Matcher matcher = null == predicate ? null : KEY_PREDICATE.matcher(predicate.trim());
        if (null == matcher || !matcher.matches() || !schema.key().equals(matcher.group(1)))
        {
            throw badAttribute(path, "yang:key must name a sibling as [" + schema.key() + "='value']", element);
        }
        for (int i = 0; i < siblings.size(); i++)
        {
            final DataNode sibling = siblings.get(i);
            if (sibling.schema() == schema && matcher.group(3).equals(sibling.keyValue()))
            {
                return i;
            }
        }
        throw new DeviceConfigException(
            DeviceConfigException.Kind.DATA_MISSING,
            path,
            "yang:key " + predicate + " names no entry beside " + path + ", " + element.position());
    }

    private static String keyOf(final SchemaNode schema, final XmlElement element, final String parentPath)
        throws DeviceConfigException
    {
        for (final XmlElement child : element.children())
        {
            if (isKey(schema, child))
            {
                return leafValue(schema.child(schema.key()), child.text());
            }
        }
        throw new DeviceConfigException(
            DeviceConfigException.Kind.MISSING_ELEMENT,
            parentPath + "/" + schema.name(),
            "entry of " + parentPath + "/" + schema.name() + " has no key " + schema.key() + ", " + element.position());
    }

    private static boolean isKey(final SchemaNode schema, final XmlElement child)
    {
        return SchemaNode.Kind.LIST == schema.kind() && schema.key().equals(child.localName()) &&
            schema.namespace().equals(child.namespace());
    }

    private static String leafValue(final SchemaNode schema, final String text)
    {
        final String value = text.strip();
        return schema.identity() ? value.substring(value.indexOf(':') + 1) : value;
    }

    private static EditOperation operationOf(final XmlElement element, final EditOperation inherited, final String path)
        throws DeviceConfigException
    {
        final String value = element.attribute(YangSchema.NETCONF, "operation");
        if (null == value)
        {
            return inherited;
        }
        final EditOperation operation = EditOperation.fromAttribute(value);
        if (null == operation)
        {
            throw badAttribute(
                path, "operation '" + value + "' is not merge, replace, create, delete or remove", element);
        }
        return operation;
    }

    private static void requireNoText(final XmlElement element, final String path) throws DeviceConfigException
    {
        if (!element.text().isBlank())
        {
            throw new DeviceConfigException(
                DeviceConfigException.Kind.INVALID_VALUE,
                path,
                "text '" + element.text().strip() + "' where " + path + " holds only elements, " + element.position());
        }
    }

    private static DeviceConfigException badAttribute(final String path, final String reason, final XmlElement element)
    {
        return new DeviceConfigException(
            DeviceConfigException.Kind.BAD_ATTRIBUTE, path, reason + " at " + path + ", " + element.position());
    }
}
