package io.netshadow.controlplane.fabric;

import java.util.List;
import java.util.Map;

/**
 * One device's configuration translated into what the Linux tools take: routes for {@code ip -batch}, queueing
 * disciplines and policers for {@code tc -batch}, and an nftables script that replaces the device's table
 * atomically.
 *
 * @param routes      {@code ip route replace} lines by destination prefix, static routes over computed ones.
 * @param tcBatch     {@code tc} batch lines: a tbf per link port, an ingress policer per policed port.
 * @param policedPorts the ports that carry an ingress policer.
 * @param nftScript   the {@code nft -f} script.
 */
record DeviceTranslation(Map<String, String> routes, List<String> tcBatch, List<Integer> policedPorts, String nftScript)
{
    /**
     * Copies the parts.
     */
    DeviceTranslation
    {
        routes = Map.copyOf(routes);
        tcBatch = List.copyOf(tcBatch);
        policedPorts = List.copyOf(policedPorts);
    }
}
