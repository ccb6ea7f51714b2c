package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.meter.LiveMeter;
import io.netshadow.dataplane.packet.DecodeResult;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Feeds the {@link LiveMeter} from ring B: ingress copies are remembered, egress copies matched; redirected
 * packets are not copies of live traffic and are passed over. When traffic
 * pauses, packet time still moves with the clock (less a hold-back for packets the reorder stage may still hold),
 * so intervals end and unmatched packets expire. The meter matches IPv4 copies; it passes over the others and counts
 * them, IPv6 apart from the rest.
 */
public final class LiveMeterAgent implements Agent
{
    /** Counter label: IPv6 copies the live meter passed over (it matches IPv4 copies only). */
    public static final String IPV6_SKIPPED = "meter.live.ipv6_skipped";
    /** Counter label: copies the live meter passed over that are neither IPv4 nor IPv6, or malformed. */
    public static final String NOT_IP_SKIPPED = "meter.live.not_ip_skipped";

    private final EventPoller<PacketRef> poller;
    private final LiveMeter meter;
    private final EpochNanoClock clock;
    private final long clockHoldbackNs;
    private final AtomicCounter ipv6Skipped;
    private final AtomicCounter notIpSkipped;
    private final EventPoller.Handler<PacketRef> handler = this::onPacket;
    private int polled;

    /**
     * A live meter stage, registered as a gating consumer of ring B.
     *
     * @param ringB           the timestamp-order ring.
     * @param meter           the meter to feed.
     * @param clock           moves packet time on when traffic pauses.
     * @param clockHoldbackNs how far behind the clock packet time is moved.
     * @param counters        the data plane's counters.
     */
    public LiveMeterAgent(
        final RingBuffer<PacketRef> ringB,
        final LiveMeter meter,
        final EpochNanoClock clock,
        final long clockHoldbackNs,
        final DataPlaneCounters counters)
    {
        this.poller = ringB.newPoller();
        ringB.addGatingSequences(poller.getSequence());
        this.meter = meter;
        this.clock = clock;
        this.clockHoldbackNs = clockHoldbackNs;
        this.ipv6Skipped = counters.counter(IPV6_SKIPPED);
        this.notIpSkipped = counters.counter(NOT_IP_SKIPPED);
    }

    @Override
    public String roleName()
    {
        return "live-meter";
    }

    @Override
    public int doWork() throws Exception
    {
        polled = 0;
        poller.poll(handler);
        meter.advanceTo(clock.nanoTime() - clockHoldbackNs);
        return polled;
    }

    private boolean onPacket(final PacketRef ref, final long sequence, final boolean endOfBatch)
    {
        polled++;
        final PacketEvent event = ref.event;
        if (event.isIpv4())
        {
            if (Direction.INGRESS == event.direction)
            {
                meter.onIngressCopy(event.packetKey, event.timestampNs);
            }
            else if (Direction.EGRESS == event.direction)
            {
                meter.onEgressCopy(event.packetKey, event.timestampNs, event.packet.lengthBytes);
            }
        }
        else
        {
            (DecodeResult.IPV6 == event.decodeResult ? ipv6Skipped : notIpSkipped).incrementRelease();
        }
        return true;
    }
}
