package io.netshadow.dataplane.capture;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A capture file read sequentially through one reused direct buffer: readers ask for the bytes of the next
 * record to be present, read them in place, then consume them. Allocates nothing once open.
 */
final class CaptureInput implements AutoCloseable
{
    static final int DEFAULT_CAPACITY_BYTES = 1024 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final long sizeBytes;
    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private long bufferStartPosition;
    private int readIndex;
    private int limit;

    CaptureInput(final Path path, final int capacityBytes)
    {
        this.path = path;
        try
        {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.sizeBytes = channel.size();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open capture file " + path + ": " + ex.getMessage(), ex);
        }
        this.byteBuffer = ByteBuffer.allocateDirect(capacityBytes);
        this.buffer = new UnsafeBuffer(byteBuffer);
    }

    Path path()
    {
        return path;
    }

    long sizeBytes()
    {
        return sizeBytes;
    }

    int capacity()
    {
        return buffer.capacity();
    }

    void order(final ByteOrder order)
    {
        this.order = order;
    }

    /**
     * The file offset of the next unconsumed byte.
     */
    long position()
    {
        return bufferStartPosition + readIndex;
    }

    /**
     * Makes the next {@code bytes} bytes present, reading more of the file as needed.
     *
     * @return false when the file ends first or they exceed the buffer.
     */
    boolean ensure(final int bytes)
    {
        if (limit - readIndex >= bytes)
        {
            return true;
        }
        if (bytes > buffer.capacity())
        {
            return false;
        }
        final int present = limit - readIndex;
        if (readIndex > 0)
        {
            buffer.putBytes(0, buffer, readIndex, present);
            bufferStartPosition += readIndex;
            readIndex = 0;
            limit = present;
        }
        try
        {
            while (limit < bytes)
            {
                byteBuffer.limit(buffer.capacity()).position(limit);
                final int read = channel.read(byteBuffer, bufferStartPosition + limit);
                if (read < 0)
                {
                    return false;
                }
                limit += read;
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read capture file " + path + ": " + ex.getMessage(), ex);
        }
        return true;
    }

    int getInt(final int relativeOffset)
    {
        return buffer.getInt(readIndex + relativeOffset, order);
    }

    int getUnsignedShort(final int relativeOffset)
    {
        return buffer.getShort(readIndex + relativeOffset, order) & 0xFFFF;
    }

    int getUnsignedByte(final int relativeOffset)
    {
        return buffer.getByte(readIndex + relativeOffset) & 0xFF;
    }

    long getLong(final int relativeOffset)
    {
        return buffer.getLong(readIndex + relativeOffset, order);
    }

    void copyTo(final int relativeOffset, final UnsafeBuffer destination, final int length)
    {
        destination.putBytes(0, buffer, readIndex + relativeOffset, length);
    }

    /**
     * Consumes bytes, which may run past what is present (a skipped block): the next read starts after them.
     */
    void consume(final long bytes)
    {
        if (bytes <= limit - readIndex)
        {
            readIndex += (int)bytes;
        }
        else
        {
            bufferStartPosition += readIndex + bytes;
            readIndex = 0;
            limit = 0;
        }
    }

    @Override
    public void close()
    {
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close capture file " + path + ": " + ex.getMessage(), ex);
        }
    }
}
