package io.netshadow.dataplane.device;

/**
 * Writes a data tree as an indented NETCONF {@code <config>} document, declaring each element's namespace where it
 * differs from its parent's.
 */
final class XmlDataWriter
{
    private static final String INDENT = "  ";

    private XmlDataWriter()
    {
    }

    static String write(final DataNode root)
    {
        final StringBuilder out = new StringBuilder(1024);
        out.append("<config xmlns=\"").append(YangSchema.NETCONF).append("\">\n");
        for (final DataNode child : root.children())
        {
            write(out, child, YangSchema.NETCONF, 1);
        }
        return out.append("</config>\n").toString();
    }

    private static void write(
        final StringBuilder out, final DataNode node, final String parentNamespace, final int depth)
    {
        final SchemaNode schema = node.schema();
        out.append(INDENT.repeat(depth)).append('<').append(schema.name());
        if (!schema.namespace().equals(parentNamespace))
        {
            out.append(" xmlns=\"").append(schema.namespace()).append('"');
        }
        if (SchemaNode.Kind.LEAF == schema.kind())
        {
            out.append('>');
            escape(out, node.value());
            out.append("</").append(schema.name()).append(">\n");
        }
        else if (node.children().isEmpty())
        {
            out.append("/>\n");
        }
        else
        {
            out.append(">\n");
            for (final DataNode child : node.children())
            {
                write(out, child, schema.namespace(), depth + 1);
            }
            out.append(INDENT.repeat(depth)).append("</").append(schema.name()).append(">\n");
        }
    }

    private static void escape(final StringBuilder out, final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
    }
}
