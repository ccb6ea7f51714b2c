package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.dataplane.fabric.ShadowFabric;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Drives a device emulated inside a {@link ShadowFabric} of this process with the semantics of a NETCONF device
 * that has a candidate datastore and confirmed commits: edits go to the candidate, a commit makes it the fabric's
 * configuration, and a confirmed commit reverts by itself when its window closes unconfirmed.
 */
public final class InProcessDeviceDriver implements DeviceDriver
{
    private final ShadowFabric fabric;
    private final int deviceIndex;
    private final String deviceName;
    private final ScheduledExecutorService timer;
    private DeviceConfig candidate;
    private boolean locked;
    private DeviceConfig beforeConfirmedCommit;
    private String pendingPersistId;
    private ScheduledFuture<?> revert;

    /**
     * Drives one device of a fabric.
     *
     * @param fabric     the fabric the device lives in.
     * @param deviceName the device's name in the fabric's topology.
     * @throws IllegalArgumentException when the fabric has no such device.
     */
    public InProcessDeviceDriver(final ShadowFabric fabric, final String deviceName)
    {
        this.fabric = fabric;
        this.deviceName = deviceName;
        this.deviceIndex = fabric.topology().deviceIndex(deviceName);
        if (deviceIndex < 0)
        {
            throw new IllegalArgumentException("fabric has no device " + deviceName);
        }
        this.candidate = fabric.config(deviceIndex);
        this.timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("netshadow-confirm-" + deviceName).daemon(true).factory());
    }

    @Override
    public String deviceName()
    {
        return deviceName;
    }

    @Override
    public DeviceCapabilities capabilities()
    {
        return DeviceCapabilities.FULL;
    }

    @Override
    public synchronized DeviceConfig running()
    {
        return fabric.config(deviceIndex);
    }

    @Override
    public synchronized void lock() throws DeviceException
    {
        if (locked)
        {
            throw new DeviceException(deviceName + ": lock denied: the candidate is already locked", null);
        }
        locked = true;
    }

    @Override
    public synchronized void unlock()
    {
        locked = false;
    }

    @Override
    public synchronized void edit(final String editXml) throws DeviceException
    {
        try
        {
            candidate = DeviceConfigXml.applyEdit(candidate, editXml);
        }
        catch (final DeviceConfigException ex)
        {
            throw new DeviceException(deviceName + ": edit refused: " + ex.getMessage(), ex);
        }
    }

    @Override
    public void validate()
    {
    }

    @Override
    public synchronized void commitConfirmed(final Duration timeout, final String persistId)
    {
        if (null == beforeConfirmedCommit)
        {
            beforeConfirmedCommit = fabric.config(deviceIndex);
        }
        pendingPersistId = persistId;
        fabric.applyConfig(deviceIndex, candidate);
        if (null != revert)
        {
            revert.cancel(false);
        }
        revert = timer.schedule(this::revertUnconfirmed, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void commit(final String persistId) throws DeviceException
    {
        if (null != beforeConfirmedCommit && !Objects.equals(persistId, pendingPersistId))
        {
            throw new DeviceException(deviceName + ": commit refused: persist-id does not match the pending " +
                "confirmed commit", null);
        }
        fabric.applyConfig(deviceIndex, candidate);
        endConfirmWindow();
    }

    @Override
    public synchronized void cancelCommit(final String persistId) throws DeviceException
    {
        if (null == beforeConfirmedCommit)
        {
            throw new DeviceException(deviceName + ": cancel-commit refused: no confirmed commit is pending", null);
        }
        fabric.applyConfig(deviceIndex, beforeConfirmedCommit);
        candidate = beforeConfirmedCommit;
        endConfirmWindow();
    }

    @Override
    public synchronized void discardChanges()
    {
        candidate = fabric.config(deviceIndex);
    }

    @Override
    public synchronized void restore(final DeviceConfig saved)
    {
        fabric.applyConfig(deviceIndex, saved);
        candidate = saved;
        endConfirmWindow();
    }

    @Override
    public void close()
    {
        timer.shutdownNow();
    }

    private synchronized void revertUnconfirmed()
    {
        if (null != beforeConfirmedCommit)
        {
            fabric.applyConfig(deviceIndex, beforeConfirmedCommit);
            candidate = beforeConfirmedCommit;
            beforeConfirmedCommit = null;
            pendingPersistId = null;
        }
    }

    private void endConfirmWindow()
    {
        if (null != revert)
        {
            revert.cancel(false);
            revert = null;
        }
        beforeConfirmedCommit = null;
        pendingPersistId = null;
    }
}
