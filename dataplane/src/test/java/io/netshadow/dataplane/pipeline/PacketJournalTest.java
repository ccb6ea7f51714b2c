package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacketJournalTest
{
    private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");
    private static final long FIVE_MINUTES_MS = 5 * 60_000L;

    @TempDir
    Path directory;

    @Test
    void readsBackIdenticalBytesAndTimestampsAcrossBatchBoundaries()
    {
        final List<Packet> packets = randomPackets(200, 1500, 1);
        final List<Integer> batchSizes = new ArrayList<>();
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.FIVE_MINUTELY);
            PacketJournal.Writer writer = journal.newWriter(8192, 7))
        {
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
            for (int i = 0; i < packets.size(); i++)
            {
                final Packet packet = packets.get(i);
                if (!writer.hasRoomFor(packet.frame.length))
                {
                    batchSizes.add(writer.commit());
                }
                if (0 == i % 2)
                {
                    direct.putBytes(3, packet.frame);
                    packet.append(writer, direct, 3);
                }
                else
                {
                    final byte[] padded = new byte[packet.frame.length + 5];
                    System.arraycopy(packet.frame, 0, padded, 5, packet.frame.length);
                    packet.append(writer, new UnsafeBuffer(padded), 5);
                }
                if (0 == i % 11)
                {
                    batchSizes.add(writer.commit());
                }
            }
        }

        assertThat(batchSizes).hasSizeGreaterThan(packets.size() / 7).allMatch(size -> size >= 1 && size <= 7);
        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(packets);
    }

    @Test
    void readsBackInOrderAcrossRollCycles() throws IOException
    {
        final SetTimeProvider time = new SetTimeProvider(START);
        final List<Packet> packets = randomPackets(60, 300, 2);
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.FIVE_MINUTELY, time);
            PacketJournal.Writer writer = journal.newWriter())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
            for (int i = 0; i < packets.size(); i++)
            {
                buffer.putBytes(0, packets.get(i).frame);
                packets.get(i).append(writer, buffer, 0);
                if (9 == i % 10)
                {
                    writer.commit();
                    time.advanceMillis(FIVE_MINUTES_MS / 2);
                }
            }
        }

        assertThat(cycleFiles()).hasSize(3);
        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(packets);
    }

    @Test
    void aFrameOfTheMaximumLengthGoesInABatchOfItsOwn()
    {
        final SplittableRandom random = new SplittableRandom(3);
        final List<Packet> packets = List.of(
            new Packet(randomBytes(random, 100), 1, TimestampKind.INGEST, 0, SourceKind.VXLAN, 7),
            new Packet(randomBytes(random, 65_535), 2, TimestampKind.KERNEL, 1, SourceKind.ERSPAN, 1023),
            new Packet(randomBytes(random, 60), 3, TimestampKind.HARDWARE, 2, SourceKind.GENEVE, 0xFF_FFFF));
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = journal.newWriter())
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(65_535));
            for (final Packet packet : packets)
            {
                if (!writer.hasRoomFor(packet.frame.length))
                {
                    assertThat(writer.commit()).isEqualTo(1);
                }
                buffer.putBytes(0, packet.frame);
                packet.append(writer, buffer, 0);
            }
        }

        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(packets);
        assertThat(documentCount()).isEqualTo(3);
    }

    @Test
    void anAppendToAFullBatchCommitsItFirstAndAnAbortedBatchIsNeverRead()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = journal.newWriter(1024, 2))
        {
            writer.append(1, TimestampKind.INGEST, 0, SourceKind.VXLAN, 5, frame, 0, 64);
            writer.append(2, TimestampKind.INGEST, 0, SourceKind.VXLAN, 5, frame, 0, 64);
            assertThat(writer.hasRoomFor(64)).isFalse();
            writer.append(3, TimestampKind.INGEST, 0, SourceKind.VXLAN, 5, frame, 0, 64);
            assertThat(writer.batchPackets()).isEqualTo(1);
            writer.append(4, TimestampKind.INGEST, 0, SourceKind.VXLAN, 5, frame, 0, 64);
            assertThat(writer.abort()).isEqualTo(2);
            writer.append(5, TimestampKind.INGEST, 0, SourceKind.VXLAN, 5, frame, 0, 64);
            assertThat(writer.commit()).isEqualTo(1);
            assertThatThrownBy(() -> writer.append(6, TimestampKind.INGEST, 40_000, SourceKind.VXLAN, 5, frame, 0, 64))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("session index 40000");
        }

        assertThat(readAll()).extracting(Packet::timestampNs).containsExactly(1L, 2L, 5L);
        assertThat(documentCount()).isEqualTo(2);
    }

    @Test
    void readsDocumentsOfTheSinglePacketFormatBesideBatches()
    {
        final SplittableRandom random = new SplittableRandom(4);
        final byte[] old0 = randomBytes(random, 90);
        final byte[] old1 = randomBytes(random, 1400);
        final Packet batched = new Packet(randomBytes(random, 200), 30, TimestampKind.INGEST, 1, SourceKind.VXLAN, 8);
        try (SingleChronicleQueue queue = rawQueue();
            ExcerptAppender appender = queue.createAppender())
        {
            writeSinglePacketDocument(appender, 10, TimestampKind.CAPTURE, 6, old0);
            writeSinglePacketDocument(appender, 20, TimestampKind.HARDWARE, 7, old1);
        }
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = journal.newWriter())
        {
            batched.append(writer, new UnsafeBuffer(batched.frame), 0);
        }

        assertThat(readAll()).usingRecursiveFieldByFieldElementComparator().containsExactly(
            new Packet(old0, 10, TimestampKind.CAPTURE, JournalRecord.UNKNOWN_SESSION_INDEX, null, 6),
            new Packet(old1, 20, TimestampKind.HARDWARE, JournalRecord.UNKNOWN_SESSION_INDEX, null, 7),
            batched);
    }

    @Test
    void aDocumentOfAnUnknownFormatIsAClearErrorAndReadingGoesOnAfterIt()
    {
        final Packet packet = new Packet(new byte[]{1, 2, 3}, 5, TimestampKind.INGEST, 0, SourceKind.VXLAN, 9);
        try (SingleChronicleQueue queue = rawQueue();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext context = appender.writingDocument())
        {
            context.wire().bytes().writeByte((byte)9).writeInt(1).writeLong(0);
        }
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Writer writer = journal.newWriter())
        {
            packet.append(writer, new UnsafeBuffer(packet.frame), 0);
        }

        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            assertThatThrownBy(() -> reader.next(record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is of format 9")
                .hasMessageContaining("reads formats 1 and 2");
            assertThat(reader.next(record)).isTrue();
            assertThat(Packet.of(record)).usingRecursiveComparison().isEqualTo(packet);
            assertThat(reader.next(record)).isFalse();
        }
    }

    @Test
    void aBatchWhoseCountPassesItsEndIsReportedAsTruncated()
    {
        try (SingleChronicleQueue queue = rawQueue();
            ExcerptAppender appender = queue.createAppender();
            DocumentContext context = appender.writingDocument())
        {
            context.wire().bytes().writeByte(PacketJournal.FORMAT_VERSION).writeInt(2)
                .writeInt(1).writeLong(1).writeInt(1).writeShort((short)0).writeByte((byte)0).writeByte((byte)0)
                .writeByte((byte)42);
        }

        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            assertThat(reader.next(record)).isTrue();
            assertThat(record.frameLength).isEqualTo(1);
            assertThatThrownBy(() -> reader.next(record))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is truncated at byte 26 with 1 packets to go");
            assertThat(reader.next(record)).isFalse();
        }
    }

    @Test
    void journalAgentWritesRingBInOrderWithTheSessionsVniAndKind() throws Exception
    {
        final RingBuffer<PacketRef> ringB =
            RingBuffer.createSingleProducer(PacketRef::new, 16, new BusySpinWaitStrategy());
        final DataPlaneCounters counters = new DataPlaneCounters();
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(700, "edge1", "hosts", Direction.INGRESS, SourceKind.VXLAN),
            new MirrorSession(701, "edge1", "uplink", Direction.EGRESS, SourceKind.GENEVE));
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY))
        {
            final JournalAgent agent = new JournalAgent(ringB, journal, sessions, counters);
            agent.onStart();
            publish(ringB, 5);
            assertThat(agent.doWork()).isEqualTo(5);
            agent.onClose();

            try (PacketJournal.Reader reader = journal.newReader())
            {
                final JournalRecord record = new JournalRecord();
                for (int i = 0; i < 5; i++)
                {
                    assertThat(reader.next(record)).isTrue();
                    assertThat(record.timestampNs).isEqualTo(1_000 + i);
                    assertThat(record.vni).isEqualTo(700 + i % 2);
                    assertThat(record.sessionIndex).isEqualTo(i % 2);
                    assertThat(record.sourceKind).isEqualTo(0 == i % 2 ? SourceKind.VXLAN : SourceKind.GENEVE);
                    assertThat(record.frameLength).isEqualTo(14 + 100);
                }
                assertThat(reader.next(record)).isFalse();
            }
        }
        assertThat(documentCount()).isEqualTo(1);
        assertThat(counters.value(JournalAgent.WRITTEN)).isEqualTo(5);
        assertThat(counters.value(JournalAgent.WRITE_FAILED)).isZero();
    }

    @Test
    void journalAgentSplitsADutyCycleBeyondTheByteBudgetIntoWholeDocumentsAndStopsAtThePacketLimit()
        throws Exception
    {
        final RingBuffer<PacketRef> ringB =
            RingBuffer.createSingleProducer(PacketRef::new, 64, new BusySpinWaitStrategy());
        final DataPlaneCounters counters = new DataPlaneCounters();
        final List<MirrorSession> sessions = List.of(
            new MirrorSession(700, "edge1", "hosts", Direction.INGRESS, SourceKind.VXLAN),
            new MirrorSession(701, "edge1", "uplink", Direction.EGRESS, SourceKind.VXLAN));
        final int recordBytes = PacketJournal.RECORD_HEADER_BYTES + 14 + 100;
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY))
        {
            final JournalAgent agent = new JournalAgent(ringB, journal, sessions, counters, 4 * recordBytes, 30);
            agent.onStart();
            publish(ringB, 40);
            assertThat(agent.doWork()).isEqualTo(30);
            assertThat(agent.doWork()).isEqualTo(10);
            assertThat(agent.doWork()).isZero();
            agent.onClose();

            try (PacketJournal.Reader reader = journal.newReader())
            {
                final JournalRecord record = new JournalRecord();
                for (int i = 0; i < 40; i++)
                {
                    assertThat(reader.next(record)).isTrue();
                    assertThat(record.timestampNs).isEqualTo(1_000 + i);
                }
                assertThat(reader.next(record)).isFalse();
            }
        }
        assertThat(documentCount()).isEqualTo(8 + 3);
        assertThat(counters.value(JournalAgent.WRITTEN)).isEqualTo(40);
    }

    private static void publish(final RingBuffer<PacketRef> ringB, final int packets)
    {
        for (int i = 0; i < packets; i++)
        {
            final long sequence = ringB.next();
            ringB.get(sequence).event = TestPackets.fill(
                new PacketEvent(256), TestPackets.udp(1, i), i % 2, Direction.INGRESS, 1_000 + i);
            ringB.publish(sequence);
        }
    }

    private List<Packet> readAll()
    {
        final List<Packet> read = new ArrayList<>();
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY);
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            while (reader.next(record))
            {
                read.add(Packet.of(record));
            }
        }
        return read;
    }

    private SingleChronicleQueue rawQueue()
    {
        return SingleChronicleQueueBuilder.binary(directory)
            .rollCycle(JournalRollCycle.HOURLY.chronicleRollCycle())
            .build();
    }

    private int documentCount()
    {
        int documents = 0;
        try (SingleChronicleQueue queue = rawQueue();
            ExcerptTailer tailer = queue.createTailer())
        {
            while (true)
            {
                try (DocumentContext context = tailer.readingDocument())
                {
                    if (!context.isPresent())
                    {
                        return documents;
                    }
                    documents++;
                }
            }
        }
    }

    private List<Path> cycleFiles() throws IOException
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.filter(file -> file.getFileName().toString().endsWith(".cq4")).toList();
        }
    }

    private static void writeSinglePacketDocument(
        final ExcerptAppender appender,
        final long timestampNs,
        final TimestampKind kind,
        final int vni,
        final byte[] frame)
    {
        try (DocumentContext context = appender.writingDocument())
        {
            final Bytes<?> bytes = context.wire().bytes();
            bytes.writeByte(PacketJournal.SINGLE_PACKET_FORMAT_VERSION);
            bytes.writeByte((byte)kind.ordinal());
            bytes.writeInt(vni);
            bytes.writeLong(timestampNs);
            bytes.writeInt(frame.length);
            bytes.write(frame);
        }
    }

    private static List<Packet> randomPackets(final int count, final int maxLength, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TimestampKind[] kinds = TimestampKind.values();
        final SourceKind[] sourceKinds = SourceKind.values();
        final List<Packet> packets = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            packets.add(new Packet(
                randomBytes(random, 1 + random.nextInt(maxLength)),
                1_700_000_000_000_000_000L + random.nextLong(1_000_000_000L),
                kinds[random.nextInt(kinds.length)],
                random.nextInt(Short.MAX_VALUE + 1),
                sourceKinds[random.nextInt(sourceKinds.length)],
                random.nextInt(0x100_0000)));
        }
        return packets;
    }

    private static byte[] randomBytes(final SplittableRandom random, final int length)
    {
        final byte[] bytes = new byte[length];
        for (int b = 0; b < length; b++)
        {
            bytes[b] = (byte)random.nextInt(256);
        }
        return bytes;
    }

    private record Packet(
        byte[] frame, long timestampNs, TimestampKind timestampKind, int sessionIndex, SourceKind sourceKind, int vni)
    {
        static Packet of(final JournalRecord record)
        {
            final byte[] frame = new byte[record.frameLength];
            record.frame.getBytes(0, frame);
            return new Packet(
                frame, record.timestampNs, record.timestampKind, record.sessionIndex, record.sourceKind, record.vni);
        }

        void append(final PacketJournal.Writer writer, final UnsafeBuffer buffer, final int offset)
        {
            writer.append(timestampNs, timestampKind, sessionIndex, sourceKind, vni, buffer, offset, frame.length);
        }
    }
}
