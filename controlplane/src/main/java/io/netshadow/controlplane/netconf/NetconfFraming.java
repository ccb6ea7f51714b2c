package io.netshadow.controlplane.netconf;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * NETCONF message framing over an SSH channel (RFC 6242): end-of-message framing ({@code ]]>]]>}) for base:1.0 and
 * for the hello exchange, chunked framing for base:1.1 once both peers have announced it. One instance per
 * direction-pair of a session; reads and writes may run on different threads.
 */
public final class NetconfFraming
{
    /** Capability of base:1.0 (end-of-message framing). */
    public static final String BASE_1_0 = "urn:ietf:params:netconf:base:1.0";
    /** Capability of base:1.1 (chunked framing). */
    public static final String BASE_1_1 = "urn:ietf:params:netconf:base:1.1";
    /** Largest message either side accepts, in bytes. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private static final byte[] END_OF_MESSAGE = "]]>]]>".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_CHUNK_BYTES = Integer.MAX_VALUE;

    private final InputStream in;
    private final OutputStream out;
    private volatile boolean chunked;

    /**
     * Frames messages over a pair of streams, starting with end-of-message framing.
     *
     * @param in  bytes from the peer.
     * @param out bytes to the peer.
     */
    public NetconfFraming(final InputStream in, final OutputStream out)
    {
        this.in = in;
        this.out = out;
    }

    /**
     * Switches both directions to chunked framing: call after the hellos when both sides announced base:1.1.
     */
    public void useChunkedFraming()
    {
        chunked = true;
    }

    /**
     * Whether chunked framing is in use.
     *
     * @return true for base:1.1 framing.
     */
    public boolean isChunked()
    {
        return chunked;
    }

    /**
     * Writes one message and flushes it.
     *
     * @param xml the message.
     * @throws IOException when the peer is gone.
     */
    public void write(final String xml) throws IOException
    {
        final byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        synchronized (out)
        {
            if (chunked)
            {
                out.write(("\n#" + bytes.length + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes);
                out.write("\n##\n".getBytes(StandardCharsets.US_ASCII));
            }
            else
            {
                out.write(bytes);
                out.write(END_OF_MESSAGE);
            }
            out.flush();
        }
    }

    /**
     * Reads one message.
     *
     * @return the message, without framing.
     * @throws EOFException        when the peer closed the channel between messages.
     * @throws NetconfFramingException when the bytes break the framing or a message exceeds
     *                             {@link #MAX_MESSAGE_BYTES}.
     * @throws IOException         when the channel fails.
     */
    public String read() throws IOException
    {
        return chunked ? readChunked() : readEndOfMessage();
    }

    private String readEndOfMessage() throws IOException
    {
        final EndMarkedBuffer message = new EndMarkedBuffer();
        while (true)
        {
            final int b = in.read();
            if (b < 0)
            {
                if (message.isBlank())
                {
                    throw new EOFException("peer closed the session");
                }
                throw new NetconfFramingException("peer closed the session inside a message");
            }
            message.write(b);
            if (message.endsWith(END_OF_MESSAGE))
            {
                return message.toStringWithout(END_OF_MESSAGE).strip();
            }
            if (message.size() > MAX_MESSAGE_BYTES)
            {
                throw new NetconfFramingException("message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
        }
    }

    private String readChunked() throws IOException
    {
        final ByteArrayOutputStream message = new ByteArrayOutputStream();
        while (true)
        {
            expect('\n', message.size() == 0);
            expect('#', false);
            final int first = readByte();
            if ('#' == first)
            {
                expect('\n', false);
                if (0 == message.size())
                {
                    throw new NetconfFramingException("chunked message with no chunk");
                }
                return message.toString(StandardCharsets.UTF_8);
            }
            final long size = chunkSize(first);
            if (message.size() + size > MAX_MESSAGE_BYTES)
            {
                throw new NetconfFramingException("message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
            final byte[] chunk = in.readNBytes((int)size);
            if (chunk.length != size)
            {
                throw new NetconfFramingException("peer closed the session inside a chunk");
            }
            message.write(chunk);
        }
    }

    private long chunkSize(final int first) throws IOException
    {
        if (first < '1' || first > '9')
        {
            throw new NetconfFramingException("bad chunk size: starts with " + describe(first));
        }
        long size = first - '0';
        while (true)
        {
            final int b = readByte();
            if ('\n' == b)
            {
                return size;
            }
            if (b < '0' || b > '9')
            {
                throw new NetconfFramingException("bad chunk size: contains " + describe(b));
            }
            size = size * 10 + (b - '0');
            if (size > MAX_CHUNK_BYTES)
            {
                throw new NetconfFramingException("chunk size beyond " + MAX_CHUNK_BYTES);
            }
        }
    }

    private void expect(final char expected, final boolean endOfStreamIsClean) throws IOException
    {
        final int b = in.read();
        if (b < 0)
        {
            if (endOfStreamIsClean)
            {
                throw new EOFException("peer closed the session");
            }
            throw new NetconfFramingException("peer closed the session inside a message");
        }
        if (b != expected)
        {
            throw new NetconfFramingException("chunked framing expected " + describe(expected) + ", got " + describe(b));
        }
    }

    private int readByte() throws IOException
    {
        final int b = in.read();
        if (b < 0)
        {
            throw new NetconfFramingException("peer closed the session inside a message");
        }
        return b;
    }

    private static String describe(final int b)
    {
        return b >= 0x21 && b < 0x7F ? "'" + (char)b + "'" : String.format("0x%02x", b);
    }

    private static final class EndMarkedBuffer extends ByteArrayOutputStream
    {
        boolean endsWith(final byte[] marker)
        {
            if (count < marker.length)
            {
                return false;
            }
            for (int i = 0; i < marker.length; i++)
            {
                if (buf[count - marker.length + i] != marker[i])
                {
                    return false;
                }
            }
            return true;
        }

        boolean isBlank()
        {
            for (int i = 0; i < count; i++)
            {
                if (!Character.isWhitespace(buf[i]))
                {
                    return false;
                }
            }
            return true;
        }

        String toStringWithout(final byte[] marker)
        {
            return new String(buf, 0, count - marker.length, StandardCharsets.UTF_8);
        }
    }
}
