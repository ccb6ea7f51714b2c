package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four sources whose copies reach the reorder stage with different, jittered delays: within the lateness bound
 * nothing comes out of order and nothing is lost; packets later than the bound are counted and handled by policy.
 */
class ReorderAcrossSourcesTest
{
    private static final int SOURCES = 4;
    private static final long LATENESS_NS = 1_000;
    private static final long[] DELAY_NS = {0, 250, 500, 900};
    private static final long[] PERIOD_NS = {70, 110, 130, 170};
    private static final long JITTER_NS = 400;
    private static final long STEP_NS = 50;
    private static final long DURATION_NS = 200_000;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final ManualClock clock = new ManualClock(0);
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(256), 1024, new BusySpinWaitStrategy());
    private final RingBuffer<PacketRef> ringB =
        RingBuffer.createSingleProducer(PacketRef::new, 1024, new BusySpinWaitStrategy());
    private final EventPoller<PacketRef> output = ringB.newPoller();
    private final List<long[]> released = new ArrayList<>();

    ReorderAcrossSourcesTest()
    {
        ringB.addGatingSequences(output.getSequence());
    }

    @ParameterizedTest
    @EnumSource(LatePolicy.class)
    void fourSourcesWithSkewedDelaysWithinTheBoundComeOutInOrderWithNothingLost(final LatePolicy policy)
        throws Exception
    {
        final ReorderAgent agent = agent(policy);
        final List<Arrival> arrivals = schedule(new SplittableRandom(42), List.of());

        run(agent, arrivals);

        assertThat(released).hasSize(arrivals.size());
        assertThat(inversions()).isZero();
        assertThat(counters.value(ReorderAgent.LATE_DROPPED)).isZero();
        assertThat(counters.value(ReorderAgent.LATE_PASSED)).isZero();
        assertThat(counters.value(ReorderAgent.RELEASED_EARLY)).isZero();
        for (int source = 0; source < SOURCES; source++)
        {
            final int s = source;
            assertThat(released.stream().filter(packet -> packet[1] == s).count())
                .isEqualTo(arrivals.stream().filter(arrival -> arrival.source == s).count());
        }
    }

    @ParameterizedTest
    @EnumSource(LatePolicy.class)
    void packetsLaterThanTheBoundAreCountedAndHandledByPolicy(final LatePolicy policy) throws Exception
    {
        final ReorderAgent agent = agent(policy);
        final List<Arrival> late = new ArrayList<>();
        for (int i = 0; i < 10; i++)
        {
            final long timestampNs = 50_000 + i * 5_000;
            late.add(new Arrival(2, timestampNs, timestampNs + 10 * LATENESS_NS));
        }
        final List<Arrival> arrivals = schedule(new SplittableRandom(7), late);

        run(agent, arrivals);

        if (LatePolicy.DROP == policy)
        {
            assertThat(counters.value(ReorderAgent.LATE_DROPPED)).isEqualTo(late.size());
            assertThat(released).hasSize(arrivals.size() - late.size());
            assertThat(inversions()).isZero();
        }
        else
        {
            assertThat(counters.value(ReorderAgent.LATE_PASSED)).isEqualTo(late.size());
            assertThat(released).hasSize(arrivals.size());
            assertThat(inversions()).as("only the late packets step back in time").isEqualTo(late.size());
        }
    }

    private ReorderAgent agent(final LatePolicy policy)
    {
        return new ReorderAgent(ringA, ringB, SOURCES, 1024, LATENESS_NS, policy, clock, counters);
    }

    /**
     * Every source sends at its own period; each copy reaches the stage after its source's delay plus a jitter
     * smaller than the lateness bound, so copies of one source overtake each other only within the bound.
     */
    private static List<Arrival> schedule(final SplittableRandom random, final List<Arrival> extra)
    {
        final List<Arrival> arrivals = new ArrayList<>(extra);
        for (int source = 0; source < SOURCES; source++)
        {
            for (long timestampNs = source; timestampNs < DURATION_NS; timestampNs += PERIOD_NS[source])
            {
                final long arrivalNs = timestampNs + DELAY_NS[source] + random.nextLong(JITTER_NS);
                arrivals.add(new Arrival(source, timestampNs, arrivalNs));
            }
        }
        arrivals.sort(Comparator.comparingLong(Arrival::arrivalNs));
        return arrivals;
    }

    private void run(final ReorderAgent agent, final List<Arrival> arrivals) throws Exception
    {
        int next = 0;
        for (long nowNs = 0; next < arrivals.size(); nowNs += STEP_NS)
        {
            clock.set(nowNs);
            while (next < arrivals.size() && arrivals.get(next).arrivalNs <= nowNs)
            {
                final Arrival arrival = arrivals.get(next++);
                final long sequence = ringA.next();
                TestPackets.fill(ringA.get(sequence), TestPackets.udp(1000 + arrival.source, (int)arrival.timestampNs),
                    arrival.source, Direction.INGRESS, arrival.timestampNs);
                ringA.publish(sequence);
            }
            work(agent);
        }
        agent.requestFlush();
        work(agent);
    }

    private void work(final ReorderAgent agent) throws Exception
    {
        for (int i = 0; i < 4; i++)
        {
            agent.doWork();
            output.poll((ref, sequence, endOfBatch) ->
            {
                released.add(new long[]{ref.event.timestampNs, ref.event.sessionIndex});
                return true;
            });
        }
    }

    private int inversions()
    {
        int inversions = 0;
        long maxNs = Long.MIN_VALUE;
        for (final long[] packet : released)
        {
            if (packet[0] < maxNs)
            {
                inversions++;
            }
            maxNs = Math.max(maxNs, packet[0]);
        }
        return inversions;
    }

    private record Arrival(int source, long timestampNs, long arrivalNs)
    {
    }
}
