package io.netshadow.dataplane.pipeline;

import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;
import org.agrona.concurrent.status.CountersReader;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data plane's counters: one per place a packet can end and per fault, on an Agrona {@link CountersManager}.
 * Stages take their counters when they are built; the control plane reads them all, for JMX and metrics, with
 * {@link #snapshot()} from any thread.
 */
public final class DataPlaneCounters
{
    /** The most counters one data plane can hold. */
    public static final int MAX_COUNTERS = 256;

    private final CountersManager countersManager;
    private final Map<String, AtomicCounter> byLabel = new HashMap<>();

    /**
     * An empty set of counters.
     */
    public DataPlaneCounters()
    {
        final int valuesLength = MAX_COUNTERS * CountersReader.COUNTER_LENGTH;
        final int metaDataLength = MAX_COUNTERS * CountersReader.METADATA_LENGTH;
        this.countersManager = new CountersManager(
            new UnsafeBuffer(ByteBuffer.allocateDirect(metaDataLength)),
            new UnsafeBuffer(ByteBuffer.allocateDirect(valuesLength)));
    }

    /**
     * The counter with a label, allocated on first use. Call while building stages, not on the hot path.
     *
     * @param label the label, such as {@code reorder.late_dropped}.
     * @return the counter.
     * @throws IllegalStateException when all {@link #MAX_COUNTERS} are taken.
     */
    public synchronized AtomicCounter counter(final String label)
    {
        return byLabel.computeIfAbsent(label, countersManager::newCounter);
    }

    /**
     * The current value of a counter.
     *
     * @param label the counter's label.
     * @return its value, 0 for a counter never allocated.
     */
    public synchronized long value(final String label)
    {
        final AtomicCounter counter = byLabel.get(label);
        return null == counter ? 0 : counter.get();
    }

    /**
     * Every counter with its current value, in allocation order.
     *
     * @return the labels and values.
     */
    public List<CounterValue> snapshot()
    {
        final List<CounterValue> values = new ArrayList<>();
        countersManager.forEach((value, counterId, label) -> values.add(new CounterValue(label, value)));
        return values;
    }
}
