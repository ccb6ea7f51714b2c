package io.netshadow.dataplane.capture;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link CaptureReader} with whole pcap and pcapng files: a file is either refused at open with a message,
 * or read to its end or to its last whole packet, with a warning and a count for a bad record, never throwing.
 * <p>
 * Regression inputs are in
 * {@code src/test/resources/io/netshadow/dataplane/capture/CaptureReaderFuzzTestInputs/}; with
 * {@code JAZZER_FUZZ=1} they seed the fuzzer, which then runs for {@code maxDuration}.
 */
class CaptureReaderFuzzTest
{
    private static final int MAX_RECORDS = 100_000;

    private final CaptureRecord record = new CaptureRecord();
    private final Path file;

    CaptureReaderFuzzTest() throws IOException
    {
        file = Files.createTempFile("netshadow-capture-fuzz", ".cap");
        file.toFile().deleteOnExit();
    }

    @FuzzTest(maxDuration = "30s")
    void readsAnyCaptureFileToItsLastWholePacketWithoutThrowing(final byte[] content)
    {
        write(content);
        final CaptureReader reader;
        try
        {
            reader = CaptureReader.open(file);
        }
        catch (final IllegalArgumentException notACapture)
        {
            assertThat(notACapture.getMessage()).isNotBlank();
            return;
        }
        try (reader)
        {
            int records = 0;
            while (records < MAX_RECORDS && reader.next(record))
            {
                records++;
                assertThat(record.capturedLength).isBetween(0, record.frame.capacity());
                assertThat(reader.positionBytes()).isLessThanOrEqualTo(content.length);
            }
            assertThat(reader.packetCount()).isEqualTo(records);
            assertThat(reader.malformedCount()).isBetween(0L, 1L);
            assertThat(null == reader.warning()).isEqualTo(0 == reader.malformedCount());
        }
    }

    private void write(final byte[] content)
    {
        try
        {
            Files.write(file, content);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
