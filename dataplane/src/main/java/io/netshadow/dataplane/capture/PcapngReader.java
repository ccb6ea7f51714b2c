package io.netshadow.dataplane.capture;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Reads a pcapng file: section header, interface description, enhanced packet and simple packet blocks, each
 * section in its own byte order, each interface with its own timestamp resolution ({@code if_tsresol}) and offset
 * ({@code if_tsoffset}). Other blocks are skipped.
 */
public final class PcapngReader extends CaptureReader
{
    /** Block type of a section header block; the same in both byte orders. */
    public static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    /** Block type of an interface description block. */
    public static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    /** Block type of a simple packet block. */
    public static final int SIMPLE_PACKET_BLOCK = 3;
    /** Block type of an enhanced packet block. */
    public static final int ENHANCED_PACKET_BLOCK = 6;
    /** The byte-order magic of a section header, as its writer's byte order reads it. */
    public static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** Option code of an interface's timestamp resolution. */
    public static final int OPTION_IF_TSRESOL = 9;
    /** Option code of an interface's timestamp offset in seconds. */
    public static final int OPTION_IF_TSOFFSET = 14;

    private static final int BLOCK_HEADER_LENGTH = 8;
    private static final int MIN_BLOCK_LENGTH = 12;
    private static final int EPB_FIXED_LENGTH = 32;
    private static final int SPB_FIXED_LENGTH = 16;
    private static final int IDB_FIXED_LENGTH = 20;
    private static final int DEFAULT_TSRESOL = 6;
    private static final long[] POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L,
        10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L, 100_000_000_000_000L,
        1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L, 1_000_000_000_000_000_000L};

    private int interfaceCount;
    private int[] linkTypes = new int[4];
    private int[] snapLengths = new int[4];
    private int[] tsresols = new int[4];
    private long[] tsoffsetsSeconds = new long[4];

    PcapngReader(final CaptureInput input)
    {
        super(input);
        if (!input.ensure(MIN_BLOCK_LENGTH) || !isByteOrderMagic(input))
        {
            throw new IllegalArgumentException(input.path() + " is not a pcapng file: no section header byte-order " +
                "magic at byte offset 8");
        }
    }

    /**
     * Converts a pcapng timestamp to nanoseconds.
     *
     * @param units   the timestamp in units of the resolution.
     * @param tsresol the {@code if_tsresol} option's value: a negative power of ten, or of two when its high bit is set.
     * @return nanoseconds.
     */
    public static long toNanoseconds(final long units, final int tsresol)
    {
        final int exponent = tsresol & 0x7F;
        if (0 == (tsresol & 0x80))
        {
            if (exponent <= 9)
            {
                return units * POWERS_OF_TEN[9 - exponent];
            }
            return exponent - 9 < POWERS_OF_TEN.length ? Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 9]) : 0;
        }
        if (exponent >= Long.SIZE)
        {
            return 0;
        }
        final long seconds = units >>> exponent;
        final long fraction = 0 == exponent ? 0 : units << (Long.SIZE - exponent);
        return seconds * 1_000_000_000L + Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
    }

    @Override
    boolean readNext(final CaptureRecord record)
    {
        while (true)
        {
            if (!input.ensure(BLOCK_HEADER_LENGTH))
            {
                return endOrTruncated("block header", BLOCK_HEADER_LENGTH);
            }
            final int blockType = input.getInt(0);
            if (SECTION_HEADER_BLOCK == blockType)
            {
                if (!input.ensure(MIN_BLOCK_LENGTH))
                {
                    return endOrTruncated("section header block", MIN_BLOCK_LENGTH);
                }
                if (!isByteOrderMagic(input))
                {
                    return stop("corrupt section header block: bad byte-order magic");
                }
                interfaceCount = 0;
            }
            final int blockLength = input.getInt(4);
            if (blockLength < MIN_BLOCK_LENGTH || 0 != (blockLength & 3))
            {
                return stop("corrupt block of type " + blockType + ": block length " +
                    Integer.toUnsignedString(blockLength));
            }
            if (blockLength > input.capacity())
            {
                if (ENHANCED_PACKET_BLOCK == blockType || SIMPLE_PACKET_BLOCK == blockType)
                {
                    return stop("corrupt packet block: block length " + blockLength + " exceeds " + input.capacity());
                }
                if (input.position() + blockLength > input.sizeBytes())
                {
                    return endOrTruncated("block of type " + blockType, blockLength);
                }
                input.consume(blockLength);
                continue;
            }
            if (!input.ensure(blockLength))
            {
                return endOrTruncated("block of type " + blockType, blockLength);
            }
            if (input.getInt(blockLength - Integer.BYTES) != blockLength)
            {
                return stop("corrupt block of type " + blockType + ": trailing length " +
                    Integer.toUnsignedString(input.getInt(blockLength - Integer.BYTES)) + " differs from " + blockLength);
            }
            switch (blockType)
            {
                case SECTION_HEADER_BLOCK ->
                {
                    final int majorVersion = input.getUnsignedShort(12);
                    if (1 != majorVersion)
                    {
                        return stop("section header block of unsupported version " + majorVersion);
                    }
                }
                case INTERFACE_DESCRIPTION_BLOCK ->
                {
                    if (blockLength < IDB_FIXED_LENGTH)
                    {
                        return stop("corrupt interface description block: block length " + blockLength);
                    }
                    addInterface(blockLength);
                }
                case ENHANCED_PACKET_BLOCK ->
                {
                    return readEnhancedPacket(record, blockLength);
                }
                case SIMPLE_PACKET_BLOCK ->
                {
                    return readSimplePacket(record, blockLength);
                }
                default ->
                {
                }
            }
            input.consume(blockLength);
        }
    }

    private boolean readEnhancedPacket(final CaptureRecord record, final int blockLength)
    {
        if (blockLength < EPB_FIXED_LENGTH)
        {
            return stop("corrupt enhanced packet block: block length " + blockLength);
        }
        final int interfaceIndex = input.getInt(8);
        if (interfaceIndex < 0 || interfaceIndex >= interfaceCount)
        {
            return stop("corrupt enhanced packet block: interface " + Integer.toUnsignedString(interfaceIndex) +
                " is not described");
        }
        final int capturedLength = input.getInt(20);
        if (capturedLength < 0 || capturedLength > blockLength - EPB_FIXED_LENGTH ||
            capturedLength > record.frame.capacity())
        {
            return stop("corrupt enhanced packet block: captured length " +
                Integer.toUnsignedString(capturedLength) + " exceeds its block of " + blockLength + " bytes");
        }
        final long units = ((input.getInt(12) & 0xFFFF_FFFFL) << 32) | (input.getInt(16) & 0xFFFF_FFFFL);
        record.timestampNs = toNanoseconds(units, tsresols[interfaceIndex]) +
            tsoffsetsSeconds[interfaceIndex] * 1_000_000_000L;
        record.capturedLength = capturedLength;
        record.originalLength = input.getInt(24);
        record.linkType = linkTypes[interfaceIndex];
        record.interfaceIndex = interfaceIndex;
        input.copyTo(28, record.frame, capturedLength);
        input.consume(blockLength);
        return true;
    }

    private boolean readSimplePacket(final CaptureRecord record, final int blockLength)
    {
        if (blockLength < SPB_FIXED_LENGTH || 0 == interfaceCount)
        {
            return stop("corrupt simple packet block: block length " + blockLength + " or no interface described");
        }
        final int originalLength = input.getInt(8);
        int capturedLength = Math.min(originalLength & Integer.MAX_VALUE, blockLength - SPB_FIXED_LENGTH);
        if (snapLengths[0] > 0)
        {
            capturedLength = Math.min(capturedLength, snapLengths[0]);
        }
        if (capturedLength > record.frame.capacity())
        {
            return stop("corrupt simple packet block: " + capturedLength + " bytes exceed the record's capacity");
        }
        record.timestampNs = 0;
        record.capturedLength = capturedLength;
        record.originalLength = originalLength;
        record.linkType = linkTypes[0];
        record.interfaceIndex = 0;
        input.copyTo(12, record.frame, capturedLength);
        input.consume(blockLength);
        return true;
    }

    private void addInterface(final int blockLength)
    {
        if (interfaceCount == linkTypes.length)
        {
            final int capacity = interfaceCount * 2;
            linkTypes = Arrays.copyOf(linkTypes, capacity);
            snapLengths = Arrays.copyOf(snapLengths, capacity);
            tsresols = Arrays.copyOf(tsresols, capacity);
            tsoffsetsSeconds = Arrays.copyOf(tsoffsetsSeconds, capacity);
        }
        final int index = interfaceCount++;
        linkTypes[index] = input.getUnsignedShort(8);
        snapLengths[index] = input.getInt(12);
        tsresols[index] = DEFAULT_TSRESOL;
        tsoffsetsSeconds[index] = 0;
        int option = 16;
        final int optionsEnd = blockLength - Integer.BYTES;
        while (option + Integer.BYTES <= optionsEnd)
        {
            final int code = input.getUnsignedShort(option);
            final int length = input.getUnsignedShort(option + 2);
            final int value = option + Integer.BYTES;
            if (0 == code || value + length > optionsEnd)
            {
                break;
            }
            if (OPTION_IF_TSRESOL == code && length >= 1)
            {
                tsresols[index] = input.getUnsignedByte(value);
            }
            else if (OPTION_IF_TSOFFSET == code && length >= Long.BYTES)
            {
                tsoffsetsSeconds[index] = input.getLong(value);
            }
            option = value + ((length + 3) & ~3);
        }
    }

    private static boolean isByteOrderMagic(final CaptureInput input)
    {
        input.order(ByteOrder.LITTLE_ENDIAN);
        final int magic = input.getInt(8);
        if (BYTE_ORDER_MAGIC == magic)
        {
            return true;
        }
        if (BYTE_ORDER_MAGIC == Integer.reverseBytes(magic))
        {
            input.order(ByteOrder.BIG_ENDIAN);
            return true;
        }
        return false;
    }
}
