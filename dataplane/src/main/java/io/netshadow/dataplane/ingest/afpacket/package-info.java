/**
 * Raw SPAN ports: an AF_PACKET socket with a TPACKET_V3 ring mapped into the process through the Foreign Function
 * &amp; Memory API, read by an agent that publishes each frame into ring A with the kernel's timestamp.
 */
package io.netshadow.dataplane.ingest.afpacket;
