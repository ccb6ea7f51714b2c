package io.netshadow.dataplane.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Keeps the packet journal within its retention: deletes rolled files older than a maximum age and the oldest
 * rolled files beyond a maximum count. The newest file, the one being written, is never deleted. Chronicle Queue
 * names its cycle files so that their names sort in time order, which is the order this uses.
 */
public final class JournalRetention implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(JournalRetention.class);
    private static final String FILE_SUFFIX = ".cq4";

    private final Path directory;
    private final long maxAgeMs;
    private final int maxFiles;
    private final AtomicLong deletedFiles = new AtomicLong();
    private final AtomicLong failedDeletes = new AtomicLong();
    private ScheduledExecutorService scheduler;

    /**
     * A retention policy for a journal directory.
     *
     * @param directory the journal's directory.
     * @param maxAgeMs  rolled files last written longer ago than this are deleted; 0 keeps files of any age.
     * @param maxFiles  at most this many files are kept, the newest included; 0 keeps any number.
     * @throws IllegalArgumentException when a limit is negative.
     */
    public JournalRetention(final Path directory, final long maxAgeMs, final int maxFiles)
    {
        if (maxAgeMs < 0 || maxFiles < 0)
        {
            throw new IllegalArgumentException("journal retention limits must not be negative: max age " + maxAgeMs +
                " ms, max files " + maxFiles);
        }
        this.directory = directory;
        this.maxAgeMs = maxAgeMs;
        this.maxFiles = maxFiles;
    }

    /**
     * Deletes what is beyond retention now.
     *
     * @param nowMs the wall-clock time in milliseconds since the epoch.
     * @return the number of files deleted.
     */
    public int enforce(final long nowMs)
    {
        final List<Path> files;
        try (Stream<Path> listing = Files.list(directory))
        {
            files = listing.filter(file -> file.getFileName().toString().endsWith(FILE_SUFFIX))
                .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                .toList();
        }
        catch (final IOException ex)
        {
            failedDeletes.incrementAndGet();
            LOG.warn("journal retention cannot list {}: {}", directory, ex.getMessage());
            return 0;
        }
        final int rolled = files.size() - 1;
        final int beyondCount = 0 == maxFiles ? 0 : Math.max(0, files.size() - maxFiles);
        int deleted = 0;
        for (int i = 0; i < rolled; i++)
        {
            final Path file = files.get(i);
            try
            {
                if (i < beyondCount || (0 != maxAgeMs && Files.getLastModifiedTime(file).toMillis() < nowMs - maxAgeMs))
                {
                    Files.deleteIfExists(file);
                    deleted++;
                }
            }
            catch (final IOException ex)
            {
                failedDeletes.incrementAndGet();
                LOG.warn("journal retention cannot delete {}: {}", file, ex.getMessage());
            }
        }
        deletedFiles.addAndGet(deleted);
        if (deleted > 0)
        {
            LOG.info("journal retention deleted {} rolled files from {}", deleted, directory);
        }
        return deleted;
    }

    /**
     * Enforces retention now and then periodically on a daemon thread until closed.
     *
     * @param periodMs how often to enforce.
     * @return this.
     */
    public JournalRetention start(final long periodMs)
    {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "netshadow-journal-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> enforce(System.currentTimeMillis()), 0, periodMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Files deleted so far.
     *
     * @return the count.
     */
    public long deletedFiles()
    {
        return deletedFiles.get();
    }

    /**
     * Files that could not be listed or deleted so far.
     *
     * @return the count.
     */
    public long failedDeletes()
    {
        return failedDeletes.get();
    }

    @Override
    public void close()
    {
        if (null != scheduler)
        {
            scheduler.shutdownNow();
        }
    }
}
