package io.netshadow.controlplane.netconf.agent;

import io.netshadow.controlplane.netconf.NetconfFraming;
import io.netshadow.controlplane.netconf.NetconfFramingException;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.Set;

/**
 * One NETCONF session on the {@code netconf} SSH subsystem of an agent: the hello exchange, then one rpc-reply per
 * rpc, on a virtual thread of its own. Whatever the peer sends, the session answers with an rpc-error or ends; it
 * never disturbs the agent or other sessions. When it ends, by close-session, kill-session or a lost connection,
 * the datastores release what it held.
 */
final class AgentSession implements Command
{
    private static final Logger LOG = LoggerFactory.getLogger(AgentSession.class);

    private final String deviceName;
    private final Datastores datastores;
    private final SessionRegistry sessions;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exitCallback;
    private ChannelSession channel;
    private volatile int sessionId;
    private volatile boolean ended;

    AgentSession(final String deviceName, final Datastores datastores, final SessionRegistry sessions)
    {
        this.deviceName = deviceName;
        this.datastores = datastores;
        this.sessions = sessions;
    }

    @Override
    public void setInputStream(final InputStream in)
    {
        this.in = in;
    }

    @Override
    public void setOutputStream(final OutputStream out)
    {
        this.out = out;
    }

    @Override
    public void setErrorStream(final OutputStream err)
    {
    }

    @Override
    public void setExitCallback(final ExitCallback callback)
    {
        this.exitCallback = callback;
    }

    @Override
    public void start(final ChannelSession channel, final Environment env)
    {
        this.channel = channel;
        sessionId = sessions.register(this);
        LOG.debug("{}: session {} opened by {}", deviceName, sessionId, channel.getSession().getUsername());
        Thread.ofVirtual().name("netconf-" + deviceName + "-" + sessionId).start(this::serve);
    }

    @Override
    public void destroy(final ChannelSession channel)
    {
        ended = true;
        release();
    }

    /**
     * Ends this session from another one (kill-session): releases what it held, then closes its connection.
     */
    void terminate()
    {
        ended = true;
        release();
        channel.getSession().close(true);
    }

    private void serve()
    {
        final NetconfFraming framing = new NetconfFraming(in, out);
        try
        {
            framing.write(Replies.hello(sessionId));
            if (!acceptClientHello(framing))
            {
                return;
            }
            final RpcProcessor processor =
                new RpcProcessor(deviceName, sessionId, datastores, sessions, framing.isChunked());
            while (!ended)
            {
                final RpcProcessor.Outcome outcome = processor.process(framing.read());
                framing.write(outcome.reply());
                if (outcome.closesSession())
                {
                    return;
                }
            }
        }
        catch (final EOFException ex)
        {
            LOG.debug("{}: session {} closed by the peer", deviceName, sessionId);
        }
        catch (final NetconfFramingException ex)
        {
            LOG.warn("{}: session {} closed: {}", deviceName, sessionId, ex.getMessage());
        }
        catch (final IOException ex)
        {
            LOG.debug("{}: session {} lost: {}", deviceName, sessionId, ex.toString());
        }
        catch (final RuntimeException ex)
        {
            LOG.error("{}: session {} failed", deviceName, sessionId, ex);
        }
        finally
        {
            release();
            if (!ended)
            {
                ended = true;
                exitCallback.onExit(0);
            }
        }
    }

    private boolean acceptClientHello(final NetconfFraming framing) throws IOException
    {
        final Element hello;
        try
        {
            hello = XmlTrees.parse(framing.read()).getDocumentElement();
        }
        catch (final SAXException ex)
        {
            LOG.warn("{}: session {} closed: the client hello is not XML: {}", deviceName, sessionId, ex.getMessage());
            return false;
        }
        if (!XmlTrees.NETCONF.equals(hello.getNamespaceURI()) || !"hello".equals(hello.getLocalName()))
        {
            LOG.warn("{}: session {} closed: expected a hello, got {}", deviceName, sessionId, hello.getTagName());
            return false;
        }
        if (null != XmlTrees.child(hello, "session-id"))
        {
            LOG.warn("{}: session {} closed: the client hello carries a session-id", deviceName, sessionId);
            return false;
        }
        final Set<String> capabilities = new HashSet<>();
        final Element list = XmlTrees.child(hello, "capabilities");
        if (null != list)
        {
            for (final Element capability : XmlTrees.children(list))
            {
                capabilities.add(XmlTrees.text(capability));
            }
        }
        if (capabilities.contains(NetconfFraming.BASE_1_1))
        {
            framing.useChunkedFraming();
        }
        else if (!capabilities.contains(NetconfFraming.BASE_1_0))
        {
            LOG.warn("{}: session {} closed: the client announces no base capability", deviceName, sessionId);
            return false;
        }
        return true;
    }

    private void release()
    {
        final int id = sessionId;
        if (0 != id)
        {
            datastores.sessionEnded(id);
            sessions.remove(id);
        }
    }
}
