package io.netshadow.benchmarks;

import io.netshadow.dataplane.capture.CaptureReader;
import io.netshadow.dataplane.capture.CaptureRecord;
import io.netshadow.dataplane.capture.PcapWriter;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.egress.FrameBatch;
import io.netshadow.dataplane.egress.ReplayPacer;
import io.netshadow.dataplane.egress.VxlanEgress;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.packet.FrameWriter;
import io.netshadow.dataplane.packet.Ipv4Flyweight;
import io.netshadow.dataplane.packet.VxlanHeader;
import org.HdrHistogram.Histogram;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 4's two replay benchmarks, each against Debian's {@code tcpreplay} in the same run, over a veth pair whose
 * far end sits in a network namespace the harness creates and removes:
 * <ol>
 *     <li>fidelity: a pcap of UDP frames 10 µs apart, replayed by netshadow's {@link ReplayPacer} into a
 *     {@link VxlanEgress} towards a UDP port in the namespace, and by {@code tcpreplay} onto the veth; at the far
 *     end {@code tcpdump --time-stamp-precision=nano} records the kernel's receive timestamps, and the harness
 *     reports the gap error |gap - 10 µs| at p50, p99, p99.9 and max for both;</li>
 *     <li>top speed: a pcap of a million frames, replayed by netshadow at top speed into the VXLAN egress and by
 *     {@code tcpreplay --topspeed} onto the veth; each rate is measured by the sender and checked at the receiver,
 *     a UDP socket in the namespace ({@link ReplayReceiver}) and the namespace's own UDP counters.</li>
 * </ol>
 * Netshadow's sender runs in this JVM after a warm-up replay, so the figures are of compiled code.
 * <p>
 * A plain {@code main}: {@code --fidelity-packets N} (default 100000), {@code --topspeed-packets N} (default
 * 1000000), {@code --gap-ns N} (default 10000), {@code --rounds N} (default 1; each round measures both tools).
 * Needs root (namespaces), {@code tcpreplay} and {@code tcpdump}.
 */
public final class ReplayHarness
{
    private static final String HOST_INTERFACE = "nsrep0";
    private static final String PEER_INTERFACE = "nsrep1";
    private static final String HOST_ADDRESS = "198.18.0.1";
    private static final String PEER_ADDRESS = "198.18.0.2";
    private static final int VXLAN_PORT = VxlanHeader.UDP_PORT;
    private static final int FRAME_PORT = 5_001;
    private static final int PAYLOAD_BYTES = 64;
    private static final int VNI = 100;
    private static final int ETHERNET_IPV4_UDP_BYTES = 14 + 20 + 8;
    /** The frames carry a sequence number written after their UDP checksum, so they go without one (0). */
    private static final int UDP_CHECKSUM_OFFSET = 14 + 20 + 6;
    private static final long SETTLE_MS = 300;
    /** Longer than tcpdump's 1 s ring-block timeout, so the last block reaches the file before tcpdump stops. */
    private static final long CAPTURE_SETTLE_MS = 1_500;
    private static final Pattern TCPREPLAY_PPS = Pattern.compile("Rated: [\\d.]+ Bps, [\\d.]+ Mbps, ([\\d.]+) pps");
    private static final Pattern TCPDUMP_DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

    private final String namespace = "nsreplay" + ProcessHandle.current().pid();
    private final String javaCommand = ProcessHandle.current().info().command().orElse("java");
    private final Path work;

    private ReplayHarness(final Path work)
    {
        this.work = work;
    }

