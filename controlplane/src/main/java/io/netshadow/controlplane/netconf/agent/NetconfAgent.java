package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * A NETCONF server (RFC 6241 over SSH, RFC 6242) for one emulated device, listening on 127.0.0.1.
 * <p>
 * It announces base:1.0 and base:1.1 (chunked framing when the client announces base:1.1), :candidate,
 * :confirmed-commit:1.1, :validate:1.1, :rollback-on-error, :writable-running and the YANG modules of the device
 * model. Its running and candidate datastores hold {@link DeviceConfig}s; every change of running (commit,
 * confirmed commit, its cancellation or timeout, an edit or copy to running) goes to the
 * {@link RunningConfigListener}. Logins use the configured password or public keys; the host key is kept in a file.
 * Each session runs on a virtual thread.
 */
public final class NetconfAgent implements AutoCloseable
{
    /** The address every agent listens on. */
    public static final String LOOPBACK = "127.0.0.1";

    private static final Logger LOG = LoggerFactory.getLogger(NetconfAgent.class);
    private static final int OWN_IO_THREADS = 2;

    private final String deviceName;
    private final SshServer server;
    private final Datastores datastores;
    private final SessionRegistry sessions;
    private final AgentEndpoint endpoint;
    private final AgentIo ownedIo;

    private NetconfAgent(
        final String deviceName,
        final SshServer server,
        final Datastores datastores,
        final SessionRegistry sessions,
        final AgentEndpoint endpoint,
        final AgentIo ownedIo)
    {
        this.deviceName = deviceName;
        this.server = server;
        this.datastores = datastores;
        this.sessions = sessions;
        this.endpoint = endpoint;
        this.ownedIo = ownedIo;
    }

    /**
     * Starts an agent with threads of its own.
     *
     * @param settings device, port, host key file and credentials.
     * @param running  the device's running configuration; the candidate starts equal to it.
     * @param listener receives every change of running.
     * @return the listening agent.
     * @throws IOException when the host key cannot be read or written or the port cannot be bound.
     */
    public static NetconfAgent start(
        final AgentSettings settings, final DeviceConfig running, final RunningConfigListener listener)
        throws IOException
    {
        final AgentIo io = AgentIo.create(OWN_IO_THREADS);
        try
        {
            return start(settings, running, listener, io, io);
        }
        catch (final IOException | RuntimeException ex)
        {
            io.close();
            throw ex;
        }
    }

    /**
     * Starts an agent on threads shared with other agents.
     *
     * @param settings device, port, host key file and credentials.
     * @param running  the device's running configuration; the candidate starts equal to it.
     * @param listener receives every change of running.
     * @param io       the shared threads; they outlive this agent.
     * @return the listening agent.
     * @throws IOException when the host key cannot be read or written or the port cannot be bound.
     */
    public static NetconfAgent start(
        final AgentSettings settings,
        final DeviceConfig running,
        final RunningConfigListener listener,
        final AgentIo io) throws IOException
    {
        return start(settings, running, listener, io, null);
    }

    private static NetconfAgent start(
        final AgentSettings settings,
        final DeviceConfig running,
        final RunningConfigListener listener,
        final AgentIo io,
        final AgentIo ownedIo) throws IOException
    {
        final HostKey hostKey = HostKey.loadOrGenerate(settings.hostKeyFile());
        final Datastores datastores = new Datastores(settings.deviceName(), running, listener, io.timer());
        final SessionRegistry sessions = new SessionRegistry();
        final CredentialCheck credentialCheck = new CredentialCheck(settings.credentials());
        final SshServer server = SshServer.setUpDefaultServer();
        server.setHost(LOOPBACK);
        server.setPort(settings.port());
        server.setIoServiceFactoryFactory(io.ioServiceFactoryFactory());
        server.setScheduledExecutorService(io.timer(), false);
        server.setKeyPairProvider(hostKey.provider());
        server.setPasswordAuthenticator(credentialCheck);
        server.setPublickeyAuthenticator(credentialCheck);
        server.setForwardingFilter(new RejectAllForwardingFilter());
        server.setChannelFactories(List.of(new ChannelSessionFactory()));
        server.setSubsystemFactories(
            List.of(new NetconfSubsystemFactory(settings.deviceName(), datastores, sessions)));
        try
        {
            server.start();
        }
        catch (final IOException | RuntimeException ex)
        {
            datastores.close();
            stopQuietly(server, ex);
            throw ex;
        }
        final int port = boundPort(server);
        final AgentEndpoint endpoint = new AgentEndpoint(
            settings.deviceName(),
            LOOPBACK,
            port,
            settings.credentials().username(),
            settings.credentials().password(),
            hostKey.fingerprint(),
            hostKey.knownHostsLine(LOOPBACK, port));
        LOG.debug("NETCONF agent for {} listens on {}:{}", settings.deviceName(), LOOPBACK, port);
        return new NetconfAgent(settings.deviceName(), server, datastores, sessions, endpoint, ownedIo);
    }

    /**
     * The device this agent serves.
     *
     * @return its name.
     */
    public String deviceName()
    {
        return deviceName;
    }

    /**
     * How a client reaches this agent.
     *
     * @return address, login and host key.
     */
    public AgentEndpoint endpoint()
    {
        return endpoint;
    }

    /**
     * The TCP port this agent listens on.
     *
     * @return the bound port.
     */
    public int port()
    {
        return endpoint.port();
    }

    /**
     * The running configuration.
     *
     * @return the configuration in force.
     */
    public DeviceConfig running()
    {
        return datastores.read(Datastore.RUNNING);
    }

    /**
     * The candidate configuration.
     *
     * @return the configuration the next commit would make running.
     */
    public DeviceConfig candidate()
    {
        return datastores.read(Datastore.CANDIDATE);
    }

    /**
     * Whether a confirmed commit waits for its confirmation.
     *
     * @return true inside a confirm window.
     */
    public boolean confirmedCommitPending()
    {
        return datastores.confirmedCommitPending();
    }

    /**
     * The NETCONF sessions open now.
     *
     * @return their number.
     */
    public int sessionCount()
    {
        return sessions.size();
    }

    /**
     * Stops listening and closes every session. A pending confirmed commit stays as it is: the device is gone.
     */
    @Override
    public void close()
    {
        datastores.close();
        try
        {
            server.stop(true);
        }
        catch (final IOException ex)
        {
            LOG.warn("NETCONF agent for {} did not stop cleanly: {}", deviceName, ex.toString());
        }
        finally
        {
            if (null != ownedIo)
            {
                ownedIo.close();
            }
        }
    }

    private static void stopQuietly(final SshServer server, final Exception cause)
    {
        try
        {
            server.stop(true);
        }
        catch (final IOException ex)
        {
            cause.addSuppressed(ex);
        }
    }

    private static int boundPort(final SshServer server)
    {
        for (final SocketAddress address : server.getBoundAddresses())
        {
            if (address instanceof final InetSocketAddress inet)
            {
                return inet.getPort();
            }
        }
        return server.getPort();
    }
}
