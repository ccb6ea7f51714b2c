package io.netshadow.dataplane.ingest;

/**
 * The Netty transport that receives mirror datagrams. A native transport that is unavailable falls back to the
 * next one (io_uring to epoll to NIO), and the choice is logged with the reason.
 */
public enum IngestTransport
{
    /** Linux epoll with recvmmsg: a batch of datagrams per system call. The default. */
    EPOLL,
    /** Linux io_uring. */
    IO_URING,
    /** The JDK's portable NIO selector: one datagram per read. */
    NIO
}
