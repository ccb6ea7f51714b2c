package io.netshadow.controlplane.netconf.agent;

import java.util.List;

/**
 * An operation cannot be performed; the faults say why, and the reply carries one rpc-error each.
 */
final class RpcFaultException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final transient List<RpcFault> faults;

    /**
     * One fault.
     *
     * @param fault what went wrong.
     */
    RpcFaultException(final RpcFault fault)
    {
        this(List.of(fault));
    }

    /**
     * Several faults, in the order they were found.
     *
     * @param faults what went wrong; at least one.
     */
    RpcFaultException(final List<RpcFault> faults)
    {
        super(faults.getFirst().message(), null, false, false);
        this.faults = List.copyOf(faults);
    }

    /**
     * What went wrong.
     *
     * @return the faults, at least one.
     */
    List<RpcFault> faults()
    {
        return faults;
    }
}
