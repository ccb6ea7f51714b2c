package io.netshadow.dataplane.pipeline;

import org.agrona.DirectBuffer;

/**
 * Where the data plane hands frames back to the live network: the redirected packets the shadow delivered, and
 * those the redirect gate kept on the live path. Called from one data-path thread; implementations may stage frames until {@link #flush()} and must not block.
 */
public interface FrameSink
{
    /**
     * Sends one Ethernet frame.
     *
     * @param buffer the frame's bytes, valid only during the call.
     * @param offset where the frame starts.
     * @param length its length in bytes.
     * @return true when it was sent, false when it could not be (the sink counts why).
     */
    boolean send(DirectBuffer buffer, int offset, int length);

    /**
     * Sends what {@link #send} staged; called once per duty cycle of the stage that hands frames over.
     */
    void flush();
}
