package io.netshadow.dataplane.pipeline;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.fabric.EmulatedFabric;
import io.netshadow.dataplane.fabric.FabricPacket;
import io.netshadow.dataplane.fabric.FabricPaths;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.Direction;
import io.netshadow.dataplane.ingest.MirrorSession;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.status.AtomicCounter;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Feeds the shadow's policers the live packets the shadow does not carry. A mirrored packet that enters the live
 * network but is not replayed (its flow is not sampled, or one of its ends is outside the shadow) is traced through
 * the live network's routing, with the shadow's configurations on the devices the shadow holds
 * ({@link FabricPaths}); at every port of a shadow device it is let in by that carries an ingress policer in the
 * shadow, it is injected as background ({@link EmulatedFabric#injectBackground}) at its time plus its path's delay
 * to that port. The shadow's policers, built at their live rate and burst, so police the live aggregate on their
 * ports as the live devices do, rather than the few flows the shadow carries.
 * <p>
 * Paths are traced once per flow, origin and packet length, and forgotten when a shadow device's configuration
 * changes or when {@link #MAX_FLOWS} are known. Runs on the replay thread; nothing is traced while the shadow has no
 * policer.
 */
public final class PolicerFeed
{
    /** The most flows whose crossings are kept at once. */
    static final int MAX_FLOWS = 1 << 16;

    private static final long[] NO_CROSSINGS = new long[0];

    private final FabricTopology live;
    private final EmulatedFabric shadow;
    private final int[] shadowDeviceOfLive;
    private final int[][] policedShadowPortOfLive;
    private final Long2ObjectHashMap<long[]> crossingsOfFlow = new Long2ObjectHashMap<>();
    private final LongArrayList scratch = new LongArrayList();
    private final AtomicCounter fed;
    private FabricPaths paths;
    private long configVersion = -1;

    /**
     * A feed from the live network into a shadow.
     *
     * @param live   the live network's topology (the profile's), whose device names the shadow's are a subset of.
     * @param shadow the shadow fabric, built with live policers.
     * @param fed    counts the background packets fed.
     */
    public PolicerFeed(final FabricTopology live, final EmulatedFabric shadow, final AtomicCounter fed)
    {
        this.live = live;
        this.shadow = shadow;
        this.fed = fed;
        this.shadowDeviceOfLive = new int[live.devices().size()];
        this.policedShadowPortOfLive = new int[live.devices().size()][];
        for (int device = 0; device < shadowDeviceOfLive.length; device++)
        {
            shadowDeviceOfLive[device] = shadow.topology().deviceIndex(live.devices().get(device).name());
            policedShadowPortOfLive[device] = new int[live.devices().get(device).ports().size()];
        }
    }

    /**
     * The live device a mirror session's packets enter the network at: the session's device when it copies what
     * enters through the host port, -1 otherwise.
     *
     * @param session the session.
     * @return the live device index, or -1.
     */
    public int hostOrigin(final MirrorSession session)
    {
        final int device = live.deviceIndex(session.device());
        return device >= 0 && Direction.INGRESS == session.direction() &&
            FabricTopology.HOST_PORT.equals(session.port()) ? device : -1;
    }

    /**
     * Feeds one live packet the shadow does not carry.
     *
     * @param packet the packet, as the live network received it.
     * @param origin the live device whose host port it entered.
     * @param timeNs its time in the shadow's clock.
     */
    public void onLivePacket(final FabricPacket packet, final int origin, final long timeNs)
    {
        refresh();
        if (null == paths)
        {
            return;
        }
        final long key = (packet.flowHash * 31 + origin) * 65_537 + packet.lengthBytes;
        long[] crossings = crossingsOfFlow.get(key);
        if (null == crossings)
        {
            if (crossingsOfFlow.size() >= MAX_FLOWS)
            {
                crossingsOfFlow.clear();
            }
            crossings = trace(packet, origin);
            crossingsOfFlow.put(key, crossings);
        }
        for (int i = 0; i < crossings.length; i += 2)
        {
            shadow.injectBackground(packet, (int)(crossings[i] >>> 32), (int)crossings[i], timeNs + crossings[i + 1]);
            fed.incrementRelease();
        }
    }

    private long[] trace(final FabricPacket packet, final int origin)
    {
        scratch.clear();
        paths.trace(packet, origin, (device, port, offsetNs) ->
        {
            final int shadowPort = policedShadowPortOfLive[device][port];
            if (shadowPort >= 0)
            {
                scratch.addLong(((long)shadowDeviceOfLive[device] << 32) | shadowPort);
                scratch.addLong(offsetNs);
            }
        });
        return scratch.isEmpty() ? NO_CROSSINGS : scratch.toLongArray();
    }

    /**
     * Rebuilds the policed ports and the live network's paths after a shadow configuration changed.
     */
    private void refresh()
    {
        final long version = shadow.configVersion();
        if (version == configVersion)
        {
            return;
        }
        configVersion = version;
        crossingsOfFlow.clear();
        boolean anyPolicer = false;
        final Map<Integer, DeviceConfig> configs = new HashMap<>();
        for (int device = 0; device < shadowDeviceOfLive.length; device++)
        {
            Arrays.fill(policedShadowPortOfLive[device], -1);
            final int shadowDevice = shadowDeviceOfLive[device];
            if (shadowDevice < 0)
            {
                continue;
            }
            final DeviceConfig config = shadow.config(shadowDevice);
            configs.put(device, config);
            final List<String> ports = live.devices().get(device).ports();
            for (int port = 0; port < ports.size(); port++)
            {
                final int shadowPort = shadow.topology().portIndex(shadowDevice, ports.get(port));
                if (shadowPort >= 0 && config.ingressPolicers().containsKey(ports.get(port)))
                {
                    policedShadowPortOfLive[device][port] = shadowPort;
                    anyPolicer = true;
                }
            }
        }
        paths = anyPolicer ? new FabricPaths(live, configs) : null;
    }
}
