package io.netshadow.controlplane.netconf;

import io.netshadow.controlplane.orchestrator.DeviceCapabilities;
import io.netshadow.controlplane.orchestrator.DeviceDriver;
import io.netshadow.controlplane.orchestrator.DeviceException;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives one device over NETCONF: each {@link DeviceDriver} step is one or a few RPCs on a session that is opened on
 * first use and opened again after it was lost. Edits go to the candidate where the device has one, to running
 * otherwise. Every failure becomes a {@link DeviceException} whose message names the device, the operation and each
 * rpc-error's tag, path and message.
 * <p>
 * <b>Validation.</b> netconfd (yuma123 2.13) silently drops the candidate's edits when a {@code <validate>} of the
 * candidate is followed by {@code <commit>}: the commit succeeds and running keeps its old content. So
 * {@link #validate()} never validates the datastore in place: it reads the candidate (get-config) and validates that
 * copy inline ({@code <validate><source><config>}), which checks exactly the same content and leaves the
 * candidate untouched on every device. Edits are also sent with {@code test-option test-then-set} where
 * {@code :validate} is offered, so a bad edit is refused when it is made.
 * <p>
 * <b>Restore.</b> The saved configuration is put back by one edit that replaces each top-level container of the
 * model it holds and removes each one it lacks (see {@link RestoreEdit}; netconfd's
 * {@code default-operation replace} keeps the containers an edit does not name), then committed, then read back and compared: a restore that does
 * not give back the saved configuration fails. When the saved configuration is one this driver read, the running
 * configuration exactly as the device sent it is restored (so what the model does not hold inside those containers
 * comes back too); otherwise it is written from the model, with interface types (mandatory in ietf-interfaces, not
 * kept by the model) taken from what the device has shown this driver, or {@code ethernetCsmacd} where the device
 * offers iana-if-type.
 * <p>
 * <b>Confirmed commits.</b> With {@code :confirmed-commit:1.1} the persist token lets any later session confirm or
 * cancel. Without a token, or with 1.0 only, the commit is tied to this session: confirming is a plain commit on the
 * same session, cancelling is cancel-commit there (with 1.0, ending the session, which makes the device revert), and
 * once that session is lost the device has reverted by itself, so confirming fails and cancelling has nothing left to
 * do.
 * <p>
 * Methods are synchronized: one driver is one device's session.
 */
public final class NetconfDeviceDriver implements DeviceDriver
{
    private static final Logger LOG = LoggerFactory.getLogger(NetconfDeviceDriver.class);
    private static final int SNAPSHOTS_KEPT = 8;

    private final NetconfClient client;
    private final NetconfEndpoint endpoint;
    private final Map<String, Element> interfaceTypes = new HashMap<>();
    private final Map<DeviceConfig, Element> snapshots = new LinkedHashMap<>(16, 0.75f, true)
    {
        @Override
        protected boolean removeEldestEntry(final Map.Entry<DeviceConfig, Element> eldest)
        {
            return size() > SNAPSHOTS_KEPT;
        }
    };
    private NetconfSession session;
    private NetconfSession confirmingSession;
    private boolean locked;

    /**
     * Creates a driver; the session is opened on first use.
     *
     * @param client   the client that opens sessions.
     * @param endpoint the device and how to reach it.
     */
    public NetconfDeviceDriver(final NetconfClient client, final NetconfEndpoint endpoint)
    {
        this.client = client;
        this.endpoint = endpoint;
    }

    @Override
    public String deviceName()
    {
        return endpoint.deviceName();
    }

    @Override
    public synchronized DeviceCapabilities capabilities() throws DeviceException
    {
        final Capabilities offered = session().capabilities();
        return new DeviceCapabilities(
            offered.candidate(), offered.confirmedCommit(), offered.validate(), offered.rollbackOnError());
    }

    @Override
    public synchronized DeviceConfig running() throws DeviceException
    {
        try
        {
            final Element config = XmlDocuments.configOf(data(session().getConfig(Datastore.RUNNING)));
            RestoreEdit.learnInterfaceTypes(config, interfaceTypes);
            final DeviceConfig parsed = DeviceConfigXml.applyEdit(DeviceConfig.empty(), XmlDocuments.write(config));
            snapshots.put(parsed, config);
            return parsed;
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
        catch (final DeviceConfigException ex)
        {
            throw new DeviceException(deviceName() + ": running configuration not understood: " + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void lock() throws DeviceException
    {
        try
        {
            final NetconfSession open = session();
            open.lock(editTarget(open));
            locked = true;
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void unlock() throws DeviceException
    {
        if (!locked)
        {
            return;
        }
        locked = false;
        if (null == session || !session.isOpen())
        {
            return;
        }
        try
        {
            session.unlock(editTarget(session));
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void edit(final String editXml) throws DeviceException
    {
        try
        {
            final NetconfSession open = session();
            final Capabilities offered = open.capabilities();
            open.editConfig(EditConfig.of(editTarget(open), editXml)
                .withTestOption(offered.validate() ? EditConfig.TestOption.TEST_THEN_SET : null)
                .withErrorOption(offered.rollbackOnError() ? EditConfig.ErrorOption.ROLLBACK_ON_ERROR : null));
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void validate() throws DeviceException
    {
        try
        {
            final NetconfSession open = session();
            final Element data = data(open.getConfig(editTarget(open)));
            open.validateConfig(XmlDocuments.write(XmlDocuments.configOf(data)));
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void commitConfirmed(final Duration timeout, final String persistId) throws DeviceException
    {
        try
        {
            final NetconfSession open = session();
            final boolean persist = null != persistId && open.capabilities().confirmedCommitWithPersist();
            open.commitConfirmed(timeout, persist ? persistId : null);
            confirmingSession = persist ? null : open;
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void commit(final String persistId) throws DeviceException
    {
        final NetconfSession bound = confirmingSession;
        confirmingSession = null;
        if (null != bound && (bound != session || !bound.isOpen()))
        {
            throw new DeviceException(deviceName() + ": commit not sent: the session that made the confirmed commit " +
                "ended, so the device has reverted it", null);
        }
        try
        {
            final NetconfSession open = session();
            if (null == bound && null != persistId && open.capabilities().confirmedCommitWithPersist())
            {
                open.confirmCommit(persistId);
            }
            else
            {
                open.commit();
            }
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void cancelCommit(final String persistId) throws DeviceException
    {
        final NetconfSession bound = confirmingSession;
        confirmingSession = null;
        if (null != bound && (bound != session || !bound.isOpen()))
        {
            LOG.info("{}: the session that made the confirmed commit ended, so the device has reverted it",
                deviceName());
            return;
        }
        try
        {
            final NetconfSession open = session();
            if (open.capabilities().confirmedCommitWithPersist())
            {
                open.cancelCommit(null == bound ? persistId : null);
            }
            else
            {
                LOG.info("{}: no cancel-commit (confirmed-commit:1.0); ending the session to revert", deviceName());
                locked = false;
                open.close();
            }
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void discardChanges() throws DeviceException
    {
        try
        {
            session().discardChanges();
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    @Override
    public synchronized void restore(final DeviceConfig saved) throws DeviceException
    {
        final boolean lockHere = !locked;
        if (lockHere)
        {
            lock();
        }
        DeviceException failure = null;
        try
        {
            putBack(saved);
        }
        catch (final DeviceException ex)
        {
            failure = ex;
        }
        if (lockHere)
        {
            try
            {
                unlock();
            }
            catch (final DeviceException ex)
            {
                if (null == failure)
                {
                    failure = ex;
                }
                else
                {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (null != failure)
        {
            throw failure;
        }
        final DeviceConfig after = running();
        if (!after.equals(saved))
        {
            throw new DeviceException(deviceName() + ": restore did not give back the saved configuration: running " +
                "is now " + after + ", saved was " + saved, null);
        }
    }

    @Override
    public synchronized void close()
    {
        locked = false;
        confirmingSession = null;
        if (null != session)
        {
            session.close();
            session = null;
        }
    }

    private void putBack(final DeviceConfig saved) throws DeviceException
    {
        try
        {
            final NetconfSession open = session();
            final Capabilities offered = open.capabilities();
            if (offered.candidate())
            {
                open.discardChanges();
            }
            final Element current = data(open.getConfig(Datastore.RUNNING));
            RestoreEdit.learnInterfaceTypes(current, interfaceTypes);
            final String edit = RestoreEdit.build(
                savedElement(saved), current, interfaceTypes, offered.has(Capabilities.IANA_IF_TYPE));
            if (null != edit)
            {
                open.editConfig(EditConfig.of(editTarget(open), edit)
                    .withErrorOption(offered.rollbackOnError() ? EditConfig.ErrorOption.ROLLBACK_ON_ERROR : null));
            }
            if (offered.candidate())
            {
                open.commit();
            }
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    private NetconfSession session() throws DeviceException
    {
        if (null != session && session.isOpen())
        {
            return session;
        }
        if (locked)
        {
            locked = false;
            throw new DeviceException(deviceName() + ": the session holding the lock was lost; the device " +
                "released the lock and the step was not sent", null);
        }
        try
        {
            session = client.open(endpoint);
            return session;
        }
        catch (final NetconfException ex)
        {
            throw failed(ex);
        }
    }

    private Element savedElement(final DeviceConfig saved) throws DeviceException
    {
        final Element snapshot = snapshots.get(saved);
        if (null != snapshot)
        {
            return snapshot;
        }
        try
        {
            return XmlDocuments.parse(DeviceConfigXml.toXml(saved)).getDocumentElement();
        }
        catch (final SAXException ex)
        {
            throw new DeviceException(deviceName() + ": saved configuration not writable as XML: " + ex.getMessage(),
                ex);
        }
    }

    private Element data(final RpcReply reply) throws NetconfException
    {
        final Element data = reply.dataElement();
        if (null == data)
        {
            throw new NetconfException(deviceName() + ": get-config reply holds no <data>: " + reply.xml());
        }
        return data;
    }

    private static Datastore editTarget(final NetconfSession open)
    {
        return open.capabilities().candidate() ? Datastore.CANDIDATE : Datastore.RUNNING;
    }

    private static DeviceException failed(final NetconfException ex)
    {
        return new DeviceException(ex.getMessage(), ex);
    }
}
