package io.netshadow.dataplane.fabric;

import java.util.Arrays;

/**
 * A binary min-heap of event slot indices keyed by fabric time, in primitive arrays. Events due at the same time
 * come out in the order they were added.
 */
final class EventHeap
{
    private long[] timesNs;
    private long[] sequences;
    private int[] events;
    private int size;
    private long nextSequence;

    EventHeap(final int capacity)
    {
        timesNs = new long[capacity];
        sequences = new long[capacity];
        events = new int[capacity];
    }

    void add(final long timeNs, final int event)
    {
        if (size == events.length)
        {
            final int newCapacity = Math.max(1, size * 2);
            timesNs = Arrays.copyOf(timesNs, newCapacity);
            sequences = Arrays.copyOf(sequences, newCapacity);
            events = Arrays.copyOf(events, newCapacity);
        }
        final long sequence = nextSequence++;
        int child = size++;
        while (child > 0)
        {
            final int parent = (child - 1) >>> 1;
            if (!before(timeNs, sequence, timesNs[parent], sequences[parent]))
            {
                break;
            }
            move(parent, child);
            child = parent;
        }
        set(child, timeNs, sequence, event);
    }

    boolean isEmpty()
    {
        return 0 == size;
    }

    int size()
    {
        return size;
    }

    /**
     * The time of the earliest event; only valid when the heap is not empty.
     */
    long peekTimeNs()
    {
        return timesNs[0];
    }

    /**
     * Removes the earliest event; only valid when the heap is not empty.
     *
     * @return its slot index.
     */
    int poll()
    {
        final int first = events[0];
        final int last = --size;
        if (last > 0)
        {
            final long timeNs = timesNs[last];
            final long sequence = sequences[last];
            final int event = events[last];
            int parent = 0;
            while (true)
            {
                int child = 2 * parent + 1;
                if (child >= last)
                {
                    break;
                }
                final int right = child + 1;
                if (right < last && before(timesNs[right], sequences[right], timesNs[child], sequences[child]))
                {
                    child++;
                }
                if (!before(timesNs[child], sequences[child], timeNs, sequence))
                {
                    break;
                }
                move(child, parent);
                parent = child;
            }
            set(parent, timeNs, sequence, event);
        }
        return first;
    }

    void clear()
    {
        size = 0;
    }

    private static boolean before(
        final long timeNs, final long sequence, final long otherTimeNs, final long otherSequence)
    {
        return timeNs < otherTimeNs || (timeNs == otherTimeNs && sequence < otherSequence);
    }

    private void move(final int from, final int to)
    {
        set(to, timesNs[from], sequences[from], events[from]);
    }

    private void set(final int index, final long timeNs, final long sequence, final int event)
    {
        timesNs[index] = timeNs;
        sequences[index] = sequence;
        events[index] = event;
    }
}
