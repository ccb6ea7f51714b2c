/**
 * ERSPAN over GRE through raw IPv4 sockets, by the Foreign Function &amp; Memory API: the source that reads mirror
 * copies in batches with kernel receive timestamps, and the sender the lab uses.
 */
package io.netshadow.dataplane.ingest.gre;
