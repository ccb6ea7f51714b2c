/**
 * The device-behaviour model: the configuration a change touches (interfaces, MTU, static routes, ACLs, policers,
 * shapers, per-class egress queues),
 * as immutable records, read from and written to YANG-shaped XML by
 * {@link io.netshadow.dataplane.device.DeviceConfigXml}.
 * The emulated fabric executes it and the NETCONF agent stores it, so a change means the same thing everywhere.
 */
package io.netshadow.dataplane.device;
