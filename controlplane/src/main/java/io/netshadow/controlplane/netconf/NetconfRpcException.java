package io.netshadow.controlplane.netconf;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A NETCONF device answered an operation with {@code <rpc-error>}s; the session stays usable. The message names the
 * device, the operation, and each error with its path.
 */
public final class NetconfRpcException extends NetconfException
{
    private static final long serialVersionUID = 1L;

    /** The operation refused. */
    private final String operation;
    /** The errors of the reply. */
    private final transient List<RpcError> errors;

    /**
     * Creates the exception.
     *
     * @param deviceName the device that refused.
     * @param operation  the operation refused, such as {@code edit-config}.
     * @param errors     the errors of the reply, at least one.
     */
    public NetconfRpcException(final String deviceName, final String operation, final List<RpcError> errors)
    {
        super(deviceName + ": " + operation + " failed: " +
            errors.stream().map(RpcError::describe).collect(Collectors.joining("; ")));
        this.operation = operation;
        this.errors = List.copyOf(errors);
    }

    /**
     * The operation refused.
     *
     * @return its element name, such as {@code commit}.
     */
    public String operation()
    {
        return operation;
    }

    /**
     * The errors of the reply.
     *
     * @return at least one error, in reply order.
     */
    public List<RpcError> errors()
    {
        return errors;
    }

    /**
     * Whether any error carries a tag.
     *
     * @param tag an error-tag such as {@code lock-denied}.
     * @return true when one of the errors has it.
     */
    public boolean hasTag(final String tag)
    {
        return errors.stream().anyMatch(error -> tag.equals(error.tag()));
    }
}