    /**
     * Runs both benchmarks and prints their figures.
     *
     * @param args {@code --fidelity-packets N}, {@code --topspeed-packets N}, {@code --gap-ns N},
     *             {@code --rounds N}, all optional.
     * @throws Exception when a run cannot be set up.
     */
    public static void main(final String[] args) throws Exception
    {
        int fidelityPackets = 100_000;
        int topSpeedPackets = 1_000_000;
        long gapNs = 10_000;
        int rounds = 1;
        for (int i = 0; i < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--fidelity-packets" -> fidelityPackets = Integer.parseInt(args[i + 1]);
                case "--topspeed-packets" -> topSpeedPackets = Integer.parseInt(args[i + 1]);
                case "--gap-ns" -> gapNs = Long.parseLong(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        final Path work = Files.createTempDirectory("replay-harness");
        final ReplayHarness harness = new ReplayHarness(work);
        try
        {
            harness.run(fidelityPackets, topSpeedPackets, gapNs, rounds);
        }
        finally
        {
            harness.removeNamespace();
            try (var files = Files.list(work))
            {
                for (final Path file : files.toList())
                {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
    }

    private void run(final int fidelityPackets, final int topSpeedPackets, final long gapNs, final int rounds)
        throws Exception
    {
        final Path fidelityPcap = work.resolve("fidelity.pcap");
        final Path topSpeedPcap = work.resolve("topspeed.pcap");
        final int frameBytes = writePcap(fidelityPcap, fidelityPackets, gapNs);
        writePcap(topSpeedPcap, topSpeedPackets, 1_000);
        createNamespace();
        final InetSocketAddress endpoint = new InetSocketAddress(InetAddress.getByName(PEER_ADDRESS), VXLAN_PORT);
        System.out.printf(Locale.ROOT, "load average at start: %s%n", loadAverage());
        System.out.printf(Locale.ROOT, "frames of %d bytes; VXLAN datagrams of %d bytes%n",
            frameBytes, frameBytes + VxlanHeader.LENGTH);

        warmUp(endpoint, fidelityPcap, topSpeedPcap);
        for (int round = 1; round <= rounds; round++)
        {
            System.out.printf(Locale.ROOT, "%nround %d: fidelity, %d packets %d ns apart%n", round, fidelityPackets,
                gapNs);
            fidelityOfNetshadow(endpoint, fidelityPcap, gapNs, frameBytes);
            fidelityOfTcpreplay(fidelityPcap, gapNs);
            System.out.printf(Locale.ROOT, "%nround %d: top speed, %d packets%n", round, topSpeedPackets);
            final double netshadowPps = topSpeedOfNetshadow(endpoint, topSpeedPcap);
            final double tcpreplayPps = topSpeedOfTcpreplay(topSpeedPcap);
            System.out.printf(Locale.ROOT, "  ratio netshadow / tcpreplay: %.2f%n", netshadowPps / tcpreplayPps);
        }
        System.out.printf(Locale.ROOT, "%nload average at end: %s%n", loadAverage());
    }

    private void warmUp(final InetSocketAddress endpoint, final Path fidelityPcap, final Path topSpeedPcap)
        throws IOException
    {
        for (int i = 0; i < 3; i++)
        {
            replay(endpoint, topSpeedPcap, 0);
        }
        replay(endpoint, fidelityPcap, 1);
    }

    private void fidelityOfNetshadow(
        final InetSocketAddress endpoint, final Path pcap, final long gapNs, final int frameBytes) throws Exception
    {
        final Path capture = work.resolve("netshadow-fidelity.pcap");
        final Process receiver = startReceiver(VXLAN_PORT, false);
        final Tcpdump tcpdump = startTcpdump(capture, VXLAN_PORT);
        final Replay replay = replay(endpoint, pcap, 1);
        final String tcpdumpErr = stop(tcpdump);
        stopReceiver(receiver);
        final GapErrors errors = gapErrors(capture, gapNs, frameBytes + VxlanHeader.LENGTH);
        System.out.printf(Locale.ROOT, "  netshadow (pacer, VXLAN egress): sent %d in %d batches, late > 1 µs %d, " +
            "lateness at send p50 %d ns, p99 %d ns, max %d ns; %d bytes allocated by the replaying thread%n",
            replay.sent, replay.batches, replay.late, replay.lateness.getValueAtPercentile(50),
            replay.lateness.getValueAtPercentile(99), replay.lateness.getMaxValue(), replay.allocatedBytes);
        System.out.printf(Locale.ROOT, "    time in a batch's sendmmsg: p50 %d ns, p99 %d ns, p99.9 %d ns%n",
            replay.flushNs.getValueAtPercentile(50), replay.flushNs.getValueAtPercentile(99),
            replay.flushNs.getValueAtPercentile(99.9));
        errors.print("netshadow", tcpdumpDropped(tcpdumpErr));
    }

    private void fidelityOfTcpreplay(final Path pcap, final long gapNs) throws Exception
    {
        final Path capture = work.resolve("tcpreplay-fidelity.pcap");
        final Process receiver = startReceiver(FRAME_PORT, false);
        final Tcpdump tcpdump = startTcpdump(capture, FRAME_PORT);
        final String out = run("tcpreplay", "-i", HOST_INTERFACE, pcap.toString());
        final String tcpdumpErr = stop(tcpdump);
        stopReceiver(receiver);
        System.out.printf(Locale.ROOT, "  tcpreplay: %s%n", ratedLine(out));
        gapErrors(capture, gapNs, 0).print("tcpreplay", tcpdumpDropped(tcpdumpErr));
    }

    private double topSpeedOfNetshadow(final InetSocketAddress endpoint, final Path pcap) throws Exception
    {
        final Process receiver = startReceiver(VXLAN_PORT, true);
        final long[] before = udpCounters();
        final Replay replay = replay(endpoint, pcap, 0);
        Thread.sleep(SETTLE_MS);
        final long[] after = udpCounters();
        final long received = stopReceiver(receiver);
        final double pps = replay.sent / (replay.elapsedNs / 1e9);
        System.out.printf(Locale.ROOT, "  netshadow --topspeed (VXLAN egress): %d sent in %.3f s, %.0f packets/s; " +
            "%d sendmmsg calls, %d GSO messages, %d failed; %d bytes allocated by the replaying thread%n",
            replay.sent, replay.elapsedNs / 1e9, pps, replay.sendCalls, replay.gsoMessages, replay.failed,
            replay.allocatedBytes);
        printReceiver(received, before, after);
        return pps;
    }

    private double topSpeedOfTcpreplay(final Path pcap) throws Exception
    {
        final Process receiver = startReceiver(FRAME_PORT, true);
        final long[] before = udpCounters();
        final long startNs = System.nanoTime();
        final String out = run("tcpreplay", "--topspeed", "-i", HOST_INTERFACE, pcap.toString());
        final long elapsedNs = System.nanoTime() - startNs;
        Thread.sleep(SETTLE_MS);
        final long[] after = udpCounters();
        final long received = stopReceiver(receiver);
        final Matcher matcher = TCPREPLAY_PPS.matcher(out);
        final double pps = matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
        System.out.printf(Locale.ROOT, "  tcpreplay --topspeed: %s (process %.3f s)%n", ratedLine(out),
            elapsedNs / 1e9);
        printReceiver(received, before, after);
        return pps;
    }

    private static void printReceiver(final long received, final long[] before, final long[] after)
    {
        System.out.printf(Locale.ROOT, "    at the receiver: UDP InDatagrams %d, RcvbufErrors %d, NoPorts %d " +
            "(arrived %d); read by the application %d%n", after[0] - before[0], after[1] - before[1],
            after[2] - before[2], after[0] - before[0] + after[1] - before[1], received);
    }

    private static Replay replay(final InetSocketAddress endpoint, final Path pcap, final double speed)
        throws IOException
    {
        final CaptureRecord record = new CaptureRecord();
        try (VxlanEgress egress = new VxlanEgress(endpoint);
            CaptureReader reader = CaptureReader.open(pcap))
        {
            final TimedBatch batch = new TimedBatch(egress);
            final ReplayPacer pacer = new ReplayPacer(batch, speed, VxlanEgress.DEFAULT_BATCH_DATAGRAMS);
            final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
            final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            final long startNs = System.nanoTime();
            while (reader.next(record))
            {
                pacer.onFrame(record.timestampNs, VNI, record.frame, 0, record.capturedLength);
            }
            pacer.finish();
            final long elapsedNs = System.nanoTime() - startNs;
            final long allocatedBytes = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            return new Replay(egress.sentDatagrams(), egress.failedDatagrams(), pacer.flushes(),
                egress.sendCalls(), egress.gsoMessages(), pacer.lateFrames(), pacer.latenessNs().copy(), elapsedNs,
                allocatedBytes, batch.flushNs);
        }
    }

    private static GapErrors gapErrors(final Path capture, final long gapNs, final int gsoSegmentBytes)
        throws IOException
    {
        final Histogram errors = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        final CaptureRecord record = new CaptureRecord();
        long packets = 0;
        long gsoFrames = 0;
        long previousNs = Long.MIN_VALUE;
        try (CaptureReader reader = CaptureReader.open(capture))
        {
            while (reader.next(record))
            {
                final int segments = segments(record.originalLength, gsoSegmentBytes);
                gsoFrames += segments > 1 ? 1 : 0;
                for (int i = 0; i < segments; i++)
                {
                    if (Long.MIN_VALUE != previousNs)
                    {
                        errors.recordValue(Math.min(Math.abs(record.timestampNs - previousNs - gapNs),
                            errors.getHighestTrackableValue()));
                    }
                    previousNs = record.timestampNs;
                    packets++;
                }
            }
        }
        return new GapErrors(packets, gsoFrames, errors);
    }

    private static int segments(final int originalLength, final int gsoSegmentBytes)
    {
        final int payloadBytes = originalLength - ETHERNET_IPV4_UDP_BYTES;
        if (gsoSegmentBytes > 0 && payloadBytes > gsoSegmentBytes && 0 == payloadBytes % gsoSegmentBytes)
        {
            return payloadBytes / gsoSegmentBytes;
        }
        return 1;
    }

    private static int writePcap(final Path file, final int packets, final long gapNs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[2048]);
        final FabricPacket packet = new FabricPacket();
        packet.srcIp = Ipv4Prefix.parseAddress(HOST_ADDRESS);
        packet.dstIp = Ipv4Prefix.parseAddress(PEER_ADDRESS);
        packet.protocol = Ipv4Flyweight.PROTOCOL_UDP;
        packet.dstPort = FRAME_PORT;
        packet.lengthBytes = 28 + PAYLOAD_BYTES;
        packet.ttl = 64;
        int frameBytes = 0;
        long timestampNs = 1_700_000_000_000_000_000L;
        try (PcapWriter writer = PcapWriter.create(file, ByteOrder.LITTLE_ENDIAN, false))
        {
            for (int i = 0; i < packets; i++)
            {
                packet.srcPort = 10_000 + (i & 0x3FFF);
                frameBytes = FrameWriter.write(packet, buffer, 0);
                buffer.putInt(frameBytes - PAYLOAD_BYTES, i, ByteOrder.BIG_ENDIAN);
                buffer.putShort(UDP_CHECKSUM_OFFSET, (short)0);
                writer.append(timestampNs, buffer, 0, frameBytes);
                timestampNs += gapNs;
            }
        }
        return frameBytes;
    }

    private void createNamespace() throws IOException, InterruptedException
    {
        removeNamespace();
        run("ip", "netns", "add", namespace);
        run("ip", "link", "add", HOST_INTERFACE, "address", "02:00:00:00:00:01", "type", "veth",
            "peer", "name", PEER_INTERFACE, "address", "02:00:00:00:00:02", "netns", namespace);
        run("sysctl", "-q", "-w", "net.ipv6.conf." + HOST_INTERFACE + ".disable_ipv6=1");
        run("ip", "netns", "exec", namespace, "sysctl", "-q", "-w",
            "net.ipv6.conf." + PEER_INTERFACE + ".disable_ipv6=1");
        run("ip", "addr", "add", HOST_ADDRESS + "/30", "dev", HOST_INTERFACE);
        run("ip", "-n", namespace, "addr", "add", PEER_ADDRESS + "/30", "dev", PEER_INTERFACE);
        run("ip", "link", "set", HOST_INTERFACE, "up");
        run("ip", "-n", namespace, "link", "set", PEER_INTERFACE, "up");
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        run("ip", "neigh", "replace", PEER_ADDRESS, "lladdr", "02:00:00:00:00:02", "dev", HOST_INTERFACE,
            "nud", "permanent");
        run("ip", "-n", namespace, "neigh", "replace", HOST_ADDRESS, "lladdr", "02:00:00:00:00:01",
            "dev", PEER_INTERFACE, "nud", "permanent");
    }

    private void removeNamespace() throws IOException, InterruptedException
    {
        new ProcessBuilder("ip", "link", "del", HOST_INTERFACE).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private Tcpdump startTcpdump(final Path capture, final int port) throws IOException
    {
        final Process tcpdump = new ProcessBuilder("ip", "netns", "exec", namespace, "tcpdump", "-i", PEER_INTERFACE,
            "-n", "-s", "128", "-B", "65536", "--time-stamp-precision=nano", "-w", capture.toString(),
            "udp dst port " + port)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final BufferedReader err = new BufferedReader(
            new InputStreamReader(tcpdump.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while (null != (line = err.readLine()) && !line.contains("listening on"))
        {
            System.out.println("    tcpdump: " + line);
        }
        return new Tcpdump(tcpdump, err);
    }

    private static String stop(final Tcpdump tcpdump) throws IOException, InterruptedException
    {
        Thread.sleep(CAPTURE_SETTLE_MS);
        run("kill", "-INT", Long.toString(tcpdump.process.pid()));
        final StringBuilder rest = new StringBuilder();
        String line;
        while (null != (line = tcpdump.err.readLine()))
        {
            rest.append(line).append('\n');
        }
        tcpdump.process.waitFor();
        return rest.toString();
    }

    private Process startReceiver(final int port, final boolean read) throws IOException
    {
        final String classPath = System.getProperty("java.class.path");
        final Process receiver = new ProcessBuilder("ip", "netns", "exec", namespace, javaCommand, "-cp", classPath,
            ReplayReceiver.class.getName(), Integer.toString(port), read ? "read" : "hold")
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        final BufferedReader out = new BufferedReader(
            new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8));
        final String ready = out.readLine();
        if (!"ready".equals(ready))
        {
            throw new IllegalStateException("the receiver did not start: " + ready);
        }
        return receiver;
    }

    private static long stopReceiver(final Process receiver) throws IOException, InterruptedException
    {
        receiver.getOutputStream().close();
        final String count = new BufferedReader(
            new InputStreamReader(receiver.getInputStream(), StandardCharsets.UTF_8)).readLine();
        receiver.waitFor();
        return Long.parseLong(count.trim());
    }

    private long[] udpCounters() throws IOException, InterruptedException
    {
        final List<String> udpLines = new ArrayList<>();
        for (final String line : run("ip", "netns", "exec", namespace, "cat", "/proc/net/snmp").split("\n"))
        {
            if (line.startsWith("Udp: "))
            {
                udpLines.add(line);
            }
        }
        final List<String> names = List.of(udpLines.get(0).split(" "));
        final String[] values = udpLines.get(1).split(" ");
        return new long[]{
            Long.parseLong(values[names.indexOf("InDatagrams")]),
            Long.parseLong(values[names.indexOf("RcvbufErrors")]),
            Long.parseLong(values[names.indexOf("NoPorts")])};
    }

    private static String run(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (0 != process.waitFor())
        {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.trim());
        }
        return out;
    }

    private static String ratedLine(final String tcpreplayOut)
    {
        return tcpreplayOut.lines().filter(line -> line.contains("Rated:")).findFirst().orElse("no rate").trim();
    }

    private static long tcpdumpDropped(final String tcpdumpErr)
    {
        final Matcher matcher = TCPDUMP_DROPPED.matcher(tcpdumpErr);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static String loadAverage() throws IOException
    {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private record Tcpdump(Process process, BufferedReader err)
    {
    }

    private record Replay(long sent, long failed, long batches, long sendCalls, long gsoMessages, long late,
        Histogram lateness, long elapsedNs, long allocatedBytes, Histogram flushNs)
    {
    }

    /**
     * The egress with the time of each flush recorded: what one batch's {@code sendmmsg} costs the sending thread,
     * including the receive path that the veth runs in the same system call.
     */
    private static final class TimedBatch implements FrameBatch
    {
        private final VxlanEgress egress;
        private final Histogram flushNs = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);

        TimedBatch(final VxlanEgress egress)
        {
            this.egress = egress;
        }

        @Override
        public boolean stage(final int vni, final DirectBuffer frame, final int offset, final int length)
        {
            return egress.stage(vni, frame, offset, length);
        }

        @Override
        public int stagedCount()
        {
            return egress.stagedCount();
        }

        @Override
        public void flush()
        {
            final long startNs = System.nanoTime();
            egress.flush();
            flushNs.recordValue(Math.min(System.nanoTime() - startNs, flushNs.getHighestTrackableValue()));
        }
    }

    private record GapErrors(long packets, long gsoFrames, Histogram errors)
    {
        void print(final String tool, final long droppedByTcpdump)
        {
            System.out.printf(Locale.ROOT, "  %s at the receiver: %d packets captured (%d in GSO frames counted " +
                "as their datagrams, tcpdump dropped %d); gap error p50 %d ns, p99 %d ns, p99.9 %d ns, max %d ns%n",
                tool, packets, gsoFrames, droppedByTcpdump,
                errors.getValueAtPercentile(50), errors.getValueAtPercentile(99),
                errors.getValueAtPercentile(99.9), errors.getMaxValue());
        }
    }
}
