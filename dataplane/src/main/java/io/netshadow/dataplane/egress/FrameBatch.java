package io.netshadow.dataplane.egress;

import org.agrona.DirectBuffer;

/**
 * Where a {@link ReplayPacer} puts frames: it stages frames, then sends everything staged at once.
 */
public interface FrameBatch
{
    /**
     * Copies a frame into the batch to be sent with the next {@link #flush()}.
     *
     * @param vni    the VXLAN network identifier the frame travels under.
     * @param frame  the buffer holding the frame.
     * @param offset where the frame starts.
     * @param length the frame's length in bytes.
     * @return false when the batch is full and must be flushed first; true when the frame was staged, or counted
     * as one that can never be sent.
     */
    boolean stage(int vni, DirectBuffer frame, int offset, int length);

    /**
     * How many frames wait for the next flush.
     *
     * @return the staged frame count.
     */
    int stagedCount();

    /**
     * Sends every staged frame, counting those the kernel refused, and empties the batch.
     */
    void flush();
}
