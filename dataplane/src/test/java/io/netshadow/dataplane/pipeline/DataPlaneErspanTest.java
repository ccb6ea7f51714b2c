package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.ErspanReceiver;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.ingest.gre.GreSender;
import io.netshadow.dataplane.ingest.gre.GreSource;
import io.netshadow.dataplane.ingest.gre.RawSocketCapability;
import io.netshadow.dataplane.packet.FrameWriter;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class DataPlaneErspanTest
{
    private static final String BIND_ADDRESS = "127.0.53.2";
    private static final int SESSION_ID = 42;
    private static final int PACKETS = 20;

    @Test
    void opensTheGreSourceForAnErspanSessionAndPublishesItsCopies() throws Exception
    {
        RawSocketCapability.assumeCapNetRaw();
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(100, "edge1", "hosts", Direction.INGRESS),
            new MirrorSession(SESSION_ID, "edge1", "uplink", Direction.EGRESS, SourceKind.ERSPAN));
        try (DataPlane dataPlane = new DataPlane(config(), sessions, this::fabric);
            GreSender sender = GreSender.open("the test", (Inet4Address)InetAddress.getByName(BIND_ADDRESS)))
        {
            assertThat(dataPlane.receivesErspan()).isFalse();
            dataPlane.start();
            assertThat(dataPlane.receivesErspan()).isTrue();

            for (int i = 0; i < PACKETS; i++)
            {
                final int length = FrameWriter.writeErspanTypeII(
                    TestPackets.udp(2000 + i, i), SESSION_ID, i, sender.buffer(), 0);
                assertThat(sender.send(length)).isZero();
            }
            final DataPlaneCounters counters = dataPlane.counters();
            awaitTrue(() -> counters.value(ReorderAgent.RELEASED) + counters.value(ReorderAgent.LATE_DROPPED) >=
                PACKETS);

            assertThat(counters.value(GreSource.PACKETS)).isEqualTo(PACKETS);
            assertThat(counters.value(ErspanReceiver.PACKETS)).isEqualTo(PACKETS);
            assertThat(counters.value(VxlanIngest.PUBLISHED)).isEqualTo(PACKETS);
            assertThat(counters.value(ReorderAgent.LATE_DROPPED)).isZero();
            assertThat(counters.value(DataPlane.AGENT_ERRORS)).isZero();
        }
    }

    @Test
    void opensNoGreSourceWithoutAnErspanSession()
    {
        final List<MirrorSession> sessions = List.of(new MirrorSession(100, "edge1", "hosts", Direction.INGRESS));
        try (DataPlane dataPlane = new DataPlane(config(), sessions, this::fabric))
        {
            dataPlane.start();

            assertThat(dataPlane.receivesErspan()).isFalse();
            assertThat(dataPlane.counters().snapshot()).extracting(CounterValue::label)
                .doesNotContain(GreSource.PACKETS);
        }
    }

    private DataPlaneConfig config()
    {
        return DataPlaneConfig.builder()
            .bindAddress(BIND_ADDRESS)
            .bindPort(0)
            .transport(IngestTransport.EPOLL)
            .ringASize(1024)
            .ringBSize(1024)
            .reorderCapacity(512)
            .latenessNs(1_000_000L)
            .replayDelayNs(5_000_000L)
            .flowHashKey(TestPackets.KEY0, TestPackets.KEY1)
            .threadingMode(ThreadingMode.SHARED)
            .build();
    }

    private RecordingFabric fabric(final FateListener listener)
    {
        return new RecordingFabric(RecordingFabric.edgeTopology(), listener, 50_000, new ManualClock(0));
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadlineNs).as("condition not met within 10 s").isNegative();
            Thread.sleep(5);
        }
    }
}
