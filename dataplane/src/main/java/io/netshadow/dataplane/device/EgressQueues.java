package io.netshadow.dataplane.device;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The per-class egress queues of one interface, scheduled by strict priority in list order: the transmitter always
 * sends next the head of the first non-empty queue, and never interrupts a packet it has started. A packet goes to
 * the first queue whose DSCP set holds its code point, or to the last queue when none does; each queue tail-drops on
 * its own size. Without this setting an interface has one FIFO queue of its link's queue size.
 *
 * @param interfaceName the interface.
 * @param queues        1 to {@link #MAX_QUEUES} classes, highest priority first, with unique names and disjoint DSCP
 *                      sets.
 */
public record EgressQueues(String interfaceName, List<EgressQueue> queues)
{
    /** Most classes an interface may have. */
    public static final int MAX_QUEUES = 8;

    /**
     * Checks and copies the queues.
     *
     * @throws IllegalArgumentException when there are no queues or too many, two share a name, or two share a code
     *                                  point.
     */
    public EgressQueues
    {
        Objects.requireNonNull(interfaceName, "interfaceName");
        queues = List.copyOf(queues);
        if (queues.isEmpty() || queues.size() > MAX_QUEUES)
        {
            throw new IllegalArgumentException(
                "egress queues of " + interfaceName + " number " + queues.size() + ", outside 1.." + MAX_QUEUES);
        }
        final Set<String> names = new HashSet<>();
        long seen = 0;
        for (final EgressQueue queue : queues)
        {
            if (!names.add(queue.name()))
            {
                throw new IllegalArgumentException(
                    "egress queues of " + interfaceName + " have two queues named " + queue.name());
            }
            final long shared = seen & queue.dscp().mask();
            if (0 != shared)
            {
                throw new IllegalArgumentException("egress queue " + queue.name() + " of " + interfaceName +
                    " lists DSCP " + new DscpSet(shared) + " that an earlier queue lists");
            }
            seen |= queue.dscp().mask();
        }
    }

    /**
     * Queues from their classes, highest priority first.
     *
     * @param interfaceName the interface.
     * @param queues        the classes.
     * @return the setting.
     */
    public static EgressQueues of(final String interfaceName, final EgressQueue... queues)
    {
        return new EgressQueues(interfaceName, List.of(queues));
    }

    /**
     * The class a code point goes to.
     *
     * @param dscp the packet's DSCP, 0..63.
     * @return the index of the first queue listing it, or of the last queue.
     */
    public int classOf(final int dscp)
    {
        for (int i = 0; i < queues.size(); i++)
        {
            if (queues.get(i).dscp().contains(dscp))
            {
                return i;
            }
        }
        return queues.size() - 1;
    }
}
