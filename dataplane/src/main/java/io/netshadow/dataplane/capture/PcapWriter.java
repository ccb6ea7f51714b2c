package io.netshadow.dataplane.capture;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Writes a classic pcap file of Ethernet frames, with microsecond or nanosecond timestamps, in a chosen byte order.
 * Allocates nothing per packet.
 */
public final class PcapWriter implements AutoCloseable
{
    private final CaptureOutput output;
    private final boolean nanosecond;

    private PcapWriter(final CaptureOutput output, final boolean nanosecond)
    {
        this.output = output;
        this.nanosecond = nanosecond;
    }

    /**
     * Creates (or truncates) a file and writes its header.
     *
     * @param path       the file.
     * @param order      the byte order to write in.
     * @param nanosecond true for nanosecond timestamps, false for microseconds.
     * @return the writer.
     * @throws java.io.UncheckedIOException when the file cannot be created.
     */
    public static PcapWriter create(final Path path, final ByteOrder order, final boolean nanosecond)
    {
        final CaptureOutput output = new CaptureOutput(path, order);
        output.putInt(nanosecond ? PcapReader.MAGIC_NANOSECONDS : PcapReader.MAGIC_MICROSECONDS);
        output.putShort(2);
        output.putShort(4);
        output.putInt(0);
        output.putInt(0);
        output.putInt(CaptureRecord.DEFAULT_CAPACITY_BYTES);
        output.putInt(CaptureRecord.LINK_TYPE_ETHERNET);
        return new PcapWriter(output, nanosecond);
    }

    /**
     * Appends one packet.
     *
     * @param timestampNs the packet's timestamp in nanoseconds since the epoch, truncated to microseconds in a
     *                    microsecond file.
     * @param frame       the frame's buffer.
     * @param offset      where the frame starts.
     * @param length      the frame's length in bytes, captured whole.
     */
    public void append(final long timestampNs, final DirectBuffer frame, final int offset, final int length)
    {
        final long seconds = Math.floorDiv(timestampNs, 1_000_000_000L);
        final long fractionNs = Math.floorMod(timestampNs, 1_000_000_000L);
        output.putInt((int)seconds);
        output.putInt((int)(nanosecond ? fractionNs : fractionNs / 1000));
        output.putInt(length);
        output.putInt(length);
        output.putBytes(frame, offset, length, length);
    }

    @Override
    public void close()
    {
        output.close();
    }
}
