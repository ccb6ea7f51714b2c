package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.egress.VxlanEgress;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Hands frames back to the live network as VXLAN datagrams to its endpoint: frames are staged as they come and sent
 * in one batch per duty cycle of the stage that drives the fabric, and what the kernel accepted or refused is
 * counted.
 * <p>
 * Confined to the thread that drives the fabric.
 */
final class VxlanReturn implements FrameSink, AutoCloseable
{
    static final String SENT = "redirect.return_sent";
    static final String SEND_FAILED = "redirect.return_send_failed";

    private final VxlanEgress egress;
    private final int vni;
    private final AtomicCounter sent;
    private final AtomicCounter sendFailed;
    private long sentSeen;
    private long failedSeen;

    VxlanReturn(final RedirectReturnConfig config, final DataPlaneCounters counters)
    {
        this.egress = new VxlanEgress(config.endpoint());
        this.vni = config.vni();
        this.sent = counters.counter(SENT);
        this.sendFailed = counters.counter(SEND_FAILED);
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (egress.stage(vni, buffer, offset, length))
        {
            return true;
        }
        flush();
        return egress.stage(vni, buffer, offset, length);
    }

    @Override
    public void flush()
    {
        if (0 == egress.stagedCount())
        {
            return;
        }
        egress.flush();
        final long sentNow = egress.sentDatagrams();
        final long failedNow = egress.failedDatagrams() + egress.oversizeFrames();
        sent.getAndAddRelease(sentNow - sentSeen);
        sendFailed.getAndAddRelease(failedNow - failedSeen);
        sentSeen = sentNow;
        failedSeen = failedNow;
    }

    @Override
    public void close()
    {
        egress.close();
    }
}
