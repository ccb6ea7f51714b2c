package io.netshadow.dataplane.egress;

import static io.netshadow.dataplane.linux.Libc.EACCES;
import static io.netshadow.dataplane.linux.Libc.EAGAIN;
import static io.netshadow.dataplane.linux.Libc.EPERM;

/**
 * Why a datagram did not leave, by the kernel's errno, so that an operator can tell a full buffer from a missing
 * route from a refused size.
 */
public enum SendErrorKind
{
    /** EAGAIN or ENOBUFS: the socket or device queue was full. */
    NO_BUFFER_SPACE("no buffer space"),
    /** ENETUNREACH, EHOSTUNREACH or EADDRNOTAVAIL: no route to the endpoint. */
    UNREACHABLE("endpoint unreachable"),
    /** ECONNREFUSED: the endpoint reported that nothing listens there. */
    REFUSED("connection refused"),
    /** EMSGSIZE: the datagram exceeds what the path or socket takes. */
    MESSAGE_TOO_LARGE("message too large"),
    /** EINVAL or EIO: the kernel refused the message, as it refuses a GSO send the device cannot take. */
    REFUSED_BY_KERNEL("refused by the kernel"),
    /** EPERM or EACCES: a firewall or policy forbade the send. */
    NOT_PERMITTED("not permitted"),
    /** Any other errno. */
    OTHER("other");

    private static final int EIO = 5;
    private static final int EINVAL = 22;
    private static final int EMSGSIZE = 90;
    private static final int ENOBUFS = 105;
    private static final int EADDRNOTAVAIL = 99;
    private static final int ENETUNREACH = 101;
    private static final int ECONNREFUSED = 111;
    private static final int EHOSTUNREACH = 113;

    private final String description;

    SendErrorKind(final String description)
    {
        this.description = description;
    }

    /**
     * A short phrase for summaries.
     *
     * @return the description.
     */
    public String description()
    {
        return description;
    }

    /**
     * The kind of a Linux errno.
     *
     * @param errno the errno of a failed send.
     * @return its kind.
     */
    public static SendErrorKind of(final int errno)
    {
        return switch (errno)
        {
            case EAGAIN, ENOBUFS -> NO_BUFFER_SPACE;
            case ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL -> UNREACHABLE;
            case ECONNREFUSED -> REFUSED;
            case EMSGSIZE -> MESSAGE_TOO_LARGE;
            case EINVAL, EIO -> REFUSED_BY_KERNEL;
            case EPERM, EACCES -> NOT_PERMITTED;
            default -> OTHER;
        };
    }
}
