package io.netshadow.dataplane.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.VxlanHeader;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.ManualClock;
import io.netshadow.dataplane.pipeline.PacketEvent;
import io.netshadow.dataplane.pipeline.TestPackets;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the ingest's per-datagram path with whole VXLAN datagrams (UDP payloads): VXLAN header check, VNI to
 * session, copy into a ring A slot and {@link io.netshadow.dataplane.packet.PacketDecoder} on the copy. Every
 * datagram must end in exactly one counter, and a published slot must hold the datagram's inner frame and a
 * decode that stays inside it.
 * <p>
 * Regression inputs are in {@code src/test/resources/io/netshadow/dataplane/ingest/VxlanDatagramFuzzTestInputs/};
 * their VNIs 100 and 200 are the ones this test maps to sessions.
 */
class VxlanDatagramFuzzTest
{
    private static final int MAX_FRAME_BYTES = 1518;
    private static final int RING_SIZE = 4;

    private final DataPlaneCounters counters = new DataPlaneCounters();
    private final RingBuffer<PacketEvent> ringA =
        RingBuffer.createMultiProducer(() -> new PacketEvent(MAX_FRAME_BYTES), RING_SIZE, new BusySpinWaitStrategy());
    private final Sequence consumed = new Sequence();
    private final UnsafeBuffer datagramBuffer = new UnsafeBuffer(new byte[0]);
    private final VxlanDatagramHandler handler;

    VxlanDatagramFuzzTest()
    {
        ringA.addGatingSequences(consumed);
        final Int2IntHashMap sessionByVni = new Int2IntHashMap(-1);
        sessionByVni.put(100, 0);
        sessionByVni.put(200, 1);
        handler = new VxlanDatagramHandler(
            ringA,
            sessionByVni,
            new Direction[]{Direction.INGRESS, Direction.EGRESS},
            new ManualClock(1_000),
            TestPackets.KEY0,
            TestPackets.KEY1,
            MAX_FRAME_BYTES,
            new IngestCounters(counters));
    }

    @FuzzTest(maxDuration = "30s")
    void ingestsAnyDatagramIntoExactlyOneCounterWithoutThrowing(final byte[] datagram)
    {
        datagramBuffer.wrap(datagram);
        final long cursorBefore = ringA.getCursor();

        handler.onDatagram(datagramBuffer, 0, datagram.length);

        assertThat(counters.value(VxlanIngest.DATAGRAMS)).isEqualTo(
            counters.value(VxlanIngest.PUBLISHED) +
            counters.value(VxlanIngest.BAD_VXLAN) +
            counters.value(VxlanIngest.UNKNOWN_VNI) +
            counters.value(VxlanIngest.OVERSIZE_FRAME) +
            counters.value(VxlanIngest.RING_FULL));
        final long cursor = ringA.getCursor();
        if (cursor != cursorBefore)
        {
            final PacketEvent event = ringA.get(cursor);
            final int frameLength = datagram.length - VxlanHeader.LENGTH;
            assertThat(event.frameLength).isEqualTo(frameLength);
            for (int i = 0; i < frameLength; i++)
            {
                assertThat(event.frame.getByte(i)).isEqualTo(datagram[VxlanHeader.LENGTH + i]);
            }
            if (DecodeResult.IPV4 == event.decodeResult)
            {
                assertThat(event.packet.lengthBytes).isLessThanOrEqualTo(frameLength);
            }
            assertThat(counters.value(event.decodeResult.counterLabel())).isPositive();
            consumed.set(cursor);
        }
        assertThat(counters.value(VxlanIngest.RING_FULL)).isZero();
    }
}
