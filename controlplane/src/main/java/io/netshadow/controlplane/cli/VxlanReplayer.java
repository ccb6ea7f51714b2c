package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.egress.ReplayPacer;
import io.netshadow.dataplane.egress.VxlanEgress;
import org.agrona.DirectBuffer;

import java.net.InetSocketAddress;

/**
 * Replays frames to an external fabric as VXLAN datagrams, paced to absolute deadlines by a {@link ReplayPacer}
 * and sent in batches by a {@link VxlanEgress}. A frame travels under the VNI given for the whole replay, else its
 * journal record's VNI, else VNI 0. Frames that are not Ethernet cannot travel over VXLAN and are counted.
 */
final class VxlanReplayer implements FrameReplayer
{
    /** The VNI of frames that carry none when the replay names none. */
    static final int DEFAULT_VNI = 0;

    private final VxlanEgress egress;
    private final ReplayPacer pacer;
    private final int vniOverride;
    private long notEthernet;

    /**
     * @param endpoint    the fabric's VXLAN endpoint, resolved.
     * @param vniOverride the VNI of every datagram, or {@link #NO_VNI} to keep each frame's own.
     * @param speed       the speed factor; 0 for as fast as possible.
     */
    VxlanReplayer(final InetSocketAddress endpoint, final int vniOverride, final double speed)
    {
        this.egress = new VxlanEgress(endpoint);
        this.pacer = new ReplayPacer(egress, speed, VxlanEgress.DEFAULT_BATCH_DATAGRAMS);
        this.vniOverride = vniOverride;
    }

    @Override
    public void replay(final long timestampNs, final int vni, final boolean ethernet,
        final DirectBuffer frame, final int offset, final int length)
    {
        if (!ethernet)
        {
            notEthernet++;
            return;
        }
        final int datagramVni = NO_VNI != vniOverride ? vniOverride : NO_VNI != vni ? vni : DEFAULT_VNI;
        pacer.onFrame(timestampNs, datagramVni, frame, offset, length);
    }

    @Override
    public void drain()
    {
        pacer.finish();
    }

    @Override
    public void close()
    {
        egress.close();
    }

    VxlanEgress egress()
    {
        return egress;
    }

    ReplayPacer pacer()
    {
        return pacer;
    }

    long notEthernet()
    {
        return notEthernet;
    }
}
