package io.netshadow.dataplane.ingest.gre;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Skips a test that opens raw sockets when the process lacks CAP_NET_RAW, read from its effective capabilities.
 */
public final class RawSocketCapability
{
    private static final int CAP_NET_RAW = 13;

    private RawSocketCapability()
    {
    }

    /**
     * Skips the calling test unless the process has CAP_NET_RAW.
     */
    public static void assumeCapNetRaw()
    {
        assumeTrue(hasCapNetRaw(), "raw GRE sockets need CAP_NET_RAW");
    }

    private static boolean hasCapNetRaw()
    {
        try
        {
            for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
            {
                if (line.startsWith("CapEff:"))
                {
                    return 0 != (Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16) &
                        1L << CAP_NET_RAW);
                }
            }
            return false;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
