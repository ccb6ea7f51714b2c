package io.netshadow.dataplane.capture;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReaderTest
{
    private static final long T0_NS = 1_700_000_000_123_456_789L;

    @TempDir
    Path directory;

    @Test
    void pcapInBothByteOrdersAndResolutionsReadsBackFramesAndTimestamps() throws IOException
    {
        for (final ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN})
        {
            for (final boolean nanosecond : new boolean[]{true, false})
            {
                final Path file = directory.resolve("t-" + order + "-" + nanosecond + ".pcap");
                try (PcapWriter writer = PcapWriter.create(file, order, nanosecond))
                {
                    for (int i = 0; i < 3; i++)
                    {
                        writer.append(T0_NS + i * 1_001L, frame(60 + i, i), 0, 60 + i);
                    }
                }
                final long resolutionNs = nanosecond ? 1 : 1000;
                assertReadsBack(file, resolutionNs);
            }
        }
    }

    @Test
    void pcapngInBothByteOrdersReadsBackFramesAndNanosecondTimestamps() throws IOException
    {
        for (final ByteOrder order : new ByteOrder[]{ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN})
        {
            final Path file = directory.resolve("t-" + order + ".pcapng");
            try (PcapngWriter writer = PcapngWriter.create(file, order))
            {
                for (int i = 0; i < 3; i++)
                {
                    writer.append(T0_NS + i * 1_001L, frame(60 + i, i), 0, 60 + i);
                }
            }
            assertReadsBack(file, 1);
        }
    }

    @Test
    void pcapngTimestampsFollowEachInterfacesResolutionAndOffset() throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(512).order(ByteOrder.BIG_ENDIAN);
        sectionHeader(bytes);
        interfaceDescription(bytes, 3, 0);
        interfaceDescription(bytes, 0x80 | 10, 100);
        customBlock(bytes);
        enhancedPacket(bytes, 0, 1_500L);
        enhancedPacket(bytes, 1, 3L << 10 | 512);
        final Path file = write("resolutions.pcapng", bytes);

        try (CaptureReader reader = CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            assertThat(reader.next(record)).isTrue();
            assertThat(record.timestampNs).isEqualTo(1_500_000_000L);
            assertThat(record.interfaceIndex).isZero();
            assertThat(reader.next(record)).isTrue();
            assertThat(record.timestampNs).isEqualTo(103_500_000_000L);
            assertThat(record.interfaceIndex).isEqualTo(1);
            assertThat(record.capturedLength).isEqualTo(4);
            assertThat(reader.next(record)).isFalse();
            assertThat(reader.warning()).isNull();
        }
    }

    @Test
    void truncatedPcapIsReadToItsLastWholePacketWithAWarningNamingFileAndOffset() throws IOException
    {
        final Path file = directory.resolve("truncated.pcap");
        try (PcapWriter writer = PcapWriter.create(file, ByteOrder.LITTLE_ENDIAN, true))
        {
            for (int i = 0; i < 3; i++)
            {
                writer.append(T0_NS + i, frame(100, i), 0, 100);
            }
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.truncate(channel.size() - 30);
        }

        try (CaptureReader reader = CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            assertThat(reader.next(record)).isTrue();
            assertThat(reader.next(record)).isTrue();
            assertThat(reader.next(record)).isFalse();
            assertThat(reader.next(record)).isFalse();
            assertThat(reader.packetCount()).isEqualTo(2);
            assertThat(reader.malformedCount()).isEqualTo(1);
            final long offset = 24 + 2 * (16 + 100);
            assertThat(reader.warning()).contains(file.toString(), "truncated packet record",
                "byte offset " + offset, "read 2 whole packets");
        }
    }

    @Test
    void corruptPcapngBlockStopsReadingWithTheBlocksOffset() throws IOException
    {
        final Path file = directory.resolve("corrupt.pcapng");
        try (PcapngWriter writer = PcapngWriter.create(file, ByteOrder.LITTLE_ENDIAN))
        {
            for (int i = 0; i < 3; i++)
            {
                writer.append(T0_NS + i, frame(64, i), 0, 64);
            }
        }
        final long secondBlockOffset = 28 + 32 + (32 + 64);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.wrap(new byte[]{(byte)0xFF, (byte)0xFF, 0, 0}), secondBlockOffset + 4);
        }

        try (CaptureReader reader = CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            assertThat(reader.next(record)).isTrue();
            assertThat(reader.next(record)).isFalse();
            assertThat(reader.malformedCount()).isEqualTo(1);
            assertThat(reader.warning()).contains(file.toString(), "corrupt", "byte offset " + secondBlockOffset);
        }
    }

    @Test
    void readingPacketsAllocatesNothingPerPacket()
    {
        final Path pcapng = directory.resolve("many.pcapng");
        final Path pcap = directory.resolve("many.pcap");
        final UnsafeBuffer frame = frame(1500, 3);
        try (PcapngWriter pcapngWriter = PcapngWriter.create(pcapng, ByteOrder.BIG_ENDIAN);
            PcapWriter pcapWriter = PcapWriter.create(pcap, ByteOrder.LITTLE_ENDIAN, true))
        {
            for (int i = 0; i < 10_000; i++)
            {
                pcapngWriter.append(T0_NS + i, frame, 0, 64 + i % 1400);
                pcapWriter.append(T0_NS + i, frame, 0, 64 + i % 1400);
            }
        }
        final CaptureRecord record = new CaptureRecord();
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        for (final Path file : new Path[]{pcapng, pcap, pcapng, pcap})
        {
            try (CaptureReader reader = CaptureReader.open(file))
            {
                final long before = threads.getCurrentThreadAllocatedBytes();
                long packets = 0;
                while (reader.next(record))
                {
                    packets++;
                }
                final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - before;

                assertThat(packets).isEqualTo(10_000);
                assertThat(allocatedBytes).as("%s allocated bytes, a few per 1 MiB refill, none per packet", file)
                    .isLessThan(packets);
            }
        }
    }

    @Test
    void aFileThatIsNeitherPcapNorPcapngIsRefusedWithItsMagicNumber() throws IOException
    {
        final Path file = Files.writeString(directory.resolve("text.pcap"), "this is not a capture file at all");

        assertThatThrownBy(() -> CaptureReader.open(file))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(file.toString())
            .hasMessageContaining("neither pcap nor pcapng");
    }

    private static void assertReadsBack(final Path file, final long resolutionNs)
    {
        try (CaptureReader reader = CaptureReader.open(file))
        {
            final CaptureRecord record = new CaptureRecord();
            for (int i = 0; i < 3; i++)
            {
                assertThat(reader.next(record)).as("%s packet %d", file, i).isTrue();
                final long expectedNs = T0_NS + i * 1_001L;
                assertThat(record.timestampNs).isEqualTo(expectedNs - expectedNs % resolutionNs);
                assertThat(record.capturedLength).isEqualTo(60 + i);
                assertThat(record.originalLength).isEqualTo(60 + i);
                assertThat(record.linkType).isEqualTo(CaptureRecord.LINK_TYPE_ETHERNET);
                final byte[] read = new byte[record.capturedLength];
                record.frame.getBytes(0, read);
                assertThat(read).isEqualTo(frame(60 + i, i).byteArray());
            }
            assertThat(reader.next(record)).isFalse();
            assertThat(reader.warning()).isNull();
            assertThat(reader.malformedCount()).isZero();
            assertThat(reader.positionBytes()).isEqualTo(reader.sizeBytes());
        }
    }

    private static UnsafeBuffer frame(final int length, final int seed)
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = (byte)(i * 7 + seed);
        }
        return new UnsafeBuffer(bytes);
    }

    private Path write(final String name, final ByteBuffer bytes) throws IOException
    {
        final byte[] content = new byte[bytes.position()];
        bytes.flip().get(content);
        return Files.write(directory.resolve(name), content);
    }

    private static void sectionHeader(final ByteBuffer bytes)
    {
        bytes.putInt(PcapngReader.SECTION_HEADER_BLOCK).putInt(28).putInt(PcapngReader.BYTE_ORDER_MAGIC)
            .putShort((short)1).putShort((short)0).putLong(-1).putInt(28);
    }

    private static void interfaceDescription(final ByteBuffer bytes, final int tsresol, final long tsoffsetSeconds)
    {
        bytes.putInt(PcapngReader.INTERFACE_DESCRIPTION_BLOCK).putInt(44)
            .putShort((short)1).putShort((short)0).putInt(65535)
            .putShort((short)PcapngReader.OPTION_IF_TSRESOL).putShort((short)1).put((byte)tsresol).put(new byte[3])
            .putShort((short)PcapngReader.OPTION_IF_TSOFFSET).putShort((short)8).putLong(tsoffsetSeconds)
            .putInt(0).putInt(44);
    }

    private static void customBlock(final ByteBuffer bytes)
    {
        bytes.putInt(0x0BAD).putInt(16).putInt(0xCAFE).putInt(16);
    }

    private static void enhancedPacket(final ByteBuffer bytes, final int interfaceIndex, final long units)
    {
        bytes.putInt(PcapngReader.ENHANCED_PACKET_BLOCK).putInt(36).putInt(interfaceIndex)
            .putInt((int)(units >>> 32)).putInt((int)units).putInt(4).putInt(4).putInt(0xDEADBEEF).putInt(36);
    }
}
