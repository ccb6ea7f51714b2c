package io.netshadow.dataplane.pipeline;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packet history: a Chronicle Queue in a directory, one binary document per packet with its timestamp, the
 * timestamp's kind, the VNI of its mirror session and the frame's bytes. Rolls to a new file per
 * {@link JournalRollCycle}; a reader gives back identical bytes and timestamps, in the order they were written.
 * <p>
 * Writers and readers are confined to the thread that created them.
 */
public final class PacketJournal implements AutoCloseable
{
    private static final byte FORMAT_VERSION = 1;
    private static final int HEADER_LENGTH = 1 + 1 + Integer.BYTES + Long.BYTES + Integer.BYTES;

    private final Path directory;
    private final SingleChronicleQueue queue;

    private PacketJournal(final Path directory, final SingleChronicleQueue queue)
    {
        this.directory = directory;
        this.queue = queue;
    }

    /**
     * Opens the journal in a directory, creating the directory and the queue when they do not exist.
     *
     * @param directory where the journal's files are.
     * @param rollCycle how often a new file starts.
     * @return the journal.
     * @throws IllegalStateException when the directory cannot be created or the queue cannot be opened.
     */
    public static PacketJournal open(final Path directory, final JournalRollCycle rollCycle)
    {
        try
        {
            Files.createDirectories(directory);
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(rollCycle.chronicleRollCycle())
                .build();
            return new PacketJournal(directory, queue);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(
                "cannot open the packet journal in " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The journal's directory.
     *
     * @return the directory.
     */
    public Path directory()
    {
        return directory;
    }

    /**
     * A writer that appends at the end, confined to the calling thread.
     *
     * @return the writer.
     */
    public Writer newWriter()
    {
        return new Writer(queue.createAppender());
    }

    /**
     * A reader from the first packet, confined to the calling thread.
     *
     * @return the reader.
     */
    public Reader newReader()
    {
        return new Reader(queue.createTailer().toStart());
    }

    @Override
    public void close()
    {
        queue.close();
    }

    /**
     * Appends packets to the journal.
     */
    public static final class Writer implements AutoCloseable
    {
        private final ExcerptAppender appender;

        private Writer(final ExcerptAppender appender)
        {
            this.appender = appender;
        }

        /**
         * Appends one packet.
         *
         * @param timestampNs   the packet's timestamp.
         * @param timestampKind where the timestamp came from.
         * @param vni           the mirror session's VNI.
         * @param frame         the frame's buffer.
         * @param offset        where the frame starts.
         * @param length        the frame's length.
         */
        public void append(
            final long timestampNs,
            final TimestampKind timestampKind,
            final int vni,
            final DirectBuffer frame,
            final int offset,
            final int length)
        {
            try (DocumentContext context = appender.writingDocument())
            {
                final Bytes<?> bytes = context.wire().bytes();
                bytes.writeByte(FORMAT_VERSION);
                bytes.writeByte((byte)timestampKind.ordinal());
                bytes.writeInt(vni);
                bytes.writeLong(timestampNs);
                bytes.writeInt(length);
                final byte[] array = frame.byteArray();
                if (null != array)
                {
                    bytes.write(array, frame.wrapAdjustment() + offset, length);
                }
                else
                {
                    bytes.unsafeWrite(frame.addressOffset() + offset, length);
                }
            }
        }

        @Override
        public void close()
        {
            appender.close();
        }
    }

    /**
     * Reads packets back in the order they were appended.
     */
    public static final class Reader implements AutoCloseable
    {
        private final ExcerptTailer tailer;

        private Reader(final ExcerptTailer tailer)
        {
            this.tailer = tailer;
        }

        /**
         * Reads the next packet.
         *
         * @param record receives the packet.
         * @return false when there is no further packet yet.
         * @throws IllegalStateException when a record is of an unknown format or does not fit the holder.
         */
        public boolean next(final JournalRecord record)
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    return false;
                }
                final Bytes<?> bytes = context.wire().bytes();
                if (bytes.readRemaining() < HEADER_LENGTH)
                {
                    throw new IllegalStateException("journal record at index " + context.index() + " is truncated");
                }
                final byte version = bytes.readByte();
                if (FORMAT_VERSION != version)
                {
                    throw new IllegalStateException("journal record format " + version + " is not supported");
                }
                record.timestampKind = TimestampKind.fromOrdinal(bytes.readByte());
                record.vni = bytes.readInt();
                record.timestampNs = bytes.readLong();
                final int length = bytes.readInt();
                if (length < 0 || length > record.frame.capacity() || length > bytes.readRemaining())
                {
                    throw new IllegalStateException("journal record at index " + context.index() +
                        " has a frame of " + length + " bytes that does not fit");
                }
                bytes.unsafeRead(record.frame.addressOffset(), length);
                record.frameLength = length;
                return true;
            }
        }

        @Override
        public void close()
        {
            tailer.close();
        }
    }
}
