package io.netshadow.dataplane.ingest.afpacket;

import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.pipeline.DataPlane;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.JournalAgent;
import io.netshadow.dataplane.pipeline.RecordingFabric;
import io.netshadow.dataplane.pipeline.ThreadingMode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static io.netshadow.dataplane.ingest.afpacket.AfPacketSource.counterLabel;
import static org.assertj.core.api.Assertions.assertThat;

class DataPlaneCaptureTest
{
    private static final int FRAME_COUNT = 200;
    private static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);
    private static final List<MirrorSession> SESSIONS = List.of(
        new MirrorSession(100, "edge1", "hosts", Direction.INGRESS),
        new MirrorSession(101, "edge1", "uplink", Direction.EGRESS));

    @TempDir
    Path journalDirectory;

    private VethNamespace veth;

    @AfterEach
    void removeVeth()
    {
        if (null != veth)
        {
            veth.close();
        }
    }

    @Test
    void aDedicatedCaptureThreadWaitingInPollJournalsEveryFrameAndStopsOnClose()
    {
        veth = VethNamespace.create();
        final String name = veth.captureInterface();
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .transport(IngestTransport.EPOLL)
            .ringASize(1024)
            .ringBSize(1024)
            .reorderCapacity(512)
            .latenessNs(1_000_000L)
            .replayDelayNs(5_000_000L)
            .threadingMode(ThreadingMode.DEDICATED)
            .journalDirectory(journalDirectory)
            .afPacketCaptures(List.of(new AfPacketConfig(
                name, 1, Direction.EGRESS, 1 << 16, 8, 2048, 5, AfPacketConfig.NO_FANOUT)))
            .build();
        final DataPlane dataPlane = new DataPlane(config, SESSIONS, listener -> new RecordingFabric(
            RecordingFabric.edgeTopology(), listener, 1_000L, SystemEpochNanoClock.INSTANCE));
        try
        {
            dataPlane.start();
            veth.send(frames());
            awaitTrue(() -> dataPlane.counters().value(counterLabel(name, AfPacketSource.PUBLISHED)) >= FRAME_COUNT);
        }
        finally
        {
            dataPlane.close();
        }

        final long published = dataPlane.counters().value(counterLabel(name, AfPacketSource.PUBLISHED));
        assertThat(dataPlane.counters().value(counterLabel(name, AfPacketSource.RING_FULL))).isZero();
        assertThat(dataPlane.counters().value(counterLabel(name, AfPacketSource.KERNEL_DROPS))).isZero();
        assertThat(dataPlane.counters().value(JournalAgent.WRITTEN)).isEqualTo(published);
        assertThat(dataPlane.counters().value(DataPlane.AGENT_ERRORS)).isZero();
    }

    private static List<byte[]> frames()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
        final List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < FRAME_COUNT; i++)
        {
            final FabricPacket packet = new FabricPacket();
            packet.srcIp = 0xC612_0001;
            packet.dstIp = 0xC612_0002;
            packet.protocol = 17;
            packet.srcPort = 40_000;
            packet.dstPort = 9;
            packet.lengthBytes = 100;
            packet.ttl = 1;
            packet.ipId = i;
            packet.seq = i;
            final int length = FrameWriter.write(packet, buffer, 0);
            final byte[] frame = new byte[length];
            buffer.getBytes(0, frame);
            frames.add(frame);
        }
        return frames;
    }

    private static void awaitTrue(final BooleanSupplier condition)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime() - deadlineNs).as("condition within 10 s").isNegative();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
