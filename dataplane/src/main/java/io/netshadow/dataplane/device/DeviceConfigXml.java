package io.netshadow.dataplane.device;

/**
 * Reads and writes {@link DeviceConfig} as YANG-shaped XML: ietf-interfaces (with the ietf-ip MTU), ietf-routing
 * static IPv4 routes, ietf-access-control-list (RFC 8519) ACLs and attachment points, and the netshadow-qos
 * ingress policers, egress shapers and per-class egress queues.
 * <p>
 * Edits follow NETCONF edit-config: default operation merge; {@code operation} attributes (merge, replace, create,
 * delete, remove) in the NETCONF base namespace on any element; {@code yang:insert} and {@code yang:key} to place
 * ACLs, ACEs and ACL sets. Elements in namespaces the model does not hold are ignored; unknown elements in the
 * model's namespaces, and elements in no namespace, are errors. Interface {@code type} is accepted but not kept.
 */
public final class DeviceConfigXml
{
    private DeviceConfigXml()
    {
    }

    /**
     * Applies an edit-config body to a configuration.
     *
     * @param base    the configuration before the edit.
     * @param editXml a {@code <config>} element (in any namespace) wrapping top-level containers, or a single
     *                top-level container such as {@code <acls>}.
     * @return the configuration after the edit; {@code base} is unchanged.
     * @throws DeviceConfigException when the XML is malformed, names an element the model's namespaces do not
     *                               have, holds a bad value, or contradicts the data (create of existing data,
     *                               delete of missing data).
     */
    public static DeviceConfig applyEdit(final DeviceConfig base, final String editXml) throws DeviceConfigException
    {
        final XmlElement edit = XmlElementReader.read(editXml);
        final DataNode tree = ConfigEncoder.encode(base);
        EditApplier.apply(tree, edit);
        return ConfigDecoder.decode(tree);
    }

    /**
     * Writes a configuration as a NETCONF {@code <config>} document that {@link #applyEdit} reads back:
     * {@code applyEdit(DeviceConfig.empty(), toXml(config)).equals(config)}.
     *
     * @param config the configuration.
     * @return the XML text.
     */
    public static String toXml(final DeviceConfig config)
    {
        return XmlDataWriter.write(ConfigEncoder.encode(config));
    }
}
