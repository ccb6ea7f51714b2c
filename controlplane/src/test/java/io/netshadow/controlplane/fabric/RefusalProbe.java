package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;

import java.util.List;

/**
 * Starts a Linux fabric and prints the error it refuses with: run in a child process whose capabilities lack
 * CAP_NET_ADMIN.
 */
final class RefusalProbe
{
    private RefusalProbe()
    {
    }

    /**
     * Starts a one-device fabric and prints {@code started} or {@code refused:} with the error.
     *
     * @param args none.
     */
    public static void main(final String[] args)
    {
        final FateListener ignore = new FateListener()
        {
            @Override
            public void onDelivered(
                final FabricPacket packet, final int deviceIndex, final long injectedAtNs, final long deliveredAtNs)
            {
            }

            @Override
            public void onDropped(
                final FabricPacket packet, final int deviceIndex, final DropReason reason, final long injectedAtNs,
                final long droppedAtNs)
            {
            }
        };
        try (LinuxFabric fabric =
            LinuxFabric.start(FabricTopology.builder().device("a", List.of("10.1.0.0/16")).build(), 1.0, ignore))
        {
            System.out.println("started " + fabric.names().edgeNamespace());
        }
        catch (final LinuxFabricException ex)
        {
            System.out.println("refused: " + ex.getMessage());
        }
    }
}
