package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.DropReason;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.fabric.FateListener;
import io.netshadow.dataplane.fabric.ShadowFabric;
import org.agrona.concurrent.EpochNanoClock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A fabric that records what it is given and delivers every packet a fixed latency after injection.
 */
public final class RecordingFabric implements ShadowFabric
{
    /**
     * One injection.
     *
     * @param packet      a copy of the packet.
     * @param deviceIndex the device.
     * @param portIndex   the port.
     * @param timeNs      the fabric time of injection.
     * @param clockNs     the test clock when it was injected.
     */
    public record Injection(FabricPacket packet, int deviceIndex, int portIndex, long timeNs, long clockNs)
    {
    }

    private final FabricTopology topology;
    private final FateListener listener;
    private final long latencyNs;
    private final EpochNanoClock clock;
    private final List<Injection> injections = new ArrayList<>();
    private final ArrayDeque<Injection> inFlight = new ArrayDeque<>();
    private long lastTimeNs = Long.MIN_VALUE;
    private long advances;
    private boolean timeWentBackwards;
    private volatile boolean closed;

    /**
     * A recording fabric.
     *
     * @param topology  its topology.
     * @param listener  told of deliveries.
     * @param latencyNs delay from injection to delivery.
     * @param clock     read at each injection.
     */
    public RecordingFabric(
        final FabricTopology topology, final FateListener listener, final long latencyNs, final EpochNanoClock clock)
    {
        this.topology = topology;
        this.listener = listener;
        this.latencyNs = latencyNs;
        this.clock = clock;
    }

    /**
     * A topology with one edge device, "edge1", whose ports are "hosts" and "uplink".
     *
     * @return the topology.
     */
    public static FabricTopology edgeTopology()
    {
        return FabricTopology.builder()
            .device("edge1", List.of("10.0.0.0/24"))
            .device("core", List.of("10.0.2.0/24"))
            .link("edge1", "uplink", "core", "down", 1_000_000_000L, 1_000, 100_000)
            .build();
    }

    @Override
    public FabricTopology topology()
    {
        return topology;
    }

    @Override
    public synchronized void inject(
        final FabricPacket packet, final int deviceIndex, final int portIndex, final long timeNs)
    {
        timeWentBackwards |= timeNs < lastTimeNs;
        lastTimeNs = timeNs;
        final Injection injection =
            new Injection(new FabricPacket().copyFrom(packet), deviceIndex, portIndex, timeNs, clock.nanoTime());
        injections.add(injection);
        inFlight.add(injection);
    }

    @Override
    public synchronized int advanceTo(final long timeNs)
    {
        timeWentBackwards |= timeNs < lastTimeNs;
        lastTimeNs = timeNs;
        advances++;
        int events = 0;
        while (!inFlight.isEmpty() && inFlight.peek().timeNs() + latencyNs <= timeNs)
        {
            final Injection injection = inFlight.poll();
            listener.onDelivered(injection.packet(), injection.deviceIndex(), injection.timeNs(),
                injection.timeNs() + latencyNs);
            events++;
        }
        return events;
    }

    @Override
    public void applyConfig(final int deviceIndex, final DeviceConfig config)
    {
    }

    @Override
    public DeviceConfig config(final int deviceIndex)
    {
        return DeviceConfig.empty();
    }

    @Override
    public long dropCount(final DropReason reason)
    {
        return 0;
    }

    @Override
    public void close()
    {
        closed = true;
    }

    /**
     * What was injected so far.
     *
     * @return a copy of the injections in order.
     */
    public synchronized List<Injection> injections()
    {
        return List.copyOf(injections);
    }

    /**
     * How often the fabric was advanced.
     *
     * @return the count.
     */
    public synchronized long advances()
    {
        return advances;
    }

    /**
     * The last fabric time it saw.
     *
     * @return the time.
     */
    public synchronized long lastTimeNs()
    {
        return lastTimeNs;
    }

    /**
     * Whether an injection or advance ever went back in time.
     *
     * @return true when the driving contract was broken.
     */
    public synchronized boolean timeWentBackwards()
    {
        return timeWentBackwards;
    }

    /**
     * Whether the fabric was closed.
     *
     * @return true once closed.
     */
    public boolean isClosed()
    {
        return closed;
    }
}
