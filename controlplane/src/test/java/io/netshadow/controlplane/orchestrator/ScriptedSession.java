package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;

import java.time.Duration;

/**
 * One session to a {@link ScriptedDevice}, as a NETCONF driver would hold one.
 */
final class ScriptedSession implements DeviceDriver
{
    private final ScriptedDevice device;
    private final int id;
    private volatile boolean alive = true;

    ScriptedSession(final ScriptedDevice device, final int id)
    {
        this.device = device;
        this.id = id;
    }

    int id()
    {
        return id;
    }

    boolean alive()
    {
        return alive;
    }

    void kill()
    {
        alive = false;
    }

    @Override
    public String deviceName()
    {
        return device.name();
    }

    @Override
    public DeviceCapabilities capabilities() throws DeviceException
    {
        return device.capabilities(this);
    }

    @Override
    public DeviceConfig running() throws DeviceException
    {
        return device.getConfig(this);
    }

    @Override
    public void lock() throws DeviceException
    {
        device.lock(this);
    }

    @Override
    public void unlock() throws DeviceException
    {
        device.unlock(this);
    }

    @Override
    public void edit(final String editXml) throws DeviceException
    {
        device.edit(this, editXml);
    }

    @Override
    public void validate() throws DeviceException
    {
        device.validate(this);
    }

    @Override
    public void commitConfirmed(final Duration timeout, final String persistId) throws DeviceException
    {
        device.commitConfirmed(this, timeout, persistId);
    }

    @Override
    public void commit(final String persistId) throws DeviceException
    {
        device.commit(this, persistId);
    }

    @Override
    public void cancelCommit(final String persistId) throws DeviceException
    {
        device.cancelCommit(this, persistId);
    }

    @Override
    public void discardChanges() throws DeviceException
    {
        device.discard(this);
    }

    @Override
    public void restore(final DeviceConfig saved) throws DeviceException
    {
        device.restore(this, saved);
    }

    @Override
    public void close()
    {
        device.close(this);
    }

    @Override
    public String toString()
    {
        return "session " + id + " to " + device.name();
    }
}
