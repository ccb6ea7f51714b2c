package io.netshadow.dataplane.capture;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a pcapng file that Wireshark and tshark open: one section, one Ethernet interface with nanosecond
 * timestamps ({@code if_tsresol} 9), an enhanced packet block per packet. Allocates nothing per packet.
 */
public final class PcapngWriter implements AutoCloseable
{
    /** The {@code if_tsresol} value written: timestamps in nanoseconds. */
    public static final int TSRESOL_NANOSECONDS = 9;

    private static final int SHB_LENGTH = 28;
    private static final int IDB_LENGTH = 32;
    private static final int EPB_FIXED_LENGTH = 32;

    private final CaptureOutput output;

    private PcapngWriter(final CaptureOutput output)
    {
        this.output = output;
    }

    /**
     * Creates (or truncates) a file and writes its section header and interface description.
     *
     * @param path  the file.
     * @param order the byte order to write in.
     * @return the writer.
     * @throws java.io.UncheckedIOException when the file cannot be created.
     */
    public static PcapngWriter create(final Path path, final ByteOrder order)
    {
        final CaptureOutput output = new CaptureOutput(path, order);
        output.putInt(PcapngReader.SECTION_HEADER_BLOCK);
        output.putInt(SHB_LENGTH);
        output.putInt(PcapngReader.BYTE_ORDER_MAGIC);
        output.putShort(1);
        output.putShort(0);
        output.putLong(-1);
        output.putInt(SHB_LENGTH);

        output.putInt(PcapngReader.INTERFACE_DESCRIPTION_BLOCK);
        output.putInt(IDB_LENGTH);
        output.putShort(CaptureRecord.LINK_TYPE_ETHERNET);
        output.putShort(0);
        output.putInt(CaptureRecord.DEFAULT_CAPACITY_BYTES);
        output.putShort(PcapngReader.OPTION_IF_TSRESOL);
        output.putShort(1);
        output.putInt(order == ByteOrder.BIG_ENDIAN ? TSRESOL_NANOSECONDS << 24 : TSRESOL_NANOSECONDS);
        output.putInt(0);
        output.putInt(IDB_LENGTH);
        return new PcapngWriter(output);
    }

    /**
     * Appends one packet as an enhanced packet block.
     *
     * @param timestampNs the packet's timestamp in nanoseconds since the epoch.
     * @param frame       the frame's buffer.
     * @param offset      where the frame starts.
     * @param length      the frame's length in bytes, captured whole.
     */
    public void append(final long timestampNs, final DirectBuffer frame, final int offset, final int length)
    {
        final int paddedLength = CaptureOutput.padded(length);
        final int blockLength = EPB_FIXED_LENGTH + paddedLength;
        output.putInt(PcapngReader.ENHANCED_PACKET_BLOCK);
        output.putInt(blockLength);
        output.putInt(0);
        output.putInt((int)(timestampNs >>> 32));
        output.putInt((int)timestampNs);
        output.putInt(length);
        output.putInt(length);
        output.putBytes(frame, offset, length, paddedLength);
        output.putInt(blockLength);
    }

    @Override
    public void close()
    {
        output.close();
    }
}
