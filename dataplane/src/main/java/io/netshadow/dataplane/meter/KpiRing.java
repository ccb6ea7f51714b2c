package io.netshadow.dataplane.meter;

import org.agrona.BitUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RecordDescriptor;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.agrona.concurrent.status.AtomicCounter;

import java.nio.ByteBuffer;

/**
 * Carries KPI samples from the meters on the data-plane threads to the control plane: an Agrona
 * {@link ManyToOneRingBuffer} of fixed-size records. Any thread may {@link #offer}; one thread drains.
 */
public final class KpiRing
{
    /** Bytes of one record: side, KPI, interval end and value. */
    public static final int RECORD_LENGTH = 2 * Integer.BYTES + Long.BYTES + Double.BYTES;

    private static final int MSG_TYPE_ID = 1;
    /** A ring's largest message is an eighth of its capacity, so it needs at least eight records' room. */
    private static final int MIN_CAPACITY_RECORDS = 8;
    private static final int SIDE_OFFSET = 0;
    private static final int KPI_OFFSET = SIDE_OFFSET + Integer.BYTES;
    private static final int INTERVAL_END_OFFSET = KPI_OFFSET + Integer.BYTES;
    private static final int VALUE_OFFSET = INTERVAL_END_OFFSET + Long.BYTES;

    private final ManyToOneRingBuffer ringBuffer;
    private final AtomicCounter ringFull;
    private final RecordHandler recordHandler = new RecordHandler();

    /**
     * A ring with room for about the given number of samples.
     *
     * @param capacitySamples how many samples it holds before {@link #offer} fails; rounded up.
     * @param ringFull        counts samples offered to a full ring.
     */
    public KpiRing(final int capacitySamples, final AtomicCounter ringFull)
    {
        final int recordSlotLength =
            BitUtil.align(RECORD_LENGTH + RecordDescriptor.HEADER_LENGTH, RecordDescriptor.ALIGNMENT);
        final int capacityBytes = BitUtil.findNextPositivePowerOfTwo(
            Math.max(capacitySamples * recordSlotLength, MIN_CAPACITY_RECORDS * RECORD_LENGTH));
        this.ringBuffer = new ManyToOneRingBuffer(
            new UnsafeBuffer(ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.ringFull = ringFull;
    }

    /**
     * Offers a sample. Never blocks, never allocates.
     *
     * @param side          the network measured.
     * @param kpi           the indicator.
     * @param intervalEndNs end of the interval.
     * @param value         the value.
     * @return false when the ring was full: the sample is dropped and counted.
     */
    public boolean offer(final Side side, final Kpi kpi, final long intervalEndNs, final double value)
    {
        final int index = ringBuffer.tryClaim(MSG_TYPE_ID, RECORD_LENGTH);
        if (index < 0)
        {
            ringFull.increment();
            return false;
        }
        final MutableDirectBuffer buffer = ringBuffer.buffer();
        buffer.putInt(index + SIDE_OFFSET, side.ordinal());
        buffer.putInt(index + KPI_OFFSET, kpi.ordinal());
        buffer.putLong(index + INTERVAL_END_OFFSET, intervalEndNs);
        buffer.putDouble(index + VALUE_OFFSET, value);
        ringBuffer.commit(index);
        return true;
    }

    /**
     * Hands every sample in the ring to a sink, oldest first. Call from one thread only.
     *
     * @param sink receives the samples.
     * @return how many samples were drained.
     */
    public int drain(final KpiSink sink)
    {
        recordHandler.sink = sink;
        try
        {
            return ringBuffer.read(recordHandler);
        }
        finally
        {
            recordHandler.sink = null;
        }
    }

    /**
     * How many bytes of samples wait to be drained.
     *
     * @return the bytes in the ring.
     */
    public int size()
    {
        return ringBuffer.size();
    }

    private static final class RecordHandler implements MessageHandler
    {
        private KpiSink sink;

        @Override
        public void onMessage(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
        {
            sink.onKpi(
                Side.fromOrdinal(buffer.getInt(index + SIDE_OFFSET)),
                Kpi.fromOrdinal(buffer.getInt(index + KPI_OFFSET)),
                buffer.getLong(index + INTERVAL_END_OFFSET),
                buffer.getDouble(index + VALUE_OFFSET));
        }
    }
}
