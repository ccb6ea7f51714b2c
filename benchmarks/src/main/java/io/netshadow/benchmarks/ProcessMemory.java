package io.netshadow.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this process holds in memory: the heap still in use after full collections, and the resident set size the
 * kernel reports in {@code /proc/self/status}.
 */
final class ProcessMemory
{
    private static final Path STATUS_FILE = Path.of("/proc/self/status");
    private static final String RSS_FIELD = "VmRSS:";
    private static final long BYTES_PER_KB = 1024;
    private static final int GC_PASSES = 3;
    private static final long GC_SETTLE_MS = 200;

    private ProcessMemory()
    {
    }

    /**
     * Heap in use after several explicit collections (full collections with G1 unless
     * {@code -XX:+ExplicitGCInvokesConcurrent}), with a pause after each for reference processing and cleaners.
     *
     * @return bytes of heap in use.
     * @throws InterruptedException when interrupted while pausing.
     */
    static long heapAfterGcBytes() throws InterruptedException
    {
        for (int i = 0; i < GC_PASSES; i++)
        {
            System.gc();
            Thread.sleep(GC_SETTLE_MS);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The resident set size, {@code VmRSS} of {@code /proc/self/status}.
     *
     * @return bytes resident, or -1 where the file or the field is missing (not Linux).
     */
    static long residentBytes()
    {
        try
        {
            for (final String line : Files.readAllLines(STATUS_FILE, StandardCharsets.US_ASCII))
            {
                if (line.startsWith(RSS_FIELD))
                {
                    final String kilobytes = line.substring(RSS_FIELD.length()).strip().split("\\s+")[0];
                    return Long.parseLong(kilobytes) * BYTES_PER_KB;
                }
            }
            return -1;
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
    }
}
