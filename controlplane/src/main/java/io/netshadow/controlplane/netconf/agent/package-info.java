/**
 * The NETCONF agent (RFC 6241 over SSH, RFC 6242) that makes every emulated device a real NETCONF device on
 * loopback: {@link io.netshadow.controlplane.netconf.agent.NetconfAgent} serves one device's running and candidate
 * datastores, and {@link io.netshadow.controlplane.netconf.agent.AgentFleet} puts the devices of a
 * {@link io.netshadow.dataplane.fabric.ShadowFabric} behind one agent each, so a commit changes how the fabric
 * forwards.
 */
package io.netshadow.controlplane.netconf.agent;
