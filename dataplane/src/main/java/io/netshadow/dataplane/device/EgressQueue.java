package io.netshadow.dataplane.device;

import java.util.Objects;

/**
 * One traffic class of an interface's egress: the DSCP code points it takes and the bytes its queue holds.
 *
 * @param name       class name, unique on its interface.
 * @param dscp       code points classified into it; may be empty for the last class, which also takes every code
 *                   point no class lists.
 * @param queueBytes bytes the class may hold, the packet being sent included, before it tail-drops; positive.
 */
public record EgressQueue(String name, DscpSet dscp, long queueBytes)
{
    /**
     * Checks the parameters.
     *
     * @throws IllegalArgumentException when the queue size is not positive.
     */
    public EgressQueue
    {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dscp, "dscp");
        if (queueBytes <= 0)
        {
            throw new IllegalArgumentException("egress queue " + name + " needs a positive queue-bytes");
        }
    }
}
