package io.netshadow.benchmarks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiving end of {@link ReplayHarness}: a UDP socket bound to a port on every address, which reads and counts
 * datagrams until its standard input closes, then prints the count. The harness starts it inside its network
 * namespace ({@code ip netns exec}), so the count is what an application behind the veth pair received. In
 * {@code hold} mode it reads nothing and prints 0: the socket only keeps the kernel from answering the datagrams
 * with ICMP port unreachable, and no wake-up per datagram adds to the run it sits beside.
 */
public final class ReplayReceiver
{
    private static final int RECEIVE_BUFFER_BYTES = 32 * 1024 * 1024;

    private ReplayReceiver()
    {
    }

    /**
     * Receives until standard input closes.
     *
     * @param args the UDP port, then {@code read} or {@code hold}.
     * @throws IOException when the socket cannot be bound.
     */
    public static void main(final String[] args) throws IOException
    {
        final int port = Integer.parseInt(args[0]);
        final AtomicLong received = new AtomicLong();
        final DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
        channel.bind(new InetSocketAddress(port));
        final boolean read = "read".equals(args[1]);
        final Thread reader = Thread.ofPlatform().daemon().unstarted(() ->
        {
            final ByteBuffer buffer = ByteBuffer.allocateDirect(65_536);
            try
            {
                while (true)
                {
                    buffer.clear();
                    channel.receive(buffer);
                    received.setRelease(received.getPlain() + 1);
                }
            }
            catch (final IOException ignored)
            {
                // the channel closed: the count is final
            }
        });
        if (read)
        {
            reader.start();
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0)
        {
            Thread.onSpinWait();
        }
        System.out.println(received.get());
        System.out.flush();
        channel.close();
        reader.interrupt();
    }
}
