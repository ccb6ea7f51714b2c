package io.netshadow.dataplane.pipeline;

import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import io.netshadow.dataplane.ingest.Direction;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class PacketJournalTest
{
    @TempDir
    Path directory;

    @Test
    void readsBackIdenticalBytesAndTimestamps()
    {
        final SplittableRandom random = new SplittableRandom(1);
        final byte[][] frames = new byte[50][];
        final long[] timestamps = new long[frames.length];
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.FIVE_MINUTELY);
            PacketJournal.Writer writer = journal.newWriter())
        {
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(2048));
            for (int i = 0; i < frames.length; i++)
            {
                frames[i] = new byte[1 + random.nextInt(1500)];
                for (int b = 0; b < frames[i].length; b++)
                {
                    frames[i][b] = (byte)random.nextInt(256);
                }
                timestamps[i] = 1_700_000_000_000_000_000L + random.nextLong(1_000_000_000L);
                if (0 == i % 2)
                {
                    direct.putBytes(3, frames[i]);
                    writer.append(timestamps[i], TimestampKind.INGEST, 100 + i, direct, 3, frames[i].length);
                }
                else
                {
                    final byte[] padded = new byte[frames[i].length + 5];
                    System.arraycopy(frames[i], 0, padded, 5, frames[i].length);
                    writer.append(timestamps[i], TimestampKind.CAPTURE, 100 + i, new UnsafeBuffer(padded), 5,
                        frames[i].length);
                }
            }
        }

        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.FIVE_MINUTELY);
            PacketJournal.Reader reader = journal.newReader())
        {
            final JournalRecord record = new JournalRecord();
            for (int i = 0; i < frames.length; i++)
            {
                assertThat(reader.next(record)).isTrue();
                final byte[] read = new byte[record.frameLength];
                record.frame.getBytes(0, read);
                assertThat(read).isEqualTo(frames[i]);
                assertThat(record.timestampNs).isEqualTo(timestamps[i]);
                assertThat(record.vni).isEqualTo(100 + i);
                assertThat(record.timestampKind).isEqualTo(0 == i % 2 ? TimestampKind.INGEST : TimestampKind.CAPTURE);
            }
            assertThat(reader.next(record)).isFalse();
        }
    }

    @Test
    void journalAgentWritesRingBInOrderWithTheSessionsVni() throws Exception
    {
        final RingBuffer<PacketRef> ringB =
            RingBuffer.createSingleProducer(PacketRef::new, 16, new BusySpinWaitStrategy());
        final DataPlaneCounters counters = new DataPlaneCounters();
        try (PacketJournal journal = PacketJournal.open(directory, JournalRollCycle.HOURLY))
        {
            final JournalAgent agent = new JournalAgent(ringB, journal, new int[]{700, 701}, counters);
            agent.onStart();
            for (int i = 0; i < 5; i++)
            {
                final long sequence = ringB.next();
                ringB.get(sequence).event = TestPackets.fill(
                    new PacketEvent(256), TestPackets.udp(1, i), i % 2, Direction.INGRESS, 1_000 + i);
                ringB.publish(sequence);
            }
            assertThat(agent.doWork()).isEqualTo(5);
            agent.onClose();

            try (PacketJournal.Reader reader = journal.newReader())
            {
                final JournalRecord record = new JournalRecord();
                for (int i = 0; i < 5; i++)
                {
                    assertThat(reader.next(record)).isTrue();
                    assertThat(record.timestampNs).isEqualTo(1_000 + i);
                    assertThat(record.vni).isEqualTo(700 + i % 2);
                    assertThat(record.frameLength).isEqualTo(14 + 100);
                }
                assertThat(reader.next(record)).isFalse();
            }
        }
        assertThat(counters.value(JournalAgent.WRITTEN)).isEqualTo(5);
        assertThat(counters.value(JournalAgent.WRITE_FAILED)).isZero();
    }
}
