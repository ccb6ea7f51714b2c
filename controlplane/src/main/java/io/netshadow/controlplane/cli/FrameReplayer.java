package io.netshadow.controlplane.cli;

import org.agrona.DirectBuffer;

/**
 * Where {@code netshadow replay} sends the frames it reads: the emulated fabric of a profile, or an external fabric
 * over VXLAN.
 */
interface FrameReplayer extends AutoCloseable
{
    /** The VNI argument of a frame that carries none of its own, as a frame of a capture file. */
    int NO_VNI = -1;

    /**
     * Waits for a frame's deadline, then replays it or counts why not.
     *
     * @param timestampNs the frame's original timestamp.
     * @param vni         the mirror session's VNI, or {@link #NO_VNI}.
     * @param ethernet    whether the frame is Ethernet.
     * @param frame       the buffer holding the frame.
     * @param offset      where the frame starts.
     * @param length      the frame's length in bytes.
     */
    void replay(long timestampNs, int vni, boolean ethernet, DirectBuffer frame, int offset, int length);

    /**
     * Finishes the replay once the last frame is in: the fabric lets packets in flight reach their fates, the
     * VXLAN egress sends what it still holds.
     */
    void drain();

    @Override
    void close();
}
