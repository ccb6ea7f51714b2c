package io.netshadow.dataplane.egress;

import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Paces replayed frames to absolute deadlines: the frame stamped {@code t} is due at
 * {@code start + (t - t0) / speed}, computed from the replay's start and never from the previous send, so a late
 * send delays no later frame and pacing accumulates no drift. A frame not yet due is staged, then the thread parks
 * until {@link #SPIN_NS} before its deadline, spins on the clock for the rest and sends the frame alone. A frame
 * already due when it arrives joins a batch of every due frame, sent at once when the next frame is not yet due or
 * the batch is full, so a pacer that falls behind catches up in batches. At top speed (speed 0) every frame is due and batches are as large as the
 * {@link FrameBatch} takes.
 * <p>
 * Counts frames, flushes, frames sent later than {@link #LATE_THRESHOLD_NS} after their deadline, and records
 * each paced frame's lateness in ns in a histogram. Allocates nothing per frame. Not thread-safe.
 */
public final class ReplayPacer
{
    /**
     * How long before a deadline the pacer stops parking and spins on the clock: more than
     * {@link LockSupport#parkNanos(long)} oversleeps (Linux's default timer slack of 50 µs and the wake-up).
     */
    public static final long SPIN_NS = 150_000;
    /** A frame sent later than this after its deadline counts as late. */
    public static final long LATE_THRESHOLD_NS = 1_000;

    private static final long HIGHEST_LATENESS_NS = TimeUnit.MINUTES.toNanos(10);

    private final NanoClock clock;
    private final LongConsumer park;
    private final FrameBatch batch;
    private final double speed;
    private final long[] stagedDeadlinesNs;
    private final Histogram latenessNs = new Histogram(HIGHEST_LATENESS_NS, 3);
    private boolean started;
    private long startNs;
    private long firstTimestampNs;
    private long lastTimestampNs;
    private long frames;
    private long flushes;
    private long lateFrames;
    private long outOfOrder;

    /**
     * A pacer on the system's monotonic clock that parks with {@link LockSupport#parkNanos(long)}.
     *
     * @param batch       where frames go.
     * @param speed       times the original speed; 0 for top speed.
     * @param batchFrames the most frames the batch takes before it must be flushed.
     */
    public ReplayPacer(final FrameBatch batch, final double speed, final int batchFrames)
    {
        this(batch, speed, batchFrames, SystemNanoClock.INSTANCE, LockSupport::parkNanos);
    }

    /**
     * A pacer on a given clock.
     *
     * @param batch       where frames go.
     * @param speed       times the original speed; 0 for top speed.
     * @param batchFrames the most frames the batch takes before it must be flushed.
     * @param clock       the monotonic clock deadlines are kept on.
     * @param park        gives up the CPU for about the given ns, as {@link LockSupport#parkNanos(long)} does.
     * @throws IllegalArgumentException when the speed is negative or not finite, or the batch takes no frame.
     */
    public ReplayPacer(
        final FrameBatch batch, final double speed, final int batchFrames, final NanoClock clock, final LongConsumer park)
    {
        if (!(speed >= 0) || !Double.isFinite(speed))
        {
            throw new IllegalArgumentException("speed must be 0 or more and finite; got " + speed);
        }
        if (batchFrames < 1)
        {
            throw new IllegalArgumentException("a batch must take at least one frame; got " + batchFrames);
        }
        this.batch = batch;
        this.speed = speed;
        this.clock = clock;
        this.park = park;
        this.stagedDeadlinesNs = new long[batchFrames];
    }

    /**
     * Waits for a frame's deadline and sends it, or adds it to the batch of due frames when it is already due.
     *
     * @param timestampNs the frame's original timestamp; one earlier than the frame before is sent at that
     *                    frame's deadline and counted as out of order.
     * @param vni         the VXLAN network identifier the frame travels under.
     * @param frame       the buffer holding the frame.
     * @param offset      where the frame starts.
     * @param length      the frame's length in bytes.
     */
    public void onFrame(
        final long timestampNs, final int vni, final DirectBuffer frame, final int offset, final int length)
    {
        if (!started)
        {
            started = true;
            startNs = clock.nanoTime();
            firstTimestampNs = timestampNs;
            lastTimestampNs = timestampNs;
        }
        if (timestampNs < lastTimestampNs)
        {
            outOfOrder++;
        }
        else
        {
            lastTimestampNs = timestampNs;
        }
        frames++;
        final long deadlineNs = deadlineNs(lastTimestampNs);
        final long nowNs = clock.nanoTime();
        if (deadlineNs > nowNs)
        {
            if (batch.stagedCount() > 0)
            {
                flush();
            }
            stage(deadlineNs, vni, frame, offset, length);
            awaitDeadline(deadlineNs);
            flush();
        }
        else
        {
            stage(deadlineNs, vni, frame, offset, length);
        }
    }

    /**
     * Sends the frames still in the batch; call once after the last frame.
     */
    public void finish()
    {
        if (batch.stagedCount() > 0)
        {
            flush();
        }
    }

    /**
     * The deadline of a frame: the replay's start plus the frame's offset from the first frame over the speed.
     *
     * @param timestampNs the frame's original timestamp.
     * @return the deadline on the pacer's clock, or the start at top speed.
     */
    public long deadlineNs(final long timestampNs)
    {
        return 0 == speed ? startNs : startNs + (long)((timestampNs - firstTimestampNs) / speed);
    }

    /**
     * Frames given to the pacer.
     *
     * @return the count so far.
     */
    public long frames()
    {
        return frames;
    }

    /**
     * Batches sent: one a frame on schedule, fewer when behind or at top speed.
     *
     * @return the count so far.
     */
    public long flushes()
    {
        return flushes;
    }

    /**
     * Frames sent more than {@link #LATE_THRESHOLD_NS} after their deadline.
     *
     * @return the count so far; 0 at top speed, where there are no deadlines.
     */
    public long lateFrames()
    {
        return lateFrames;
    }

    /**
     * Frames stamped earlier than the frame before them.
     *
     * @return the count so far.
     */
    public long outOfOrder()
    {
        return outOfOrder;
    }

    /**
     * How late each paced frame was sent after its deadline, in ns: empty at top speed.
     *
     * @return the histogram, live.
     */
    public Histogram latenessNs()
    {
        return latenessNs;
    }

    private void stage(
        final long deadlineNs, final int vni, final DirectBuffer frame, final int offset, final int length)
    {
        if (batch.stagedCount() == stagedDeadlinesNs.length)
        {
            flush();
        }
        final int slot = batch.stagedCount();
        if (!batch.stage(vni, frame, offset, length))
        {
            flush();
            batch.stage(vni, frame, offset, length);
        }
        if (batch.stagedCount() > slot)
        {
            stagedDeadlinesNs[batch.stagedCount() - 1] = deadlineNs;
        }
    }

    private void flush()
    {
        final int count = batch.stagedCount();
        final long sendNs = clock.nanoTime();
        batch.flush();
        flushes++;
        if (0 != speed)
        {
            for (int i = 0; i < count; i++)
            {
                final long lateNs = Math.max(0, sendNs - stagedDeadlinesNs[i]);
                latenessNs.recordValue(Math.min(lateNs, HIGHEST_LATENESS_NS));
                if (lateNs > LATE_THRESHOLD_NS)
                {
                    lateFrames++;
                }
            }
        }
    }

    private void awaitDeadline(final long deadlineNs)
    {
        long remainingNs;
        while ((remainingNs = deadlineNs - clock.nanoTime()) > 0)
        {
            if (remainingNs > SPIN_NS)
            {
                park.accept(remainingNs - SPIN_NS);
            }
            else
            {
                Thread.onSpinWait();
            }
        }
    }
}
