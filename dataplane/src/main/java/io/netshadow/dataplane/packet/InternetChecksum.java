package io.netshadow.dataplane.packet;

import org.agrona.DirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The Internet checksum (RFC 1071): the one's complement of the one's complement sum of 16-bit words.
 */
public final class InternetChecksum
{
    private InternetChecksum()
    {
    }

    /**
     * Adds a range of bytes to a running sum, as big-endian 16-bit words; an odd last byte is padded with zero.
     *
     * @param buffer the bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @param sum    the running sum so far, 0 to start.
     * @return the new running sum, not yet folded.
     */
    public static long add(final DirectBuffer buffer, final int offset, final int length, final long sum)
    {
        long total = sum;
        final int end = offset + (length & ~1);
        for (int i = offset; i < end; i += 2)
        {
            total += buffer.getShort(i, BIG_ENDIAN) & 0xFFFF;
        }
        if ((length & 1) != 0)
        {
            total += (buffer.getByte(offset + length - 1) & 0xFF) << 8;
        }
        return total;
    }

    /**
     * Folds a running sum to 16 bits and complements it.
     *
     * @param sum the running sum.
     * @return the checksum to store; 0 over data whose stored checksum is correct.
     */
    public static int finish(final long sum)
    {
        long folded = sum;
        while ((folded >>> 16) != 0)
        {
            folded = (folded & 0xFFFF) + (folded >>> 16);
        }
        return (int)(~folded & 0xFFFF);
    }

    /**
     * The checksum of a range of bytes added to a running sum.
     *
     * @param buffer the bytes.
     * @param offset first byte.
     * @param length number of bytes.
     * @param sum    a running sum to start from, such as a pseudo-header's.
     * @return the checksum.
     */
    public static int checksum(final DirectBuffer buffer, final int offset, final int length, final long sum)
    {
        return finish(add(buffer, offset, length, sum));
    }
}
