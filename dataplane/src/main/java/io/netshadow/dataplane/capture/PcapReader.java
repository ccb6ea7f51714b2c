package io.netshadow.dataplane.capture;

import java.nio.ByteOrder;

/**
 * Reads a classic pcap file: microsecond or nanosecond timestamps, written in either byte order.
 */
public final class PcapReader extends CaptureReader
{
    /** Magic number of a pcap file with microsecond timestamps, as its writer's byte order reads it. */
    public static final int MAGIC_MICROSECONDS = 0xA1B2C3D4;
    /** Magic number of a pcap file with nanosecond timestamps, as its writer's byte order reads it. */
    public static final int MAGIC_NANOSECONDS = 0xA1B23C4D;

    static final int FILE_HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private final long fractionToNs;
    private final int snapLength;
    private final int linkType;

    PcapReader(final CaptureInput input)
    {
        super(input);
        if (!input.ensure(FILE_HEADER_LENGTH))
        {
            throw new IllegalArgumentException(input.path() + " is not a capture file: it is shorter than a pcap header");
        }
        input.order(ByteOrder.LITTLE_ENDIAN);
        final int magic = input.getInt(0);
        if (MAGIC_MICROSECONDS == magic || MAGIC_NANOSECONDS == magic)
        {
            input.order(ByteOrder.LITTLE_ENDIAN);
        }
        else if (MAGIC_MICROSECONDS == Integer.reverseBytes(magic) || MAGIC_NANOSECONDS == Integer.reverseBytes(magic))
        {
            input.order(ByteOrder.BIG_ENDIAN);
        }
        else
        {
            throw new IllegalArgumentException(input.path() + " is neither pcap nor pcapng: magic number 0x" +
                Integer.toHexString(magic) + " at byte offset 0");
        }
        fractionToNs = MAGIC_NANOSECONDS == input.getInt(0) ? 1 : 1000;
        final int majorVersion = input.getUnsignedShort(4);
        if (2 != majorVersion)
        {
            throw new IllegalArgumentException(input.path() + ": pcap major version " + majorVersion +
                " is not supported (byte offset 4)");
        }
        snapLength = input.getInt(16);
        linkType = input.getInt(20) & 0xFFFF;
        input.consume(FILE_HEADER_LENGTH);
    }

    @Override
    boolean readNext(final CaptureRecord record)
    {
        if (!input.ensure(RECORD_HEADER_LENGTH))
        {
            return endOrTruncated("packet record header", RECORD_HEADER_LENGTH);
        }
        final int capturedLength = input.getInt(8);
        final int originalLength = input.getInt(12);
        final int limit = Math.max(snapLength, CaptureRecord.DEFAULT_CAPACITY_BYTES);
        if (capturedLength < 0 || capturedLength > limit || capturedLength > record.frame.capacity())
        {
            return stop("corrupt packet record: captured length " + Integer.toUnsignedString(capturedLength) +
                " exceeds the snapshot length " + snapLength);
        }
        if (!input.ensure(RECORD_HEADER_LENGTH + capturedLength))
        {
            return endOrTruncated("packet record", RECORD_HEADER_LENGTH + capturedLength);
        }
        final long seconds = input.getInt(0) & 0xFFFF_FFFFL;
        final long fraction = input.getInt(4) & 0xFFFF_FFFFL;
        record.timestampNs = seconds * 1_000_000_000L + fraction * fractionToNs;
        record.capturedLength = capturedLength;
        record.originalLength = originalLength;
        record.linkType = linkType;
        record.interfaceIndex = 0;
        input.copyTo(RECORD_HEADER_LENGTH, record.frame, capturedLength);
        input.consume(RECORD_HEADER_LENGTH + capturedLength);
        return true;
    }
}
