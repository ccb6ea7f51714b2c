package io.netshadow.controlplane.netconf;

/**
 * One {@code <rpc-error>} of a NETCONF reply (RFC 6241 section 4.3). Absent optional fields are empty strings.
 *
 * @param type     error-type: transport, rpc, protocol or application.
 * @param tag      error-tag, such as {@code lock-denied} or {@code invalid-value}.
 * @param severity error-severity: error or warning.
 * @param appTag   error-app-tag, the device's own finer tag.
 * @param path     error-path, the XPath of the node in error.
 * @param message  error-message, human-readable.
 * @param info     error-info contents as compact XML text, such as {@code <session-id>4</session-id>}.
 */
public record RpcError(
    String type, String tag, String severity, String appTag, String path, String message, String info)
{
    /**
     * Whether this error fails the operation (warnings do not).
     *
     * @return true for severity error.
     */
    public boolean isError()
    {
        return !"warning".equals(severity);
    }

    /**
     * One line naming the tag, the path where there is one, and the message.
     *
     * @return for example {@code invalid-value at /if:interfaces/if:interface[if:name='eth0']/ip:ipv4/ip:mtu:
     * value not in range}.
     */
    public String describe()
    {
        final StringBuilder text = new StringBuilder(tag.isEmpty() ? "error" : tag);
        if (!path.isEmpty())
        {
            text.append(" at ").append(path);
        }
        if (!message.isEmpty())
        {
            text.append(": ").append(message);
        }
        if (!appTag.isEmpty() || !type.isEmpty())
        {
            text.append(" (");
            text.append(type.isEmpty() ? "" : type);
            text.append(!type.isEmpty() && !appTag.isEmpty() ? ", " : "");
            text.append(appTag.isEmpty() ? "" : appTag);
            text.append(')');
        }
        if (!info.isEmpty())
        {
            text.append(" info ").append(info);
        }
        return text.toString();
    }
}
