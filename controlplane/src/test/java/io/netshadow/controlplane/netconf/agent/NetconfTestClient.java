package io.netshadow.controlplane.netconf.agent;

import io.netshadow.controlplane.netconf.NetconfFraming;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

/**
 * A minimal NETCONF client for the agent tests: MINA's SSH client, the netconf subsystem and {@link NetconfFraming}.
 */
final class NetconfTestClient implements AutoCloseable
{
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String NC = "urn:ietf:params:xml:ns:netconf:base:1.0";
    static final ServerKeyVerifier ANY_HOST_KEY = (session, address, key) -> true;

    private final SshClient client;
    private final ClientSession session;
    private final ChannelSubsystem channel;
    private final NetconfFraming framing;
    private final Reply serverHello;
    private int lastMessageId;

    private NetconfTestClient(
        final SshClient client,
        final ClientSession session,
        final ChannelSubsystem channel,
        final NetconfFraming framing,
        final Reply serverHello)
    {
        this.client = client;
        this.session = session;
        this.channel = channel;
        this.framing = framing;
        this.serverHello = serverHello;
    }

    /**
     * Connects, accepting any host key, and exchanges hellos announcing base:1.0 and base:1.1.
     */
    static NetconfTestClient connect(final AgentEndpoint endpoint) throws IOException
    {
        return connect(endpoint, ANY_HOST_KEY, List.of(NetconfFraming.BASE_1_0, NetconfFraming.BASE_1_1));
    }

    /**
     * Connects and exchanges hellos announcing the given capabilities.
     */
    static NetconfTestClient connect(
        final AgentEndpoint endpoint, final ServerKeyVerifier verifier, final List<String> capabilities)
        throws IOException
    {
        final SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier);
        client.start();
        try
        {
            final ClientSession session = login(client, endpoint, endpoint.password());
            final ChannelSubsystem channel = session.createSubsystemChannel("netconf");
            channel.open().verify(TIMEOUT);
            final NetconfFraming framing = new NetconfFraming(channel.getInvertedOut(), channel.getInvertedIn());
            final Reply hello = Reply.parse(framing.read());
            framing.write(clientHello(capabilities));
            if (capabilities.contains(NetconfFraming.BASE_1_1))
            {
                framing.useChunkedFraming();
            }
            return new NetconfTestClient(client, session, channel, framing, hello);
        }
        catch (final IOException | RuntimeException ex)
        {
            client.stop();
            throw ex;
        }
    }

    /**
     * Opens an authenticated SSH session.
     */
    static ClientSession login(final SshClient client, final AgentEndpoint endpoint, final String password)
        throws IOException
    {
        final ClientSession session = client.connect(endpoint.username(), endpoint.host(), endpoint.port())
            .verify(TIMEOUT).getSession();
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return session;
    }

    static String clientHello(final List<String> capabilities)
    {
        final StringBuilder xml = new StringBuilder("<hello xmlns=\"" + NC + "\"><capabilities>");
        for (final String capability : capabilities)
        {
            xml.append("<capability>").append(capability).append("</capability>");
        }
        return xml.append("</capabilities></hello>").toString();
    }

    Reply serverHello()
    {
        return serverHello;
    }

    int sessionId()
    {
        return Integer.parseInt(serverHello.text("session-id"));
    }

    boolean chunked()
    {
        return framing.isChunked();
    }

    /**
     * Sends an operation in an rpc with the next message-id and reads the reply.
     */
    Reply rpc(final String operationXml) throws IOException
    {
        lastMessageId++;
        framing.write("<rpc message-id=\"" + lastMessageId + "\" xmlns=\"" + NC + "\">" + operationXml + "</rpc>");
        return Reply.parse(framing.read());
    }

    void send(final String message) throws IOException
    {
        framing.write(message);
    }

    Reply read() throws IOException
    {
        return Reply.parse(framing.read());
    }

    /**
     * Writes bytes to the channel past the framing.
     */
    void sendRaw(final String bytes) throws IOException
    {
        final OutputStream out = channel.getInvertedIn();
        out.write(bytes.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Waits until the agent closed the channel.
     *
     * @return true when it did within the timeout.
     */
    boolean awaitClosedByAgent()
    {
        return channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), TIMEOUT).contains(ClientChannelEvent.CLOSED);
    }

    @Override
    public void close() throws IOException
    {
        try
        {
            session.close(false).await(TIMEOUT);
        }
        finally
        {
            client.stop();
        }
    }
}
