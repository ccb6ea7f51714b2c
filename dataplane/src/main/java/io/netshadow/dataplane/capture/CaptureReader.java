package io.netshadow.dataplane.capture;

import java.nio.file.Path;

/**
 * Reads the packets of a pcap or pcapng file in order into a reused {@link CaptureRecord}, allocating nothing per
 * packet. A file that is truncated or corrupt part way is read to its last whole packet: the reader then stops,
 * counts the bad record in {@link #malformedCount()} and describes it in {@link #warning()}, naming the file and the
 * byte offset, so that the packets already read are never lost to an exception.
 * <p>
 * Confined to one thread.
 */
public abstract sealed class CaptureReader implements AutoCloseable permits PcapReader, PcapngReader
{
    final CaptureInput input;
    private long packetCount;
    private long malformedCount;
    private String warning;

    CaptureReader(final CaptureInput input)
    {
        this.input = input;
    }

    /**
     * Opens a capture file, telling pcap from pcapng by its first bytes.
     *
     * @param path the file.
     * @return a reader positioned before the first packet.
     * @throws IllegalArgumentException when the file is neither pcap nor pcapng or its header is unusable.
     * @throws java.io.UncheckedIOException when the file cannot be read.
     */
    public static CaptureReader open(final Path path)
    {
        final CaptureInput input = new CaptureInput(path, CaptureInput.DEFAULT_CAPACITY_BYTES);
        try
        {
            if (!input.ensure(Integer.BYTES))
            {
                throw new IllegalArgumentException(path + " is not a capture file: it is shorter than 4 bytes");
            }
            final int magic = input.getInt(0);
            if (PcapngReader.SECTION_HEADER_BLOCK == magic)
            {
                return new PcapngReader(input);
            }
            return new PcapReader(input);
        }
        catch (final RuntimeException ex)
        {
            input.close();
            throw ex;
        }
    }

    /**
     * Reads the next packet.
     *
     * @param record receives the packet.
     * @return false at the end of the file, or at a truncated or corrupt record (see {@link #warning()}).
     * @throws java.io.UncheckedIOException when the file cannot be read.
     */
    public final boolean next(final CaptureRecord record)
    {
        if (null != warning)
        {
            return false;
        }
        final boolean read = readNext(record);
        if (read)
        {
            packetCount++;
        }
        return read;
    }

    /**
     * The file being read.
     *
     * @return its path.
     */
    public final Path path()
    {
        return input.path();
    }

    /**
     * The file's size.
     *
     * @return its size in bytes.
     */
    public final long sizeBytes()
    {
        return input.sizeBytes();
    }

    /**
     * How far reading has come.
     *
     * @return the file offset in bytes after the last record read.
     */
    public final long positionBytes()
    {
        return input.position();
    }

    /**
     * Packets read so far.
     *
     * @return the count.
     */
    public final long packetCount()
    {
        return packetCount;
    }

    /**
     * Truncated or corrupt records met, after which reading stopped.
     *
     * @return 0 or 1.
     */
    public final long malformedCount()
    {
        return malformedCount;
    }

    /**
     * Why reading stopped before the end of the file.
     *
     * @return a one-line description naming the file and byte offset, or null when the file was whole so far.
     */
    public final String warning()
    {
        return warning;
    }

    @Override
    public final void close()
    {
        input.close();
    }

    abstract boolean readNext(CaptureRecord record);

    /**
     * Stops reading at a record that cannot be read: at the end of the file when some of its bytes are present,
     * or anywhere when it is corrupt.
     */
    final boolean stop(final String problem)
    {
        malformedCount++;
        warning = input.path() + ": " + problem + " at byte offset " + input.position() + "; read " + packetCount +
            " whole packets, ignoring the remaining " + (input.sizeBytes() - input.position()) + " bytes";
        return false;
    }

    /**
     * Ends reading at a record boundary: cleanly when no byte is left, as truncated otherwise.
     */
    final boolean endOrTruncated(final String recordName, final int needed)
    {
        final long remaining = input.sizeBytes() - input.position();
        if (0 == remaining)
        {
            return false;
        }
        return stop("truncated " + recordName + " (" + remaining + " of " + needed + " bytes present)");
    }
}
