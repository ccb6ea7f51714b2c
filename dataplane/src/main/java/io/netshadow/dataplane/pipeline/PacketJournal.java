package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.ingest.SourceKind;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.core.time.TimeProvider;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableDirectByteBuffer;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The packet history: a Chronicle Queue in a directory that rolls to a new file per {@link JournalRollCycle}; a
 * reader gives back identical bytes and timestamps, packet by packet, in the order they were written.
 * <p>
 * A writer puts packets into the queue in batches, one binary document per batch, so Chronicle's per-document
 * work (write lock, header, index) is paid once per batch rather than once per packet. Format 2, the one written:
 * <pre>
 * document: version (byte, 2), packet count (int), then that many packet records
 * record:   frame length (int), timestamp ns (long), VNI (int), session index (short),
 *           timestamp kind (byte, {@link TimestampKind} ordinal), source kind (byte, {@link SourceKind} ordinal,
 *           or -1 for a packet that came through no mirror session, such as a capture of an interface),
 *           frame (frame length bytes)
 * </pre>
 * All numbers are little-endian. Format 1, written before, held one packet per document: version (byte, 1),
 * timestamp kind (byte), VNI (int), timestamp ns (long), frame length (int), frame; a reader still reads it, with
 * no session index or source kind. A document of any other version is an error that names it.
 * <p>
 * Crash safety: a batch is one document, and a document becomes visible to readers only when it is complete, all
 * at once. Until then Chronicle Queue marks it incomplete in its header and readers do not read past it; a batch
 * that is aborted or fails is rolled back and never written. So a reader never sees part of a batch: after a crash
 * mid-batch, the packets of that batch are lost together and every earlier batch is whole.
 * <p>
 * Writers and readers are confined to the thread that created them.
 */
public final class PacketJournal implements AutoCloseable
{
    /** The byte budget of a batch that {@link #newWriter()} uses. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 64 * 1024;
    /** The most packets in a batch that {@link #newWriter()} uses. */
    public static final int DEFAULT_MAX_BATCH_PACKETS = 1024;
    /** Bytes a record takes besides its frame. */
    public static final int RECORD_HEADER_BYTES = Integer.BYTES + Long.BYTES + Integer.BYTES + Short.BYTES + 1 + 1;

    static final byte FORMAT_VERSION = 2;
    static final byte SINGLE_PACKET_FORMAT_VERSION = 1;

