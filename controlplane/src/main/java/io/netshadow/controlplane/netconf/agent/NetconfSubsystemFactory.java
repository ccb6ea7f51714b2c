package io.netshadow.controlplane.netconf.agent;

import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * Serves the {@code netconf} SSH subsystem (RFC 6242 section 3) of one agent: a new NETCONF session per channel.
 */
final class NetconfSubsystemFactory implements SubsystemFactory
{
    /** The subsystem name NETCONF clients request. */
    static final String NAME = "netconf";

    private final String deviceName;
    private final Datastores datastores;
    private final SessionRegistry sessions;

    NetconfSubsystemFactory(final String deviceName, final Datastores datastores, final SessionRegistry sessions)
    {
        this.deviceName = deviceName;
        this.datastores = datastores;
        this.sessions = sessions;
    }

    @Override
    public String getName()
    {
        return NAME;
    }

    @Override
    public Command createSubsystem(final ChannelSession channel)
    {
        return new AgentSession(deviceName, datastores, sessions);
    }
}
