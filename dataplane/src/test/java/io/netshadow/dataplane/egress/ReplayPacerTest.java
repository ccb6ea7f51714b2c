package io.netshadow.dataplane.egress;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayPacerTest
{
    private static final long GAP_NS = 10_000;
    private static final long T0_NS = 1_700_000_000_000_000_000L;
    private static final long CLOCK_START_NS = 5_000_000;
    private static final long CLOCK_STEP_NS = 7;

    private final FakeClock clock = new FakeClock();
    private final RecordingBatch batch = new RecordingBatch(clock, 1024);
    private final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);

    @Test
    void deadlinesComeFromTheStartSoALateSendShiftsNoLaterFrame()
    {
        final ReplayPacer pacer = new ReplayPacer(batch, 1.0, 1024, clock, clock::park);
        batch.slowFlushNs = 35_000;
        batch.slowFlushIndex = 2;

        for (int i = 0; i < 10; i++)
        {
            send(pacer, i, T0_NS + i * GAP_NS);
        }
        pacer.finish();

        assertThat(batch.flushes).extracting(flush -> flush.frames)
            .containsExactly(List.of(0), List.of(1), List.of(2), List.of(3, 4, 5), List.of(6), List.of(7), List.of(8),
                List.of(9));
        for (final Flush flush : batch.flushes)
        {
            if (flush.frames.size() == 1 && flush.frames.getFirst() > 0 && flush.frames.getFirst() != 3)
            {
                final long deadlineNs = pacer.deadlineNs(T0_NS + flush.frames.getFirst() * GAP_NS);
                assertThat(flush.atNs).as("frame %s", flush.frames).isBetween(deadlineNs, deadlineNs + 2 * CLOCK_STEP_NS);
            }
        }
        assertThat(pacer.lateFrames()).isEqualTo(3);
        assertThat(pacer.latenessNs().getTotalCount()).isEqualTo(10);
        assertThat(pacer.latenessNs().getMaxValue()).isGreaterThanOrEqualTo(35_000 - GAP_NS);
    }

    @Test
    void deadlinesAreOffsetsFromTheFirstFrameOverTheSpeed()
    {
        final ReplayPacer pacer = new ReplayPacer(batch, 4.0, 1024, clock, clock::park);

        send(pacer, 0, T0_NS);
        send(pacer, 1, T0_NS + 1_000_000);
        send(pacer, 2, T0_NS + 3_000_000);

        final long startNs = pacer.deadlineNs(T0_NS);
        assertThat(pacer.deadlineNs(T0_NS + 3_000_000)).isEqualTo(startNs + 750_000);
        assertThat(batch.flushes.get(1).atNs - startNs).isBetween(250_000L, 250_000L + 2 * CLOCK_STEP_NS);
        assertThat(batch.flushes.get(2).atNs - startNs).isBetween(750_000L, 750_000L + 2 * CLOCK_STEP_NS);
        assertThat(pacer.lateFrames()).isZero();
    }

    @Test
    void farDeadlinesParkAndTheLastStretchSpins()
    {
        final ReplayPacer pacer = new ReplayPacer(batch, 1.0, 1024, clock, clock::park);

        send(pacer, 0, T0_NS);
        send(pacer, 1, T0_NS + 1_000_000_000L);

        assertThat(clock.parkedNs).isGreaterThan(1_000_000_000L - ReplayPacer.SPIN_NS - 1_000);
        assertThat(clock.parkedNs).isLessThanOrEqualTo(1_000_000_000L - ReplayPacer.SPIN_NS);
        assertThat(batch.flushes.get(1).atNs - pacer.deadlineNs(T0_NS))
            .isBetween(1_000_000_000L, 1_000_000_000L + 2 * CLOCK_STEP_NS);
    }

    @Test
    void framesStampedEarlierThanTheFrameBeforeGoAtThatFramesDeadlineAndAreCounted()
    {
        final ReplayPacer pacer = new ReplayPacer(batch, 1.0, 1024, clock, clock::park);

        send(pacer, 0, T0_NS);
        send(pacer, 1, T0_NS + 2 * GAP_NS);
        send(pacer, 2, T0_NS + GAP_NS);
        pacer.finish();

        assertThat(pacer.outOfOrder()).isEqualTo(1);
        assertThat(batch.flushes).extracting(flush -> flush.frames)
            .containsExactly(List.of(0), List.of(1), List.of(2));
    }

    @Test
    void topSpeedSendsFullBatches()
    {
        final RecordingBatch small = new RecordingBatch(clock, 100);
        final ReplayPacer pacer = new ReplayPacer(small, 0, 1024, clock, clock::park);

        for (int i = 0; i < 250; i++)
        {
            send(pacer, i, T0_NS + i * GAP_NS);
        }
        pacer.finish();

        assertThat(small.flushes).extracting(flush -> flush.frames.size()).containsExactly(100, 100, 50);
        assertThat(pacer.flushes()).isEqualTo(3);
        assertThat(pacer.latenessNs().getTotalCount()).isZero();
        assertThat(clock.parkedNs).isZero();
    }

    private void send(final ReplayPacer pacer, final int id, final long timestampNs)
    {
        frame.putInt(0, id);
        pacer.onFrame(timestampNs, 7, frame, 0, 64);
    }

    private record Flush(long atNs, List<Integer> frames)
    {
    }

    private static final class FakeClock implements NanoClock
    {
        long nowNs = CLOCK_START_NS;
        long parkedNs;

        @Override
        public long nanoTime()
        {
            nowNs += CLOCK_STEP_NS;
            return nowNs;
        }

        void park(final long durationNs)
        {
            parkedNs += durationNs;
            nowNs += durationNs;
        }
    }

    private static final class RecordingBatch implements FrameBatch
    {
        final List<Flush> flushes = new ArrayList<>();
        final List<Integer> staged = new ArrayList<>();
        final FakeClock clock;
        final int capacity;
        long slowFlushNs;
        int slowFlushIndex = -1;

        RecordingBatch(final FakeClock clock, final int capacity)
        {
            this.clock = clock;
            this.capacity = capacity;
        }

        @Override
        public boolean stage(final int vni, final DirectBuffer frame, final int offset, final int length)
        {
            if (staged.size() == capacity)
            {
                return false;
            }
            staged.add(frame.getInt(offset));
            return true;
        }

        @Override
        public int stagedCount()
        {
            return staged.size();
        }

        @Override
        public void flush()
        {
            flushes.add(new Flush(clock.nowNs, List.copyOf(staged)));
            if (flushes.size() - 1 == slowFlushIndex)
            {
                clock.nowNs += slowFlushNs;
            }
            staged.clear();
        }
    }
}
