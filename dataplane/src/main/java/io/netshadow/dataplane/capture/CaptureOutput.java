package io.netshadow.dataplane.capture;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file written sequentially through one reused direct buffer, in a chosen byte order.
 */
final class CaptureOutput implements AutoCloseable
{
    private static final int CAPACITY_BYTES = 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final ByteOrder order;
    private final ByteBuffer byteBuffer = ByteBuffer.allocateDirect(CAPACITY_BYTES);
    private final UnsafeBuffer buffer = new UnsafeBuffer(byteBuffer);
    private int position;

    CaptureOutput(final Path path, final ByteOrder order)
    {
        this.path = path;
        this.order = order;
        try
        {
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create capture file " + path + ": " + ex.getMessage(), ex);
        }
    }

    static int padded(final int length)
    {
        return (length + 3) & ~3;
    }

    void putInt(final int value)
    {
        reserve(Integer.BYTES);
        buffer.putInt(position, value, order);
        position += Integer.BYTES;
    }

    void putShort(final int value)
    {
        reserve(Short.BYTES);
        buffer.putShort(position, (short)value, order);
        position += Short.BYTES;
    }

    void putLong(final long value)
    {
        reserve(Long.BYTES);
        buffer.putLong(position, value, order);
        position += Long.BYTES;
    }

    void putBytes(final DirectBuffer source, final int offset, final int length, final int paddedLength)
    {
        reserve(paddedLength);
        buffer.putBytes(position, source, offset, length);
        buffer.setMemory(position + length, paddedLength - length, (byte)0);
        position += paddedLength;
    }

    void flush()
    {
        try
        {
            byteBuffer.limit(position).position(0);
            while (byteBuffer.hasRemaining())
            {
                channel.write(byteBuffer);
            }
            position = 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write capture file " + path + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        try (FileChannel ignored = channel)
        {
            flush();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close capture file " + path + ": " + ex.getMessage(), ex);
        }
    }

    private void reserve(final int bytes)
    {
        if (position + bytes > buffer.capacity())
        {
            flush();
            if (bytes > buffer.capacity())
            {
                throw new IllegalArgumentException(bytes + " bytes do not fit the output buffer of " + path);
            }
        }
    }
}
