package io.netshadow.controlplane.lab;

import io.netshadow.controlplane.EmbeddedDefaults;
import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.ErspanReceiver;
import io.netshadow.dataplane.ingest.IngestTransport;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;
import io.netshadow.dataplane.ingest.VxlanIngest;
import io.netshadow.dataplane.ingest.gre.GreSource;
import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.pipeline.DataPlane;
import io.netshadow.dataplane.pipeline.DataPlaneConfig;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LabMirrorSessionsTest
{
    private static final String GENEVE_DEVICE = "acc1";
    private static final String ERSPAN_DEVICE = "acc2";
    private static final String ERSPAN_BIND_ADDRESS = "127.0.53.3";
    private static final int CAP_NET_RAW = 13;

    @Test
    void aGeneveSessionDeliversItsCopiesThroughTheGeneveIngest() throws Exception
    {
        final NetworkProfile profile = withKind(EmbeddedDefaults.profile(null), GENEVE_DEVICE, SourceKind.GENEVE);
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress("127.0.0.1")
            .bindPort(0)
            .geneveBindPort(0)
            .transport(IngestTransport.EPOLL)
            .build();
        try (DataPlane dataPlane = new DataPlane(config, profile.mirrorSessions(),
            listener -> new EmulatedFabric(profile.topology(), 1.0, listener, null)))
        {
            dataPlane.start();
            final DataPlaneCounters counters = dataPlane.counters();
            final LabNetwork lab = new LabNetwork(profile,
                kind -> new InetSocketAddress("127.0.0.1", dataPlane.boundPort(kind)),
                400, 7, SystemEpochNanoClock.INSTANCE);
            try (lab)
            {
                lab.start();
                awaitTrue(() -> counters.value(VxlanIngest.GENEVE_DATAGRAMS) >= 20);
            }
            final long mirrored = lab.mirroredPackets();
            awaitTrue(() -> counters.value(VxlanIngest.DATAGRAMS) == mirrored);

            assertThat(counters.value(VxlanIngest.GENEVE_DATAGRAMS)).isLessThan(mirrored);
            assertThat(counters.value(VxlanIngest.PUBLISHED)).isEqualTo(mirrored);
            assertThat(counters.value(VxlanIngest.UNKNOWN_GENEVE_VNI)).isZero();
            assertThat(counters.value(VxlanIngest.UNKNOWN_VNI)).isZero();
            assertThat(counters.value(VxlanIngest.BAD_VXLAN)).isZero();
            for (final EncapsulationResult result : EncapsulationResult.values())
            {
                if (result.isMalformed())
                {
                    assertThat(counters.value(result.counterLabel())).as(result.counterLabel()).isZero();
                }
            }
            for (final DecodeResult result : DecodeResult.values())
            {
                if (result.isMalformed())
                {
                    assertThat(counters.value(result.counterLabel())).as(result.counterLabel()).isZero();
                }
            }
        }
    }

    @Test
    void anErspanSessionDeliversItsCopiesThroughTheGreSource() throws Exception
    {
        assumeTrue(hasCapNetRaw(), "the lab sends ERSPAN through a raw socket, which needs CAP_NET_RAW");
        final NetworkProfile profile = withKind(EmbeddedDefaults.profile(null), ERSPAN_DEVICE, SourceKind.ERSPAN);
        final DataPlaneConfig config = DataPlaneConfig.builder()
            .bindAddress(ERSPAN_BIND_ADDRESS)
            .bindPort(0)
            .transport(IngestTransport.EPOLL)
            .build();
        try (DataPlane dataPlane = new DataPlane(config, profile.mirrorSessions(),
            listener -> new EmulatedFabric(profile.topology(), 1.0, listener, null)))
        {
            dataPlane.start();
            final DataPlaneCounters counters = dataPlane.counters();
            final LabNetwork lab = new LabNetwork(profile,
                kind -> new InetSocketAddress(ERSPAN_BIND_ADDRESS,
                    SourceKind.ERSPAN == kind ? 0 : dataPlane.boundPort(kind)),
                400, 7, SystemEpochNanoClock.INSTANCE);
            try (lab)
            {
                lab.start();
                awaitTrue(() -> counters.value(ErspanReceiver.PACKETS) >= 20);
            }
            final long mirrored = lab.mirroredPackets();
            awaitTrue(() -> counters.value(VxlanIngest.DATAGRAMS) + counters.value(ErspanReceiver.PACKETS) ==
                mirrored);

            assertThat(counters.value(ErspanReceiver.PACKETS)).isLessThan(mirrored);
            assertThat(counters.value(GreSource.PACKETS)).isEqualTo(counters.value(ErspanReceiver.PACKETS));
            assertThat(counters.value(GreSource.NOT_ERSPAN)).isZero();
            assertThat(counters.value(VxlanIngest.PUBLISHED)).isEqualTo(mirrored);
            assertThat(counters.value(ErspanReceiver.UNKNOWN_SESSION)).isZero();
            assertThat(counters.value(VxlanIngest.UNKNOWN_VNI)).isZero();
            for (final EncapsulationResult result : EncapsulationResult.values())
            {
                if (result.isMalformed())
                {
                    assertThat(counters.value(result.counterLabel())).as(result.counterLabel()).isZero();
                }
            }
        }
    }

    @Test
    void anErspanSessionRefusalNamesTheSessionTheReasonAndTheWayOut()
    {
        final MirrorSession session = new MirrorSession(12, ERSPAN_DEVICE, "hosts", Direction.INGRESS,
            SourceKind.ERSPAN);

        assertThat(MirrorTap.erspanRefusal(session, "a raw GRE socket for the lab needs CAP_NET_RAW"))
            .startsWith("the lab cannot send the ERSPAN mirror session 12 of " + ERSPAN_DEVICE + ":hosts: ")
            .contains("needs CAP_NET_RAW")
            .endsWith("run the lab with CAP_NET_RAW or give the lab's sessions kind vxlan or geneve");
    }

    @Test
    void aRedirectSessionIsRefusedAtStartNamingTheSession() throws Exception
    {
        final NetworkProfile defaults = EmbeddedDefaults.profile(null);
        final MirrorSession first = defaults.mirrorSessions().getFirst();
        final List<MirrorSession> sessions = new ArrayList<>(defaults.mirrorSessions());
        sessions.add(new MirrorSession(9999, first.device(), first.port(), Direction.REDIRECT, SourceKind.VXLAN));
        final NetworkProfile profile = new NetworkProfile(defaults.devices(), defaults.links(), sessions);

        assertThatThrownBy(() -> new LabNetwork(profile, kind -> new InetSocketAddress("127.0.0.1", 9),
            400, 7, SystemEpochNanoClock.INSTANCE).close())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("cannot steer traffic for the redirect session 9999 of " +
                first.device() + ":" + first.port());
    }

    private static NetworkProfile withKind(final NetworkProfile profile, final String device, final SourceKind kind)
    {
        final List<MirrorSession> sessions = profile.mirrorSessions().stream()
            .map(session -> device.equals(session.device()) ?
                new MirrorSession(session.vni() % (kind.maxKey() + 1), session.device(), session.port(),
                    session.direction(), kind) :
                session)
            .toList();
        return new NetworkProfile(profile.devices(), profile.links(), sessions);
    }

    private static boolean hasCapNetRaw() throws IOException
    {
        for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
        {
            if (line.startsWith("CapEff:"))
            {
                final long effective = Long.parseUnsignedLong(line.substring("CapEff:".length()).strip(), 16);
                return 0 != (effective & 1L << CAP_NET_RAW);
            }
        }
        return false;
    }

    private static void awaitTrue(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadlineNs);
            Thread.sleep(5);
        }
    }
}
