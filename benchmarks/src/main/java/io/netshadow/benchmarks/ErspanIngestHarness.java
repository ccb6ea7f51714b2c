package io.netshadow.benchmarks;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.ErspanReceiver;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SessionTable;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.ingest.gre.GreSender;
import io.netshadow.dataplane.ingest.gre.GreSource;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.GreHeader;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import io.netshadow.dataplane.pipeline.PacketEvent;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The ERSPAN ingest's benchmark: one thread sends ERSPAN type II copies of a 106-byte frame (Ethernet, IPv4, UDP
 * with a 64-byte payload whose first four bytes count up) through a raw GRE socket to a loopback address, as fast
 * as {@code sendto} goes, while another runs a {@link GreSource} (recvmmsg batches, kernel timestamps, decode,
 * publish into a ring A of 16384 slots whose consumer keeps up at once). The same run is made twice: with GRE of
 * another protocol type, which the source reads and counts as not ERSPAN (the socket alone), and with ERSPAN, which
 * it decodes and publishes. Each run prints what was sent, read, published, and what the kernel dropped at the
 * socket (the {@code drops} column of {@code /proc/net/raw}).
 * <p>
 * A plain {@code main}: {@code --seconds S} (each run, default 10). Needs CAP_NET_RAW.
 */
public final class ErspanIngestHarness
{
    private static final String ADDRESS = "127.0.53.9";
    private static final String PROC_NET_RAW_ADDRESS = "0935007F:002F";
    private static final int SESSION_ID = 1;
    private static final int MAX_FRAME_BYTES = 2048;
    private static final int RING_SIZE = 16384;
    private static final int RECEIVE_BUFFER_BYTES = 8 * 1024 * 1024;
    private static final int SEQ_OFFSET = GreHeader.SEQUENCED_LENGTH + 8 + 14 + 20 + 8;

    private ErspanIngestHarness()
    {
    }

    /**
     * Runs both measurements and prints their figures.
     *
     * @param args {@code --seconds S}, optional.
     * @throws Exception when a run cannot be set up.
     */
    public static void main(final String[] args) throws Exception
    {
        long seconds = 10;
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            if ("--seconds".equals(args[i]))
            {
                seconds = Long.parseLong(args[i + 1]);
            }
            else
            {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final RunResult socketOnly = run(seconds, false);
        final RunResult erspan = run(seconds, true);
        System.out.printf("ratio of ERSPAN published to GRE read by the socket alone: %.1f %%%n",
            100.0 * erspan.handledPerSecond / socketOnly.handledPerSecond);
    }

    private static RunResult run(final long seconds, final boolean erspan) throws Exception
    {
        final DataPlaneCounters counters = new DataPlaneCounters();
        final RingBuffer<PacketEvent> ringA = RingBuffer.createMultiProducer(
            () -> new PacketEvent(MAX_FRAME_BYTES), RING_SIZE, new BusySpinWaitStrategy());
        final Sequence consumed = new Sequence();
        ringA.addGatingSequences(consumed);
        final SessionTable sessions = new SessionTable(
            List.of(new MirrorSession(SESSION_ID, "edge1", "hosts", Direction.INGRESS, SourceKind.ERSPAN)));
        final ErspanReceiver receiver = new ErspanReceiver(
            ringA, sessions, SystemEpochNanoClock.INSTANCE, 3, 4, MAX_FRAME_BYTES, counters);
        final AtomicBoolean running = new AtomicBoolean(true);
        try (GreSource source = GreSource.open(ADDRESS, RECEIVE_BUFFER_BYTES, MAX_FRAME_BYTES, receiver, counters);
            GreSender sender = GreSender.open("the harness", (Inet4Address)InetAddress.getByName(ADDRESS)))
        {
            final Thread reader = new Thread(() ->
            {
                while (running.get())
                {
                    if (0 == source.doWork())
                    {
                        Thread.onSpinWait();
                    }
                    consumed.set(ringA.getCursor());
                }
            }, "erspan-harness-reader");
            reader.start();
            final long dropsBefore = kernelDrops();
            final long startNs = System.nanoTime();
            final long sent = send(sender, erspan, TimeUnit.SECONDS.toNanos(seconds));
            final long elapsedNs = System.nanoTime() - startNs;
            final long handledInRun = handled(counters, erspan);
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            running.set(false);
            reader.join();
            final long drops = kernelDrops() - dropsBefore;
            final RunResult result = new RunResult(sent, handledInRun * 1e9 / elapsedNs);
            System.out.printf("%s, %d s: sent %d (%.0f/s), read %d, %s %d (%.0f/s during the run), kernel drops " +
                "%d, unexplained %d, ring A full %d, errors %d%n",
                erspan ? "ERSPAN II" : "GRE, not ERSPAN", seconds, sent, sent * 1e9 / elapsedNs,
                counters.value(GreSource.PACKETS), erspan ? "published" : "counted not ERSPAN",
                handled(counters, erspan), result.handledPerSecond, drops,
                sent - drops - counters.value(GreSource.PACKETS), counters.value(VxlanIngest.RING_FULL),
                counters.value(GreSource.ERRORS));
            return result;
        }
    }

    private static long handled(final DataPlaneCounters counters, final boolean erspan)
    {
        return counters.value(erspan ? VxlanIngest.PUBLISHED : GreSource.NOT_ERSPAN);
    }

    private static long send(final GreSender sender, final boolean erspan, final long durationNs)
    {
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = 0x0A00_0001;
        packet.dstIp = 0x0A00_0202;
        packet.protocol = 17;
        packet.srcPort = 4000;
        packet.dstPort = 5000;
        packet.lengthBytes = 92;
        packet.ttl = 64;
        final MutableDirectBuffer buffer = sender.buffer();
        final int length = FrameWriter.writeErspanTypeII(packet, SESSION_ID, 0, buffer, 0);
        if (!erspan)
        {
            buffer.putShort(GreHeader.PROTOCOL_OFFSET, (short)0x0800, BIG_ENDIAN);
        }
        final long endNs = System.nanoTime() + durationNs;
        long sent = 0;
        while (System.nanoTime() - endNs < 0)
        {
            for (int i = 0; i < 64; i++)
            {
                buffer.putInt(SEQ_OFFSET, (int)sent, BIG_ENDIAN);
                if (0 == sender.send(length))
                {
                    sent++;
                }
                else
                {
                    Thread.onSpinWait();
                }
            }
        }
        return sent;
    }

    private static long kernelDrops() throws IOException
    {
        long drops = 0;
        for (final String line : Files.readAllLines(Path.of("/proc/net/raw")))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length > 12 && PROC_NET_RAW_ADDRESS.equals(fields[1]))
            {
                drops += Long.parseLong(fields[fields.length - 1]);
            }
        }
        return drops;
    }

    private record RunResult(long sent, double handledPerSecond)
    {
    }
}
