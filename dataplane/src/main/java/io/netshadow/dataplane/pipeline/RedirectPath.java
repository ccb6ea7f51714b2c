package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FateListener;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The data path of redirected traffic: the live network's own packets, steered to the appliance, either cross the
 * shadow and leave it back to the live network, or go straight back when the {@link RedirectGate} keeps their flow
 * on the live path. Nothing a user sent is dropped here except by the shadow itself, and every packet is counted by
 * what became of it.
 * <p>
 * A packet the gate redirects is copied into a slot of a fixed frame store and injected with the slot as its token;
 * when the fabric delivers it, the stored frame is handed to the return sink, and when the fabric drops it (the
 * changed shadow's own verdict on it), the slot is freed and the loss counted. A packet that is not IPv4, enters
 * outside the shadow, is refused by the gate, or finds the store full goes back at once. As the fabric's
 * {@link FateListener} it passes the fates of mirror copies, which carry no token, on to the shadow meter.
 * <p>
 * Confined to the thread that drives the fabric.
 */
public final class RedirectPath implements FateListener
{
    /** Counter label: redirected packets the shadow delivered and the appliance handed back to the live network. */
    public static final String RETURNED = "redirect.returned";
    /** Counter label: redirected packets the shadow dropped (real packets lost to the changed shadow). */
    public static final String DROPPED_IN_SHADOW = "redirect.dropped_in_shadow";
    /** Counter label: steered packets handed straight back, their flow kept on the live path. */
    public static final String KEPT_LIVE = "redirect.kept_live";
    /** Counter label: steered packets handed straight back because they are not IPv4. */
    public static final String KEPT_LIVE_NOT_IPV4 = "redirect.kept_live_not_ipv4";
    /** Counter label: steered packets handed straight back because they enter or leave outside the shadow. */
    public static final String KEPT_LIVE_OUTSIDE_SHADOW = "redirect.kept_live_outside_shadow";
    /** Counter label: packets the gate redirected but handed straight back because every frame slot was taken. */
    public static final String KEPT_LIVE_STORE_FULL = "redirect.kept_live_store_full";
    /** Counter label: frames the return sink could not send (the sink counts why). */
    public static final String RETURN_FAILED = "redirect.return_failed";

    private final RedirectGate gate;
    private final FrameSink returnSink;
    private final FateListener mirrorFates;
    private final RedirectFrames frames;
    private final AtomicCounter returned;
    private final AtomicCounter droppedInShadow;
    private final AtomicCounter keptLive;
    private final AtomicCounter keptLiveNotIpv4;
    private final AtomicCounter keptLiveOutsideShadow;
    private final AtomicCounter keptLiveStoreFull;
    private final AtomicCounter returnFailed;

    /**
     * A redirect path.
     *
     * @param gate          decides flow by flow.
     * @param returnSink    where frames go back to the live network.
     * @param mirrorFates   told the fates of packets without a token (mirror copies): the shadow meter.
     * @param frameSlots    how many redirected packets may be inside the shadow at once.
     * @param maxFrameBytes the longest frame a slot holds.
     * @param counters      the data plane's counters.
     */
    public RedirectPath(
        final RedirectGate gate,
        final FrameSink returnSink,
        final FateListener mirrorFates,
        final int frameSlots,
        final int maxFrameBytes,
        final DataPlaneCounters counters)
    {
        this.gate = gate;
        this.returnSink = returnSink;
        this.mirrorFates = mirrorFates;
        this.frames = new RedirectFrames(frameSlots, maxFrameBytes);
        this.returned = counters.counter(RETURNED);
        this.droppedInShadow = counters.counter(DROPPED_IN_SHADOW);
        this.keptLive = counters.counter(KEPT_LIVE);
        this.keptLiveNotIpv4 = counters.counter(KEPT_LIVE_NOT_IPV4);
        this.keptLiveOutsideShadow = counters.counter(KEPT_LIVE_OUTSIDE_SHADOW);
        this.keptLiveStoreFull = counters.counter(KEPT_LIVE_STORE_FULL);
        this.returnFailed = counters.counter(RETURN_FAILED);
    }

    /**
     * Decides one steered packet: either stores its frame and returns the token to inject it with, or hands it
     * straight back to the live network and returns {@link FabricPacket#NO_TOKEN}.
     *
     * @param event        the packet, decoded.
     * @param insideShadow whether it enters at a port of the shadow and is bound for a destination inside it.
     * @param timeNs       its time, never earlier than the last call's.
     * @return the token to inject with, or {@link FabricPacket#NO_TOKEN} when it went back at once.
     */
    public int admit(final PacketEvent event, final boolean insideShadow, final long timeNs)
    {
        if (!event.isIpv4())
        {
            keptLiveNotIpv4.incrementRelease();
        }
        else if (!insideShadow)
        {
            keptLiveOutsideShadow.incrementRelease();
        }
        else if (!gate.redirects(event.packet, timeNs))
        {
            keptLive.incrementRelease();
        }
        else
        {
            final int slot = frames.store(event.frame, 0, event.frameLength);
            if (RedirectFrames.NONE != slot)
            {
                return slot;
            }
            keptLiveStoreFull.incrementRelease();
        }
        handBack(event.frame, 0, event.frameLength);
        return FabricPacket.NO_TOKEN;
    }

    /**
     * Sends the frames handed back during this duty cycle; call once per duty cycle, after the fabric advanced.
     */
    public void flush()
    {
        returnSink.flush();
    }

    /**
     * Redirected packets inside the shadow now.
     *
     * @return the number of frame slots taken.
     */
    public int inShadow()
    {
        return frames.inUse();
    }

    @Override
    public void onDelivered(
        final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
    {
        final int slot = packet.token;
        if (FabricPacket.NO_TOKEN == slot)
        {
            mirrorFates.onDelivered(packet, deviceIndex, injectedAtNs, deliveredAtNs);
            return;
        }
        if (handBack(frames.buffer(), frames.offset(slot), frames.length(slot)))
        {
            returned.incrementRelease();
        }
        frames.release(slot);
    }

    @Override
    public void onDropped(
        final FabricPacket packet,
        final int deviceIndex,
        final DropReason reason,
        final long injectedAtNs,
        final long droppedAtNs)
    {
        final int slot = packet.token;
        if (FabricPacket.NO_TOKEN == slot)
        {
            mirrorFates.onDropped(packet, deviceIndex, reason, injectedAtNs, droppedAtNs);
            return;
        }
        droppedInShadow.incrementRelease();
        frames.release(slot);
    }

    private boolean handBack(final DirectBuffer buffer, final int offset, final int length)
    {
        if (returnSink.send(buffer, offset, length))
        {
            return true;
        }
        returnFailed.incrementRelease();
        return false;
    }
}
