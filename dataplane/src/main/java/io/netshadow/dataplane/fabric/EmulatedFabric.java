package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-process {@link ShadowFabric}: a discrete-event simulation, in fabric time, of devices that forward the
 * way their {@link DeviceConfig}s say, joined by links with capacity, propagation latency and a FIFO tail-drop
 * queue per direction.
 * <p>
 * At a device a packet meets, in order: its ingress interface's state, ingress ACLs, the ingress policer, the TTL
 * decrement; then delivery through the host port when the destination is one of the device's host subnets, or else
 * the longest-prefix route over its static routes and the routes computed to every device's host subnets (shortest
 * path by latency over links whose two ends are up, fewer hops breaking ties; a static route beats a computed one
 * of equal length); then the egress interface's state, MTU and egress ACLs, and the link's queue. Link
 * capacities, queue sizes and policer rates and bursts are multiplied by the rate scale, the share of live traffic
 * the fabric carries, so utilisation-dependent behaviour matches the live network. A scaled policer burst has a
 * floor of one full-size packet (the largest MTU among the device's ports) when the live burst holds one, so the
 * shadow passes the full-size packets the live policer passes; the long-run rate is still the scaled rate.
 * <p>
 * A link direction is a FIFO transmitter: an idle one takes any packet, a busy one drops a packet (tail drop) when
 * the bytes it still has to send, the packet being serialized included, plus the packet would exceed its queue
 * size. A packet reaches the far device when its last bit has crossed: serialization plus propagation latency.
 * The {@link PortTap} sees a packet enter a port once the port is found up, before the ingress ACL, and leave a
 * link port when its last bit has been sent, or the host port when it is delivered.
 * <p>
 * Packets are copied into a preallocated event pool, ordered by a primitive binary heap (ties in insertion order);
 * forwarding allocates nothing unless the pool is exhausted, when it grows and counts that. Configurations are
 * compiled into arrays and published through a volatile reference, so {@link #applyConfig} may be called from any
 * thread; {@link #inject} and {@link #advanceTo} belong to one driving thread. Counters may be read from any thread.
 */
public final class EmulatedFabric implements ShadowFabric
{
    /** Event slots preallocated by the four-argument constructor. */
    public static final int DEFAULT_EVENT_CAPACITY = 16 * 1024;

    private static final int DELIVERED = DropReason.values().length;
    private static final int INJECTED = DELIVERED + 1;
    private static final int LATE_INJECTED = DELIVERED + 2;
    private static final int POOL_GROWTHS = DELIVERED + 3;
    private static final int COUNTER_COUNT = DELIVERED + 4;

    private final FabricTopology topology;
    private final double rateScale;
    private final FateListener listener;
    private final PortTap tap;
    private final FabricLinks links;
    private final PolicerBuckets policers;
    private final EventPool pool;
    private final EventHeap heap;
    private final AtomicLongArray counters = new AtomicLongArray(COUNTER_COUNT);
    private volatile CompiledFabric compiled;
    private long nowNs = Long.MIN_VALUE;
    private boolean closed;

    /**
     * Builds a fabric with every device on the empty configuration and {@link #DEFAULT_EVENT_CAPACITY} event slots.
     *
     * @param topology  devices and links.
     * @param rateScale share of the live traffic this fabric carries, 0 &lt; s &lt;= 1; scales capacities, queues
     *                  and policers, keeping each policer's burst at no less than one packet of its device's
     *                  largest MTU when the live burst holds such a packet.
     * @param listener  receives every packet's fate.
     * @param tap       observes port crossings, or null.
     * @throws IllegalArgumentException when the rate scale is out of range or a host subnet is not a CIDR prefix.
     */
    public EmulatedFabric(
        final FabricTopology topology, final double rateScale, final FateListener listener, final PortTap tap)
    {
        this(topology, rateScale, listener, tap, DEFAULT_EVENT_CAPACITY);
    }

    /**
     * Builds a fabric with every device on the empty configuration.
     *
     * @param topology      devices and links.
     * @param rateScale     share of the live traffic this fabric carries, 0 &lt; s &lt;= 1; scales capacities,
     *                      queues and policers, keeping each policer's burst at no less than one packet of its
     *                      device's largest MTU when the live burst holds such a packet.
     * @param listener      receives every packet's fate.
     * @param tap           observes port crossings, or null.
     * @param eventCapacity event slots to preallocate: packets in flight at once before the pool must grow.
     * @throws IllegalArgumentException when the rate scale or capacity is out of range or a host subnet is not a
     *                                  CIDR prefix.
     */
    public EmulatedFabric(
        final FabricTopology topology,
        final double rateScale,
        final FateListener listener,
        final PortTap tap,
        final int eventCapacity)
    {
        if (!(rateScale > 0 && rateScale <= 1))
        {
            throw new IllegalArgumentException("rate scale must be in (0, 1]: " + rateScale);
        }
        this.topology = Objects.requireNonNull(topology, "topology");
        this.rateScale = rateScale;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.tap = tap;
        this.links = new FabricLinks(topology, rateScale);
        this.policers = new PolicerBuckets(links.portCount());
        this.pool = new EventPool(eventCapacity);
        this.heap = new EventHeap(eventCapacity);
        final DeviceConfig[] configs = new DeviceConfig[topology.devices().size()];
        Arrays.fill(configs, DeviceConfig.empty());
        this.compiled = CompiledFabric.compile(topology, configs, rateScale);
    }

    @Override
    public FabricTopology topology()
    {
        return topology;
    }

    /**
     * {@inheritDoc}
     * <p>
     * A packet injected earlier than the fabric time already reached by {@link #advanceTo} arrives at that fabric
     * time instead, keeps its own injection time, and is counted by {@link #lateInjectedCount()}.
     *
     * @throws IllegalArgumentException when the device or port does not exist or the packet length is not positive.
     * @throws IllegalStateException    after {@link #close()}.
     */
    @Override
    public void inject(final FabricPacket packet, final int deviceIndex, final int portIndex, final long timeNs)
    {
        if (closed)
        {
            throw new IllegalStateException("fabric is closed");
        }
        if (deviceIndex < 0 || deviceIndex >= topology.devices().size() ||
            portIndex < 0 || portIndex >= topology.devices().get(deviceIndex).ports().size())
        {
            throw new IllegalArgumentException("no port " + portIndex + " on device " + deviceIndex);
        }
        if (packet.lengthBytes <= 0)
        {
            throw new IllegalArgumentException("packet length must be positive: " + packet.lengthBytes);
        }
        final int event = pool.claim();
        pool.packet(event).copyFrom(packet);
        pool.next(event, EventPool.ARRIVAL, deviceIndex, portIndex);
        pool.injectedAtNs(event, timeNs);
        increment(INJECTED);
        if (timeNs < nowNs)
        {
            increment(LATE_INJECTED);
        }
        heap.add(Math.max(timeNs, nowNs), event);
        updatePoolGrowths();
    }

    @Override
    public int advanceTo(final long timeNs)
    {
        int processed = 0;
        while (!closed && !heap.isEmpty() && heap.peekTimeNs() <= timeNs)
        {
            nowNs = heap.peekTimeNs();
            final int event = heap.poll();
            if (EventPool.ARRIVAL == pool.kind(event))
            {
                onArrival(event);
            }
            else
            {
                onTransmitted(event);
            }
            processed++;
        }
        if (timeNs > nowNs)
        {
            nowNs = timeNs;
        }
        updatePoolGrowths();
        return processed;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Every device is recompiled, since computed routes depend on every device's interfaces.
     *
     * @throws IllegalArgumentException when the device does not exist.
     */
    @Override
    public synchronized void applyConfig(final int deviceIndex, final DeviceConfig config)
    {
        if (deviceIndex < 0 || deviceIndex >= topology.devices().size())
        {
            throw new IllegalArgumentException("no device " + deviceIndex);
        }
        compiled = compiled.with(topology, deviceIndex, Objects.requireNonNull(config, "config"), rateScale);
    }

    @Override
    public DeviceConfig config(final int deviceIndex)
    {
        return compiled.config(deviceIndex);
    }

    @Override
    public long dropCount(final DropReason reason)
    {
        return counters.get(reason.ordinal());
    }

    /**
     * Packets delivered out of a host port so far.
     *
     * @return the count.
     */
    public long deliveredCount()
    {
        return counters.get(DELIVERED);
    }

    /**
     * Packets injected so far.
     *
     * @return the count.
     */
    public long injectedCount()
    {
        return counters.get(INJECTED);
    }

    /**
     * Packets injected with a time earlier than the fabric time already reached.
     *
     * @return the count.
     */
    public long lateInjectedCount()
    {
        return counters.get(LATE_INJECTED);
    }

    /**
     * How many times the event pool was exhausted and grew: each time, the forwarding path allocated.
     *
     * @return the count.
     */
    public long eventPoolGrowthCount()
    {
        return counters.get(POOL_GROWTHS);
    }

    /**
     * Packets injected and not yet delivered or dropped. Driving thread only.
     *
     * @return the count.
     */
    public int inFlightCount()
    {
        return heap.size();
    }

    /**
     * The fabric time reached: the later of the last event processed and the last {@link #advanceTo} target.
     * Driving thread only.
     *
     * @return the time in nanoseconds, {@link Long#MIN_VALUE} before anything happened.
     */
    public long nowNs()
    {
        return nowNs;
    }

    /**
     * Discards the packets in flight; later injections are refused. Call it on the driving thread, or once that
     * thread has stopped.
     */
    @Override
    public void close()
    {
        closed = true;
        heap.clear();
    }

    private void onArrival(final int event)
    {
        final FabricPacket packet = pool.packet(event);
        final int device = pool.deviceIndex(event);
        final int port = pool.portIndex(event);
        final CompiledDevice compiledDevice = compiled.device(device);
        if (!compiledDevice.portEnabled(port))
        {
            drop(event, device, DropReason.INTERFACE_DOWN);
            return;
        }
        if (null != tap)
        {
            tap.onPort(packet, device, port, true, nowNs);
        }
        if (!compiledDevice.ingressAcl(port).permits(packet))
        {
            drop(event, device, DropReason.ACL_DENY);
            return;
        }
        final double policerRateBps = compiledDevice.policerRateBps(port);
        if (policerRateBps > 0 && !policers.admit(
            links.globalPort(device, port),
            policerRateBps,
            compiledDevice.policerBurstBytes(port),
            packet.lengthBytes,
            nowNs))
        {
            drop(event, device, DropReason.POLICER);
            return;
        }
        if (--packet.ttl <= 0)
        {
            drop(event, device, DropReason.TTL_EXPIRED);
            return;
        }
        if (compiledDevice.isLocal(packet.dstIp))
        {
            deliver(event, compiledDevice, device);
            return;
        }
        final int egressPort = compiledDevice.route(packet.dstIp);
        if (egressPort < 0)
        {
            final DropReason reason =
                RouteTable.OUTSIDE_FABRIC == egressPort ? DropReason.OUTSIDE_FABRIC : DropReason.NO_ROUTE;
            drop(event, device, reason);
            return;
        }
        if (passesEgress(event, compiledDevice, device, egressPort))
        {
            enqueue(event, device, egressPort);
        }
    }

    private void deliver(final int event, final CompiledDevice compiledDevice, final int device)
    {
        if (passesEgress(event, compiledDevice, device, 0))
        {
            final FabricPacket packet = pool.packet(event);
            if (null != tap)
            {
                tap.onPort(packet, device, 0, false, nowNs);
            }
            increment(DELIVERED);
            listener.onDelivered(packet, device, pool.injectedAtNs(event), nowNs);
            pool.release(event);
        }
    }

    private boolean passesEgress(final int event, final CompiledDevice compiledDevice, final int device, final int port)
    {
        final FabricPacket packet = pool.packet(event);
        if (!compiledDevice.portEnabled(port))
        {
            drop(event, device, DropReason.INTERFACE_DOWN);
            return false;
        }
        if (packet.lengthBytes > compiledDevice.mtuBytes(port))
        {
            drop(event, device, DropReason.MTU_EXCEEDED);
            return false;
        }
        if (!compiledDevice.egressAcl(port).permits(packet))
        {
            drop(event, device, DropReason.ACL_DENY);
            return false;
        }
        return true;
    }

    private void enqueue(final int event, final int device, final int port)
    {
        final int direction = links.direction(device, port);
        final int lengthBytes = pool.packet(event).lengthBytes;
        if (!links.hasRoom(direction, lengthBytes, nowNs))
        {
            drop(event, device, DropReason.QUEUE_FULL);
            return;
        }
        final long sentNs = links.transmit(direction, lengthBytes, nowNs);
        if (null != tap)
        {
            pool.next(event, EventPool.TRANSMITTED, device, port);
            heap.add(sentNs, event);
        }
        else
        {
            pool.next(event, EventPool.ARRIVAL, links.farDevice(direction), links.farPort(direction));
            heap.add(sentNs + links.latencyNs(direction), event);
        }
    }

    private void onTransmitted(final int event)
    {
        final int device = pool.deviceIndex(event);
        final int port = pool.portIndex(event);
        final int direction = links.direction(device, port);
        tap.onPort(pool.packet(event), device, port, false, nowNs);
        pool.next(event, EventPool.ARRIVAL, links.farDevice(direction), links.farPort(direction));
        heap.add(nowNs + links.latencyNs(direction), event);
    }

    private void drop(final int event, final int device, final DropReason reason)
    {
        increment(reason.ordinal());
        listener.onDropped(pool.packet(event), device, reason, pool.injectedAtNs(event), nowNs);
        pool.release(event);
    }

    private void increment(final int counter)
    {
        counters.setRelease(counter, counters.getPlain(counter) + 1);
    }

    private void updatePoolGrowths()
    {
        final long growths = pool.growthCount();
        if (growths != counters.getPlain(POOL_GROWTHS))
        {
            counters.setRelease(POOL_GROWTHS, growths);
        }
    }
}