    private static final int DOCUMENT_HEADER_BYTES = 1 + Integer.BYTES;
    private static final int SINGLE_PACKET_HEADER_BYTES = 1 + 1 + Integer.BYTES + Long.BYTES + Integer.BYTES;
    private static final int MAX_SESSION_INDEX = Short.MAX_VALUE;
    private static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;
    private static final SourceKind[] SOURCE_KINDS = SourceKind.values();
    private static final byte NO_SOURCE_KIND = -1;

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
        return open(directory, rollCycle, SystemTimeProvider.INSTANCE);
    }

    static PacketJournal open(final Path directory, final JournalRollCycle rollCycle, final TimeProvider timeProvider)
    {
        try
        {
            Files.createDirectories(directory);
            final SingleChronicleQueue queue = SingleChronicleQueueBuilder.binary(directory)
                .rollCycle(rollCycle.chronicleRollCycle())
                .timeProvider(timeProvider)
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
     * A writer that appends at the end in batches of at most {@link #DEFAULT_MAX_BATCH_BYTES} and
     * {@link #DEFAULT_MAX_BATCH_PACKETS}, confined to the calling thread.
     *
     * @return the writer.
     */
    public Writer newWriter()
    {
        return newWriter(DEFAULT_MAX_BATCH_BYTES, DEFAULT_MAX_BATCH_PACKETS);
    }

    /**
     * A writer that appends at the end in batches within the given limits, confined to the calling thread.
     *
     * @param maxBatchBytes   the byte budget of a batch, records and their frames; one frame larger than this goes
     *                        in a batch of its own.
     * @param maxBatchPackets the most packets in a batch.
     * @return the writer.
     * @throws IllegalArgumentException when a limit is not positive or the byte budget is above 16 MiB.
     */
    public Writer newWriter(final int maxBatchBytes, final int maxBatchPackets)
    {
        if (maxBatchBytes <= 0 || maxBatchBytes > MAX_BATCH_BYTES || maxBatchPackets <= 0)
        {
            throw new IllegalArgumentException("journal batch limits must be 1.." + MAX_BATCH_BYTES +
                " bytes and at least 1 packet: " + maxBatchBytes + " bytes, " + maxBatchPackets + " packets");
        }
        final ExcerptAppender appender = queue.createAppender();
        appender.singleThreadedCheckDisabled(true);
        return new Writer(appender, maxBatchBytes, maxBatchPackets);
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
     * Appends packets to the journal in batches: {@link #append} adds a packet to the open batch, {@link #commit}
     * writes the batch as one document. Nothing appended is visible to readers before its batch is committed.
     */
    public static final class Writer implements AutoCloseable
    {
        private final ExcerptAppender appender;
        private final int maxBatchBytes;
        private final int maxBatchPackets;
        private DocumentContext document;
        private Bytes<?> bytes;
        private long countPosition;
        private int batchPackets;
        private int batchBytes;

        private Writer(final ExcerptAppender appender, final int maxBatchBytes, final int maxBatchPackets)
        {
            this.appender = appender;
            this.maxBatchBytes = maxBatchBytes;
            this.maxBatchPackets = maxBatchPackets;
        }

        /**
         * Whether the open batch can take a frame of the given length within its limits. An empty batch takes a
         * frame of any length.
         *
         * @param frameLength the frame's length in bytes.
         * @return false when the batch must be committed before the frame is appended.
         */
        public boolean hasRoomFor(final int frameLength)
        {
            return 0 == batchPackets ||
                (batchPackets < maxBatchPackets && batchBytes + RECORD_HEADER_BYTES + frameLength <= maxBatchBytes);
        }

        /**
         * Packets in the open batch.
         *
         * @return the count, 0 when no batch is open.
         */
        public int batchPackets()
        {
            return batchPackets;
        }

        /**
         * Appends one packet to the open batch, opening a batch when none is open and first committing the open
         * batch when it has no room for the frame ({@link #hasRoomFor}). An argument out of range changes nothing;
         * when writing fails, the open batch is discarded, the packets already in it included.
         *
         * @param timestampNs   the packet's timestamp.
         * @param timestampKind where the timestamp came from.
         * @param sessionIndex  the index of the mirror session that sent it, 0..32767.
         * @param sourceKind    the kind of that session; null for a packet of no session (an interface capture).
         * @param vni           the session's VNI or ERSPAN session id.
         * @param frame         the frame's buffer.
         * @param offset        where the frame starts.
         * @param length        the frame's length.
         * @throws IllegalArgumentException when the session index or the length (0..16 MiB) is out of range.
         */
        public void append(
            final long timestampNs,
            final TimestampKind timestampKind,
            final int sessionIndex,
            final SourceKind sourceKind,
            final int vni,
            final DirectBuffer frame,
            final int offset,
            final int length)
        {
            if (sessionIndex < 0 || sessionIndex > MAX_SESSION_INDEX || length < 0 || length > MAX_BATCH_BYTES)
            {
                throw new IllegalArgumentException("journal record out of range: session index " + sessionIndex +
                    " (0.." + MAX_SESSION_INDEX + "), frame length " + length);
            }
            if (!hasRoomFor(length))
            {
                commit();
            }
            try
            {
                if (null == document)
                {
                    open();
                }
                final Bytes<?> out = bytes;
                out.writeInt(length);
                out.writeLong(timestampNs);
                out.writeInt(vni);
                out.writeShort((short)sessionIndex);
                out.writeByte((byte)timestampKind.ordinal());
                out.writeByte(null == sourceKind ? NO_SOURCE_KIND : (byte)sourceKind.ordinal());
                final byte[] array = frame.byteArray();
                if (null != array)
                {
                    out.write(array, frame.wrapAdjustment() + offset, length);
                }
                else
                {
                    out.unsafeWrite(frame.addressOffset() + offset, length);
                }
            }
            catch (final RuntimeException ex)
            {
                abort();
                throw ex;
            }
            batchPackets++;
            batchBytes += RECORD_HEADER_BYTES + length;
        }

        /**
         * Writes the open batch as one document, which readers then see whole.
         *
         * @return the packets written, 0 when no batch was open.
         * @throws RuntimeException from Chronicle Queue when the document cannot be completed; the batch is then
         *                          discarded.
         */
        public int commit()
        {
            if (null == document)
            {
                return 0;
            }
            final int packets = batchPackets;
            final DocumentContext closing = document;
            try
            {
                bytes.writeInt(countPosition, packets);
            }
            catch (final RuntimeException ex)
            {
                closing.rollbackOnClose();
                throw ex;
            }
            finally
            {
                reset();
                closing.close();
            }
            return packets;
        }

        /**
         * Discards the open batch; readers never see it.
         *
         * @return the packets discarded, 0 when no batch was open.
         */
        public int abort()
        {
            if (null == document)
            {
                return 0;
            }
            final int packets = batchPackets;
            final DocumentContext closing = document;
            reset();
            closing.rollbackOnClose();
            closing.close();
            return packets;
        }

        /**
         * Commits the open batch and releases the appender.
         */
        @Override
        public void close()
        {
            try
            {
                commit();
            }
            finally
            {
                appender.close();
            }
        }

        private void open()
        {
            final DocumentContext opened = appender.writingDocument();
            try
            {
                final Bytes<?> out = opened.wire().bytes();
                out.writeByte(FORMAT_VERSION);
                countPosition = out.writePosition();
                out.writeInt(0);
                bytes = out;
                document = opened;
            }
            catch (final RuntimeException ex)
            {
                opened.rollbackOnClose();
                opened.close();
                throw ex;
            }
        }

        private void reset()
        {
            document = null;
            bytes = null;
            batchPackets = 0;
            batchBytes = 0;
        }
    }

    /**
     * Reads packets back one by one in the order they were appended, batch after batch.
     */
    public static final class Reader implements AutoCloseable
    {
        private final ExcerptTailer tailer;
        private final ExpandableDirectByteBuffer document = new ExpandableDirectByteBuffer(DEFAULT_MAX_BATCH_BYTES);
        private long documentIndex;
        private byte documentVersion;
        private int documentLength;
        private int position;
        private int packetsLeft;

        private Reader(final ExcerptTailer tailer)
        {
            this.tailer = tailer;
        }

        /**
         * Reads the next packet.
         *
         * @param record receives the packet.
         * @return false when there is no further packet yet.
         * @throws IllegalStateException when a document is of an unknown format, is truncated or corrupt, or
         *                               holds a frame that does not fit the holder; the next call goes on with the
         *                               document after it.
         */
        public boolean next(final JournalRecord record)
        {
            while (0 == packetsLeft)
            {
                if (!readDocument())
                {
                    return false;
                }
            }
            if (SINGLE_PACKET_FORMAT_VERSION == documentVersion)
            {
                readSinglePacketRecord(record);
            }
            else
            {
                readRecord(record);
            }
            packetsLeft--;
            if (0 == packetsLeft && position != documentLength)
            {
                throw corrupt("has " + (documentLength - position) + " bytes after its last packet");
            }
            return true;
        }

        @Override
        public void close()
        {
            tailer.close();
        }

        private boolean readDocument()
        {
            try (DocumentContext context = tailer.readingDocument())
            {
                if (!context.isPresent())
                {
                    return false;
                }
                documentIndex = context.index();
                final Bytes<?> bytes = context.wire().bytes();
                final long remaining = bytes.readRemaining();
                if (remaining < 1 || remaining > Integer.MAX_VALUE)
                {
                    throw corrupt("has a length of " + remaining + " bytes");
                }
                documentLength = (int)remaining;
                document.checkLimit(documentLength);
                bytes.unsafeRead(document.addressOffset(), documentLength);
                documentVersion = document.getByte(0);
                if (SINGLE_PACKET_FORMAT_VERSION == documentVersion)
                {
                    position = 0;
                    packetsLeft = 1;
                    return true;
                }
                if (FORMAT_VERSION != documentVersion)
                {
                    throw new IllegalStateException("journal document at index " + documentIndex +
                        " is of format " + documentVersion + ", which this version does not read (it reads formats " +
                        SINGLE_PACKET_FORMAT_VERSION + " and " + FORMAT_VERSION + ")");
                }
                if (documentLength < DOCUMENT_HEADER_BYTES)
                {
                    throw corrupt("is truncated in its header");
                }
                final int packets = document.getInt(1, ByteOrder.LITTLE_ENDIAN);
                if (packets < 0)
                {
                    throw corrupt("has a packet count of " + packets);
                }
                position = DOCUMENT_HEADER_BYTES;
                packetsLeft = packets;
                return true;
            }
        }

        private void readRecord(final JournalRecord record)
        {
            if (documentLength - position < RECORD_HEADER_BYTES)
            {
                throw corrupt("is truncated at byte " + position + " with " + packetsLeft + " packets to go");
            }
            final int length = checkedFrameLength(
                document.getInt(position, ByteOrder.LITTLE_ENDIAN), position + RECORD_HEADER_BYTES, record);
            record.timestampNs = document.getLong(position + 4, ByteOrder.LITTLE_ENDIAN);
            record.vni = document.getInt(position + 12, ByteOrder.LITTLE_ENDIAN);
            record.sessionIndex = document.getShort(position + 16, ByteOrder.LITTLE_ENDIAN);
            record.timestampKind = timestampKind(document.getByte(position + 18));
            record.sourceKind = sourceKind(document.getByte(position + 19));
            record.frame.putBytes(0, document, position + RECORD_HEADER_BYTES, length);
            record.frameLength = length;
            position += RECORD_HEADER_BYTES + length;
        }

        private void readSinglePacketRecord(final JournalRecord record)
        {
            if (documentLength < SINGLE_PACKET_HEADER_BYTES)
            {
                throw corrupt("is truncated");
            }
            final int length = checkedFrameLength(
                document.getInt(14, ByteOrder.LITTLE_ENDIAN), SINGLE_PACKET_HEADER_BYTES, record);
            record.timestampKind = timestampKind(document.getByte(1));
            record.vni = document.getInt(2, ByteOrder.LITTLE_ENDIAN);
            record.timestampNs = document.getLong(6, ByteOrder.LITTLE_ENDIAN);
            record.sessionIndex = JournalRecord.UNKNOWN_SESSION_INDEX;
            record.sourceKind = null;
            record.frame.putBytes(0, document, SINGLE_PACKET_HEADER_BYTES, length);
            record.frameLength = length;
            position = SINGLE_PACKET_HEADER_BYTES + length;
        }

        private int checkedFrameLength(final int length, final int frameOffset, final JournalRecord record)
        {
            if (length < 0 || length > documentLength - frameOffset)
            {
                throw corrupt("has a frame of " + length + " bytes at byte " + frameOffset +
                    " that runs past its end");
            }
            if (length > record.frame.capacity())
            {
                throw corrupt("has a frame of " + length + " bytes, more than the record's " +
                    record.frame.capacity());
            }
            return length;
        }

        private TimestampKind timestampKind(final byte ordinal)
        {
            try
            {
                return TimestampKind.fromOrdinal(ordinal);
            }
            catch (final IllegalArgumentException ex)
            {
                throw corrupt("has an unknown timestamp kind " + ordinal);
            }
        }

        private SourceKind sourceKind(final byte ordinal)
        {
            if (NO_SOURCE_KIND == ordinal)
            {
                return null;
            }
            if (ordinal < 0 || ordinal >= SOURCE_KINDS.length)
            {
                throw corrupt("has an unknown source kind " + ordinal);
            }
            return SOURCE_KINDS[ordinal];
        }

        private IllegalStateException corrupt(final String what)
        {
            packetsLeft = 0;
            return new IllegalStateException("journal document at index " + documentIndex + " " + what);
        }
    }
}
