package io.netshadow.controlplane.cli;

import io.netshadow.dataplane.pipeline.JournalRollCycle;
import io.netshadow.dataplane.pipeline.PacketJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Opens a packet journal that must already exist, for commands that read one: a missing or empty directory is bad
 * input, not a journal to create.
 */
final class JournalFiles
{
    private JournalFiles()
    {
    }

    /**
     * Whether a path is a journal directory: a directory holding Chronicle Queue files.
     */
    static boolean isJournal(final Path directory)
    {
        if (!Files.isDirectory(directory))
        {
            return false;
        }
        try (Stream<Path> files = Files.list(directory))
        {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".cq4"));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list " + directory + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens an existing journal; its files keep the roll cycle they were written with.
     *
     * @throws IllegalArgumentException when the directory holds no journal.
     */
    static PacketJournal openExisting(final Path directory)
    {
        if (!isJournal(directory))
        {
            throw new IllegalArgumentException(directory + " is not a packet journal: no .cq4 files in it");
        }
        return PacketJournal.open(directory, JournalRollCycle.HOURLY);
    }
}
