package io.netshadow.controlplane.orchestrator;

import io.netshadow.dataplane.device.DeviceConfig;

/**
 * A live device's part of a change as its history records it, for recovery: only devices whose edit was sent and
 * that were not restored yet.
 *
 * @param device                 the device name.
 * @param wave                   its wave.
 * @param sequence               the sequence its change took.
 * @param saved                  its running configuration before the change, or null when the record is unreadable.
 * @param persistId              the persist-id of its confirmed commit, or null.
 * @param confirmDeadlineEpochMs when its confirmed commit reverts by itself; {@link Long#MAX_VALUE} when none.
 * @param commitSent             whether a commit (confirmed or not) was sent.
 * @param confirmed              whether the confirming commit succeeded.
 */
record RecordedDevice(
    String device,
    String wave,
    CommitSequence sequence,
    DeviceConfig saved,
    String persistId,
    long confirmDeadlineEpochMs,
    boolean commitSent,
    boolean confirmed)
{
}
