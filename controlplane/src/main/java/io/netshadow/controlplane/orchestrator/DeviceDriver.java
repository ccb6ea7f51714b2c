package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;

import java.time.Duration;

/**
 * How the orchestrator reaches one device, live or shadow: the NETCONF operations a change transaction is made
 * of. The NETCONF driver speaks them to real and emulated devices; tests may script them. Every method either
 * completes or throws a {@link DeviceException} that names the device and what failed, and leaves the device's
 * datastores as the operation's semantics say (a refused edit changes nothing).
 */
public interface DeviceDriver extends AutoCloseable
{
    /**
     * The device this driver reaches.
     *
     * @return the device name as in the network profile.
     */
    String deviceName();

    /**
     * What the device offers a transaction.
     *
     * @return its capabilities.
     * @throws DeviceException when the device cannot be reached.
     */
    DeviceCapabilities capabilities() throws DeviceException;

    /**
     * Reads the running configuration (get-config of running).
     *
     * @return the configuration in force.
     * @throws DeviceException when the device cannot be read or its reply cannot be parsed.
     */
    DeviceConfig running() throws DeviceException;

    /**
     * Locks the datastore edits go to: candidate when the device has one, running otherwise.
     *
     * @throws DeviceException when another session holds the lock, naming it where the device says.
     */
    void lock() throws DeviceException;

    /**
     * Releases the lock taken with {@link #lock()}.
     *
     * @throws DeviceException when the device cannot be reached.
     */
    void unlock() throws DeviceException;

    /**
     * Applies a YANG-shaped XML edit to the candidate (or to running on a device without one), with
     * rollback-on-error where offered.
     *
     * @param editXml the edit-config body.
     * @throws DeviceException when the edit is refused, with the device's error and path.
     */
    void edit(String editXml) throws DeviceException;

    /**
     * Validates the candidate.
     *
     * @throws DeviceException when the candidate is invalid.
     */
    void validate() throws DeviceException;

    /**
     * Commits the candidate so that the device reverts by itself unless confirmed within the timeout.
     *
     * @param timeout   the confirm window.
     * @param persistId a token that lets another session confirm or cancel it (survives this session).
     * @throws DeviceException when the commit fails; the device keeps its previous running configuration.
     */
    void commitConfirmed(Duration timeout, String persistId) throws DeviceException;

    /**
     * Commits the candidate, or confirms a pending confirmed commit.
     *
     * @param persistId the token of the pending confirmed commit to confirm, or null for a plain commit.
     * @throws DeviceException when the commit fails.
     */
    void commit(String persistId) throws DeviceException;

    /**
     * Cancels a pending confirmed commit: running goes back to what it was before it.
     *
     * @param persistId the token of the confirmed commit, or null when this session made it.
     * @throws DeviceException when there is no pending commit or the device cannot be reached.
     */
    void cancelCommit(String persistId) throws DeviceException;

    /**
     * Throws away uncommitted candidate edits.
     *
     * @throws DeviceException when the device cannot be reached.
     */
    void discardChanges() throws DeviceException;

    /**
     * Replaces the running configuration with a saved one (edit-config with replace, committed): the rollback after
     * a confirm window has closed.
     *
     * @param saved the configuration saved before the change.
     * @throws DeviceException when the device refuses or cannot be reached.
     */
    void restore(DeviceConfig saved) throws DeviceException;

    /**
     * Closes the session to the device.
     */
    @Override
    void close();
}
