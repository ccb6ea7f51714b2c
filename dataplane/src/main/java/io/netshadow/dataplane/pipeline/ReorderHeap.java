package io.netshadow.dataplane.pipeline;

/**
 * A bounded binary min-heap of (timestamp, ring A sequence) pairs on preallocated primitive arrays: the packets
 * the reorder stage holds back. Equal timestamps leave in arrival order.
 */
final class ReorderHeap
{
    private final long[] timestampsNs;
    private final long[] sequences;
    private int size;

    ReorderHeap(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("reorder capacity must be positive: " + capacity);
        }
        this.timestampsNs = new long[capacity];
        this.sequences = new long[capacity];
    }

    int size()
    {
        return size;
    }

    boolean isEmpty()
    {
        return 0 == size;
    }

    boolean isFull()
    {
        return timestampsNs.length == size;
    }

    long peekTimestampNs()
    {
        return timestampsNs[0];
    }

    long peekSequence()
    {
        return sequences[0];
    }

    void push(final long timestampNs, final long sequence)
    {
        int child = size++;
        while (child > 0)
        {
            final int parent = (child - 1) >>> 1;
            if (!before(timestampNs, sequence, timestampsNs[parent], sequences[parent]))
            {
                break;
            }
            timestampsNs[child] = timestampsNs[parent];
            sequences[child] = sequences[parent];
            child = parent;
        }
        timestampsNs[child] = timestampNs;
        sequences[child] = sequence;
    }

    void pop()
    {
        final int last = --size;
        if (0 == last)
        {
            return;
        }
        final long timestampNs = timestampsNs[last];
        final long sequence = sequences[last];
        int parent = 0;
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= last)
            {
                break;
            }
            final int right = child + 1;
            if (right < last && before(timestampsNs[right], sequences[right], timestampsNs[child], sequences[child]))
            {
                child = right;
            }
            if (!before(timestampsNs[child], sequences[child], timestampNs, sequence))
            {
                break;
            }
            timestampsNs[parent] = timestampsNs[child];
            sequences[parent] = sequences[child];
            parent = child;
        }
        timestampsNs[parent] = timestampNs;
        sequences[parent] = sequence;
    }

    private static boolean before(
        final long timestampA, final long sequenceA, final long timestampB, final long sequenceB)
    {
        return timestampA < timestampB || (timestampA == timestampB && sequenceA < sequenceB);
    }
}
