package io.netshadow.dataplane.fabric;

import io.netshadow.dataplane.device.DeviceConfig;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The in-process {@link ShadowFabric}: a discrete-event simulation, in fabric time, of devices that forward the
 * way their {@link DeviceConfig}s say, joined by links with capacity, propagation latency and egress queues per
 * direction.
 * <p>
 * At a device a packet meets, in order: its ingress interface's state, ingress ACLs, the ingress policer, the TTL
 * decrement; then delivery through the host port when the destination is one of the device's host subnets, or else
 * the longest-prefix route over its static routes and the routes computed to every device's host subnets (shortest
 * path by latency over links whose two ends are up, fewer hops breaking ties; a static route beats a computed one
 * of equal length; a route of prefix length 0 is a default route); then the egress interface's state, MTU and
 * egress ACLs, and the link's queues. A computed route with several equal-cost next hops (equal latency and hop
 * count) sends each packet by the one its {@link FabricPacket#flowHash} selects, so a flow keeps one path while
 * many flows spread over all of them. Link capacities, queue sizes and policer and shaper rates and bursts are
 * multiplied by the rate scale, the share of live traffic the fabric carries, times the rate factor of the port's
 * link, so utilisation-dependent behaviour matches the live network; a fabric built with live policers keeps its
 * policers at their live rate and burst instead and is fed the live aggregate ({@link #injectBackground}). A scaled
 * policer burst has a floor of one full-size packet (the largest MTU among the
 * device's ports) when the live burst holds one, and a scaled shaper burst one packet of its port's MTU, so the
 * shadow passes the full-size packets the live bucket passes; the long-run rate is still the scaled rate.
 * <p>
 * Lengths are IPv4 total lengths ({@link FabricPacket#lengthBytes}: IP header included, link-layer header
 * excluded): the MTU check drops a packet longer than the MTU, and policers, shapers, queues and serialization all
 * count that length.
 * <p>
 * A link direction's egress has one FIFO queue of the link's queue size, or the class queues its port configures
 * ({@link io.netshadow.dataplane.device.EgressQueues}): a packet joins the queue of its DSCP's class, and the
 * transmitter sends next the head of the first non-empty class (strict priority, never interrupting a packet on the
 * wire). A class holds its queued bytes plus what remains to send of its packet on the wire; a packet is
 * tail-dropped when its class holds something and would then hold more than its size. An egress shaper
 * ({@link io.netshadow.dataplane.device.Shaper}) lets the chosen packet onto the wire only when its bucket holds the
 * packet's length, otherwise the packet waits at the head of its queue until it does. A packet reaches the far
 * device when its last bit has crossed: serialization plus propagation latency. The {@link PortTap} sees a packet
 * enter a port once the port is found up, before the ingress ACL, and leave a link port when its last bit has been
 * sent, or the host port when it is delivered.
 * <p>
 * Every drop is counted by reason, in total and per device, and every ACL entry counts the packets it decided
 * ({@link #aclHitCount}).
 * <p>
 * Packets are copied into a preallocated event pool, ordered by a primitive binary heap (ties in insertion order)
 * and queued by links threaded through the pool; forwarding allocates nothing unless the pool is exhausted, when it
 * grows and counts that. Configurations are compiled into arrays and published through a volatile reference, so
 * {@link #applyConfig} may be called from any thread; {@link #inject} and {@link #advanceTo} belong to one driving
 * thread. Counters may be read from any thread.
 */
public final class EmulatedFabric implements ShadowFabric
{
    /** Event slots preallocated by the four-argument constructor. */
    public static final int DEFAULT_EVENT_CAPACITY = 16 * 1024;

    private static final int DELIVERED = DropReason.values().length;
    private static final int INJECTED = DELIVERED + 1;
    private static final int LATE_INJECTED = DELIVERED + 2;
    private static final int POOL_GROWTHS = DELIVERED + 3;
    private static final int BACKGROUND = DELIVERED + 4;
    private static final int DEVICE_DROPS = DELIVERED + 5;
    private static final int REASON_COUNT = DropReason.values().length;

    private final FabricTopology topology;
    private final double rateScale;
    private final boolean livePolicers;
    private final FateListener listener;
    private final PortTap tap;
    private final FabricLinks links;
    private final TokenBuckets policers;
    private final TokenBuckets shapers;
    private final EventPool pool;
    private final EventHeap heap;
    private final AclHitCounters aclHits = new AclHitCounters();
    private final AtomicLongArray counters;
    private volatile CompiledFabric compiled;
    private volatile long configVersion;
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
        this(topology, rateScale, listener, tap, eventCapacity, false);
    }

    /**
     * Builds a fabric with every device on the empty configuration whose policers, if asked, keep their live rate
     * and burst: for a fabric whose policers are fed the live aggregate on their ports ({@link #injectBackground}),
     * so that they police the same traffic as the live ones do. Capacities, queues and shapers are scaled still.
     *
     * @param topology      devices and links.
     * @param rateScale     share of the live traffic this fabric carries, 0 &lt; s &lt;= 1.
     * @param listener      receives every packet's fate.
     * @param tap           observes port crossings, or null.
     * @param eventCapacity event slots to preallocate: packets in flight at once before the pool must grow.
     * @param livePolicers  whether policers keep their live rate and burst.
     * @throws IllegalArgumentException when the rate scale or capacity is out of range or a host subnet is not a
     *                                  CIDR prefix.
     */
    public EmulatedFabric(
        final FabricTopology topology,
        final double rateScale,
        final FateListener listener,
        final PortTap tap,
        final int eventCapacity,
        final boolean livePolicers)
    {
        if (!(rateScale > 0 && rateScale <= 1))
        {
            throw new IllegalArgumentException("rate scale must be in (0, 1]: " + rateScale);
        }
        this.topology = Objects.requireNonNull(topology, "topology");
        this.rateScale = rateScale;
        this.livePolicers = livePolicers;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.tap = tap;
        this.pool = new EventPool(eventCapacity);
        this.heap = new EventHeap(eventCapacity);
        this.links = new FabricLinks(topology, rateScale, pool);
        this.policers = new TokenBuckets(links.portCount());
        this.shapers = new TokenBuckets(links.portCount());
        this.counters = new AtomicLongArray(DEVICE_DROPS + topology.devices().size() * REASON_COUNT);
        final DeviceConfig[] configs = new DeviceConfig[topology.devices().size()];
        Arrays.fill(configs, DeviceConfig.empty());
        this.compiled = CompiledFabric.compile(topology, configs, rateScale, livePolicers, aclHits);
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
        checkInjection(packet, deviceIndex, portIndex);
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

    /**
     * Feeds a port's ingress policer with a live packet this fabric does not carry (its flow is not replayed, or it
     * enters or leaves the network at a device outside the shadow) but whose live path enters the device through
     * that port and passes its ingress ACLs. At its time the packet takes the policer's tokens, if there are enough,
     * as it would on the live device, and goes no further: no fate is reported and nothing else sees it. So a
     * policer polices the live aggregate on its port rather than the few flows the shadow carries, whose peaks stand
     * out of a smaller mean; such a fabric is built with live policers, which keep their live rate and burst.
     *
     * @param packet      the packet; only its length is read.
     * @param deviceIndex the device it enters.
     * @param portIndex   the port it enters through.
     * @param timeNs      fabric time of its arrival at the device.
     * @throws IllegalArgumentException when the device or port does not exist or the packet length is not positive.
     * @throws IllegalStateException    after {@link #close()}.
     */
    public void injectBackground(
        final FabricPacket packet, final int deviceIndex, final int portIndex, final long timeNs)
    {
        checkInjection(packet, deviceIndex, portIndex);
        final int event = pool.claim();
        pool.packet(event).lengthBytes = packet.lengthBytes;
        pool.next(event, EventPool.BACKGROUND_ARRIVAL, deviceIndex, portIndex);
        pool.injectedAtNs(event, timeNs);
        heap.add(Math.max(timeNs, nowNs), event);
        updatePoolGrowths();
    }

    /**
     * Live packets fed to policers through {@link #injectBackground} so far.
     *
     * @return the count.
     */
    public long backgroundCount()
    {
        return counters.get(BACKGROUND);
    }

    @Override
    public int advanceTo(final long timeNs)
    {
        int processed = 0;
        while (!closed && !heap.isEmpty() && heap.peekTimeNs() <= timeNs)
        {
            nowNs = heap.peekTimeNs();
            final int event = heap.poll();
            final int kind = pool.kind(event);
            if (EventPool.ARRIVAL == kind)
            {
                onArrival(event);
            }
            else if (EventPool.BACKGROUND_ARRIVAL == kind)
            {
                onBackgroundArrival(event);
            }
            else
            {
                onEgressEvent(event, kind);
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
     * Every device is recompiled, since computed routes depend on every device's interfaces. Packets already queued
     * stay in their queues; new packets are classified, policed and shaped by the new configuration. Settings of an
     * interface the device has no port for in this fabric (a link to a device the shadow does not hold) have no
     * effect, as the live device's configuration may name them; egress shapers and queues act on link ports only,
     * since delivery through the host port does not queue.
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
        compiled = compiled.with(
            topology, deviceIndex, Objects.requireNonNull(config, "config"), rateScale, livePolicers, aclHits);
        configVersion++;
    }

    /**
     * How many configurations have been applied: it changes whenever a device's configuration does.
     *
     * @return the count.
     */
    public long configVersion()
    {
        return configVersion;
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
     * Packets one device dropped so far, by reason.
     *
     * @param deviceIndex the device.
     * @param reason      the reason.
     * @return the count.
     * @throws IndexOutOfBoundsException when the device does not exist.
     */
    public long dropCount(final int deviceIndex, final DropReason reason)
    {
        if (deviceIndex < 0 || deviceIndex >= topology.devices().size())
        {
            throw new IndexOutOfBoundsException("no device " + deviceIndex);
        }
        return counters.get(deviceDropCounter(deviceIndex, reason));
    }

    /**
     * Packets an ACL entry of a device has decided so far: those it matched first, in either direction, on every
     * interface its ACL is attached to. The count survives configuration changes that keep an entry of that name in
     * an ACL of that name.
     *
     * @param deviceIndex the device.
     * @param aclName     the ACL.
     * @param entryName   the entry.
     * @return the count, 0 for an entry the device never had attached.
     */
    public long aclHitCount(final int deviceIndex, final String aclName, final String entryName)
    {
        return aclHits.hits(deviceIndex, aclName, entryName);
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

    private void checkInjection(final FabricPacket packet, final int deviceIndex, final int portIndex)
    {
        if (closed)
        {
            throw new IllegalStateException("fabric is closed");
        }
        topology.checkPort(deviceIndex, portIndex);
        if (packet.lengthBytes <= 0)
        {
            throw new IllegalArgumentException("packet length must be positive: " + packet.lengthBytes);
        }
    }

    private void onBackgroundArrival(final int event)
    {
        final int device = pool.deviceIndex(event);
        final int port = pool.portIndex(event);
        final CompiledDevice compiledDevice = compiled.device(device);
        final double policerRateBps = compiledDevice.policerRateBps(port);
        if (policerRateBps > 0)
        {
            policers.admit(links.globalPort(device, port), policerRateBps, compiledDevice.policerBurstBytes(port),
                pool.packet(event).lengthBytes, nowNs);
        }
        increment(BACKGROUND);
        pool.release(event);
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
        final int egressPort = compiledDevice.route(packet.dstIp, packet.flowHash);
        if (egressPort < 0)
        {
            final DropReason reason =
                RouteTable.OUTSIDE_FABRIC == egressPort ? DropReason.OUTSIDE_FABRIC : DropReason.NO_ROUTE;
            drop(event, device, reason);
            return;
        }
        if (passesEgress(event, compiledDevice, device, egressPort))
        {
            enqueue(event, compiledDevice, device, egressPort);
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

    /**
     * Queues a packet at an egress port. A plain FIFO port whose class queues are empty holds its queue in closed
     * form, so the packet's send time is known now and it goes straight to the far device, or to the tap first;
     * any other port queues it by class.
     */
    private void enqueue(final int event, final CompiledDevice compiledDevice, final int device, final int port)
    {
        final int direction = links.direction(device, port);
        if (!compiledDevice.plainFifo(port) || !links.isQuiescent(direction))
        {
            enqueueByClass(event, compiledDevice, device, direction);
            return;
        }
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

    private void enqueueByClass(
        final int event, final CompiledDevice compiledDevice, final int device, final int direction)
    {
        final int port = links.nearPort(direction);
        final FabricPacket packet = pool.packet(event);
        final int trafficClass = compiledDevice.trafficClass(port, packet.dscp);
        final long queueBytes = compiledDevice.hasClassQueues(port) ?
            compiledDevice.classQueueBytes(port, trafficClass) : links.defaultQueueBytes(direction);
        final long heldBytes = links.heldBytes(direction, trafficClass, nowNs);
        if (heldBytes > 0 && heldBytes + packet.lengthBytes > queueBytes)
        {
            drop(event, device, DropReason.QUEUE_FULL);
            return;
        }
        links.append(direction, trafficClass, event, packet.lengthBytes);
        if (links.isIdle(direction))
        {
            sendNext(direction);
        }
    }

    /**
     * Puts the head of the first non-empty class onto the wire, unless the wire is still busy with what the port
     * sent as a plain FIFO, or the port's shaper must first refill; then it schedules the moment the transmitter
     * will be ready, and chooses again then.
     */
    private void sendNext(final int direction)
    {
        final int trafficClass = links.firstWaitingClass(direction);
        if (trafficClass < 0)
        {
            return;
        }
        final int device = links.nearDevice(direction);
        final int port = links.nearPort(direction);
        if (links.idleAtNs(direction) > nowNs)
        {
            wakeAt(direction, device, port, links.idleAtNs(direction));
            return;
        }
        final CompiledDevice compiledDevice = compiled.device(device);
        final double shaperRateBps = compiledDevice.shaperRateBps(port);
        if (shaperRateBps > 0)
        {
            final long readyAtNs = shapers.takeOrReadyAtNs(
                links.globalPort(device, port),
                shaperRateBps,
                compiledDevice.shaperBurstBytes(port),
                pool.packet(links.head(direction, trafficClass)).lengthBytes,
                nowNs);
            if (readyAtNs > nowNs)
            {
                wakeAt(direction, device, port, readyAtNs);
                return;
            }
        }
        final int event = links.head(direction, trafficClass);
        final long sentNs = links.send(direction, trafficClass, nowNs);
        pool.next(event, EventPool.DEQUEUED_TRANSMITTED, device, port);
        heap.add(sentNs, event);
    }

    private void onEgressEvent(final int event, final int kind)
    {
        switch (kind)
        {
            case EventPool.TRANSMITTED -> onTransmitted(event);
            case EventPool.DEQUEUED_TRANSMITTED -> onDequeuedTransmitted(event);
            default -> onTransmitterReady(event);
        }
    }

    private void onTransmitted(final int event)
    {
        passOn(event, links.direction(pool.deviceIndex(event), pool.portIndex(event)));
    }

    private void onDequeuedTransmitted(final int event)
    {
        final int direction = links.direction(pool.deviceIndex(event), pool.portIndex(event));
        passOn(event, direction);
        links.sent(direction);
        sendNext(direction);
    }

    /**
     * The packet's last bit has left its port: the tap sees it, and it propagates to the far device.
     */
    private void passOn(final int event, final int direction)
    {
        if (null != tap)
        {
            tap.onPort(pool.packet(event), pool.deviceIndex(event), pool.portIndex(event), false, nowNs);
        }
        pool.next(event, EventPool.ARRIVAL, links.farDevice(direction), links.farPort(direction));
        heap.add(nowNs + links.latencyNs(direction), event);
    }

    private void wakeAt(final int direction, final int device, final int port, final long readyAtNs)
    {
        final int wake = pool.claim();
        pool.next(wake, EventPool.TRANSMITTER_READY, device, port);
        links.awaitingReady(direction, true);
        heap.add(readyAtNs, wake);
    }

    private void onTransmitterReady(final int event)
    {
        final int direction = links.direction(pool.deviceIndex(event), pool.portIndex(event));
        pool.release(event);
        links.awaitingReady(direction, false);
        sendNext(direction);
    }

    private static int deviceDropCounter(final int deviceIndex, final DropReason reason)
    {
        return DEVICE_DROPS + deviceIndex * REASON_COUNT + reason.ordinal();
    }

    private void drop(final int event, final int device, final DropReason reason)
    {
        increment(reason.ordinal());
        increment(deviceDropCounter(device, reason));
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
