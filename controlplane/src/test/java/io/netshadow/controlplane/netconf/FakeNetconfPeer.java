package io.netshadow.controlplane.netconf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;

/**
 * A scripted NETCONF server on a loopback socket pair, for tests of the session's protocol handling without SSH:
 * the test reads what the session sends and writes what the device would answer.
 */
final class FakeNetconfPeer implements AutoCloseable
{
    static final String NC = "urn:ietf:params:xml:ns:netconf:base:1.0";

    private final Socket sessionSide;
    private final Socket peerSide;
    private final NetconfFraming framing;

    private FakeNetconfPeer(final Socket sessionSide, final Socket peerSide) throws IOException
    {
        this.sessionSide = sessionSide;
        this.peerSide = peerSide;
        this.framing = new NetconfFraming(peerSide.getInputStream(), peerSide.getOutputStream());
    }

    /**
     * Connects a peer, sends its hello, opens a session against it and reads the session's hello.
     *
     * @param timeout           the session's timeout.
     * @param helloCapabilities what the session announces.
     * @param peerCapabilities  what the peer announces.
     * @return the peer; {@link #session()} is open.
     */
    static Connected connect(
        final Duration timeout, final Set<String> helloCapabilities, final String... peerCapabilities)
        throws IOException, NetconfException
    {
        final Socket sessionSide;
        final Socket peerSide;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            sessionSide = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            peerSide = server.accept();
        }
        final FakeNetconfPeer peer = new FakeNetconfPeer(sessionSide, peerSide);
        final StringBuilder hello = new StringBuilder("<hello xmlns=\"" + NC + "\"><capabilities>");
        for (final String capability : peerCapabilities)
        {
            hello.append("<capability>").append(capability).append("</capability>");
        }
        peer.send(hello.append("</capabilities><session-id>42</session-id></hello>").toString());
        final NetconfSession session = NetconfSession.start(
            "r1", sessionSide.getInputStream(), sessionSide.getOutputStream(), sessionSide, timeout, helloCapabilities);
        peer.read();
        if (session.isChunkedFraming())
        {
            peer.framing.useChunkedFraming();
        }
        return new Connected(peer, session);
    }

    /**
     * Reads the next message from the session.
     *
     * @return its XML text.
     */
    String read() throws IOException
    {
        return framing.read();
    }

    /**
     * Sends a message to the session.
     *
     * @param xml the message.
     */
    void send(final String xml) throws IOException
    {
        framing.write(xml);
    }

    /**
     * Answers a request with a reply body.
     *
     * @param request the request as read.
     * @param body    what goes inside the rpc-reply.
     */
    void reply(final String request, final String body) throws IOException
    {
        send("<rpc-reply xmlns=\"" + NC + "\" message-id=\"" + messageId(request) + "\">" + body + "</rpc-reply>");
    }

    /**
     * The message-id of a request.
     *
     * @param request the request as read.
     * @return its message-id.
     */
    static String messageId(final String request)
    {
        final int start = request.indexOf("message-id=\"") + "message-id=\"".length();
        return request.substring(start, request.indexOf('"', start));
    }

    /**
     * Drops the connection as a failing device would.
     */
    @Override
    public void close() throws IOException
    {
        peerSide.close();
        sessionSide.close();
    }

    /**
     * A peer and the session opened against it.
     *
     * @param peer    the scripted device.
     * @param session the session under test.
     */
    record Connected(FakeNetconfPeer peer, NetconfSession session) implements AutoCloseable
    {
        @Override
        public void close() throws IOException
        {
            peer.close();
            session.close();
        }
    }
}
