package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReorderAgentTest
{
    private static final long LATENESS_NS = 100;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final ManualClock clock = new ManualClock(0);
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(256), 64, new BusySpinWaitStrategy());
    private final RingBuffer<PacketRef> ringB =
        RingBuffer.createSingleProducer(PacketRef::new, 64, new BusySpinWaitStrategy());
    private final EventPoller<PacketRef> output = ringB.newPoller();

    ReorderAgentTest()
    {
        ringB.addGatingSequences(output.getSequence());
    }

    @Test
    void releasesInTimestampOrderAcrossSources() throws Exception
    {
        final ReorderAgent agent = agent(16, LatePolicy.DROP);
        publish(0, 30);
        publish(1, 20);
        publish(0, 10);
        publish(1, 40);
        publish(0, 50);
        publish(1, 60);
        runUntilIdle(agent);
        assertThat(drainOutput()).isEmpty();

        publish(0, 200);
        publish(1, 210);
        runUntilIdle(agent);

        assertThat(drainOutput()).containsExactly(10L, 20L, 30L, 40L, 50L, 60L);
        assertThat(agent.heldCount()).isEqualTo(2);
        assertThat(counters.value(ReorderAgent.RELEASED)).isEqualTo(6);
    }

    @Test
    void aSourceIdleLongerThanTheWindowStopsHoldingTheWatermark() throws Exception
    {
        final ReorderAgent agent = agent(16, LatePolicy.DROP);
        publish(0, 10);
        publish(1, 20);
        runUntilIdle(agent);
        assertThat(drainOutput()).isEmpty();

        clock.set(LATENESS_NS + 50);
        publish(0, 500);
        runUntilIdle(agent);

        assertThat(drainOutput()).containsExactly(10L, 20L);
        assertThat(agent.heldCount()).isEqualTo(1);
    }

    @Test
    void aLatePacketIsCountedAndDroppedUnderTheDropPolicy() throws Exception
    {
        final ReorderAgent agent = agent(16, LatePolicy.DROP);
        publish(0, 10);
        publish(0, 300);
        runUntilIdle(agent);
        assertThat(drainOutput()).containsExactly(10L);

        publish(0, 5);
        publish(0, 400);
        runUntilIdle(agent);

        assertThat(drainOutput()).containsExactly(300L);
        assertThat(counters.value(ReorderAgent.LATE_DROPPED)).isEqualTo(1);
        assertThat(counters.value(ReorderAgent.LATE_PASSED)).isZero();
    }

    @Test
    void aLatePacketIsCountedAndPassedOnUnderThePassPolicy() throws Exception
    {
        final ReorderAgent agent = agent(16, LatePolicy.PASS);
        publish(0, 10);
        publish(0, 300);
        runUntilIdle(agent);
        assertThat(drainOutput()).containsExactly(10L);

        publish(0, 5);
        runUntilIdle(agent);

        assertThat(drainOutput()).containsExactly(5L);
        assertThat(counters.value(ReorderAgent.LATE_PASSED)).isEqualTo(1);
        assertThat(counters.value(ReorderAgent.LATE_DROPPED)).isZero();
    }

    @Test
    void aFullReorderBufferReleasesItsOldestEarlyAndCountsIt() throws Exception
    {
        final ReorderAgent agent = agent(4, LatePolicy.DROP);
        for (int ts = 1; ts <= 6; ts++)
        {
            publish(0, ts);
        }
        runUntilIdle(agent);

        final List<Long> released = drainOutput();
        assertThat(released).containsExactly(1L, 2L);
        assertThat(counters.value(ReorderAgent.RELEASED_EARLY)).isEqualTo(2);
        assertThat(agent.heldCount()).isEqualTo(4);
    }

    @Test
    void ringASlotsAreReusedOnlyAfterEveryRingBConsumerHasPassedThem() throws Exception
    {
        final RingBuffer<PacketEvent> smallRingA =
            RingBuffer.createMultiProducer(() -> new PacketEvent(256), 8, new BusySpinWaitStrategy());
        final ReorderAgent agent = new ReorderAgent(
            smallRingA, ringB, 1, 8, 0, LatePolicy.DROP, clock, counters);
        for (int ts = 1; ts <= 8; ts++)
        {
            publish(smallRingA, 0, ts);
        }
        runUntilIdle(agent);
        clock.set(1_000);
        runUntilIdle(agent);

        assertThat(counters.value(ReorderAgent.RELEASED)).isEqualTo(8);
        assertThat(smallRingA.hasAvailableCapacity(1)).isFalse();

        assertThat(drainOutput()).hasSize(8);
        runUntilIdle(agent);
        assertThat(smallRingA.hasAvailableCapacity(8)).isTrue();
    }

    @Test
    void aFlushReleasesEverythingHeldAndReportsDrained() throws Exception
    {
        final ReorderAgent agent = agent(16, LatePolicy.DROP);
        publish(0, 20);
        publish(0, 10);
        runUntilIdle(agent);
        assertThat(agent.isDrained()).isFalse();

        agent.requestFlush();
        runUntilIdle(agent);

        assertThat(drainOutput()).containsExactly(10L, 20L);
        assertThat(agent.isDrained()).isTrue();
    }

    private ReorderAgent agent(final int capacity, final LatePolicy policy)
    {
        return new ReorderAgent(ringA, ringB, 2, capacity, LATENESS_NS, policy, clock, counters);
    }

    private void publish(final int source, final long timestampNs)
    {
        publish(ringA, source, timestampNs);
    }

    private static void publish(final RingBuffer<PacketEvent> ring, final int source, final long timestampNs)
    {
        final long sequence = ring.next();
        TestPackets.fill(ring.get(sequence), TestPackets.udp(1000 + source, (int)timestampNs), source,
            Direction.INGRESS, timestampNs);
        ring.publish(sequence);
    }

    private static void runUntilIdle(final ReorderAgent agent) throws Exception
    {
        for (int i = 0; i < 100; i++)
        {
            agent.doWork();
        }
    }

    private List<Long> drainOutput() throws Exception
    {
        final List<Long> timestamps = new ArrayList<>();
        output.poll((ref, sequence, endOfBatch) ->
        {
            timestamps.add(ref.event.timestampNs);
            return true;
        });
        return timestamps;
    }
}
