package io.netshadow.controlplane.profile;

import io.netshadow.controlplane.yaml.Units;
import io.netshadow.controlplane.yaml.YamlFile;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.fabric.FabricTopology;
import io.netshadow.dataplane.ingest.MirrorSession;
import io.netshadow.dataplane.ingest.SourceKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.regex.Pattern;

import static io.netshadow.controlplane.yaml.YamlLocations.element;
import static io.netshadow.controlplane.yaml.YamlLocations.field;

/**
 * Turns a bound profile document into a {@link NetworkProfile}, recording every error on the file: missing fields,
 * duplicate names, ports and session keys (per encapsulation), unknown devices and ports, bad prefixes,
 * non-positive quantities and a network that is not connected.
 */
final class ProfileChecker
{
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");
    private static final String MIRROR_SESSIONS = "mirror-sessions";

    private final YamlFile yaml;
    private final Map<String, String> devicePathByName = new LinkedHashMap<>();
    private final Map<String, Set<String>> linkPortsByDevice = new HashMap<>();
    private final Map<String, String> endpointPaths = new HashMap<>();

    ProfileChecker(final YamlFile yaml)
    {
        this.yaml = yaml;
    }

    NetworkProfile check(final ProfileDocument document)
    {
        if (null == document)
        {
            if (!yaml.hasErrors())
            {
                yaml.error("devices", "missing; a profile lists at least one device");
            }
            return null;
        }
        final List<NetworkProfile.Device> devices = checkDevices(document.devices());
        final List<NetworkProfile.Link> links = checkLinks(document.links());
        final boolean topologyComplete = yaml.errors().stream()
            .allMatch(error -> error.field().startsWith(MIRROR_SESSIONS));
        if (topologyComplete)
        {
            checkConnected(devices, links);
        }
        final List<MirrorSession> sessions = checkMirrorSessions(document.mirrorSessions());
        return yaml.hasErrors() ? null : new NetworkProfile(devices, links, sessions);
    }

    private List<NetworkProfile.Device> checkDevices(final List<ProfileDocument.DeviceEntry> entries)
    {
        final List<NetworkProfile.Device> devices = new ArrayList<>();
        if (null == entries || entries.isEmpty())
        {
            if (yaml.require(entries, "devices"))
            {
                yaml.error("devices", "a profile lists at least one device");
            }
            return devices;
        }
        final Map<Ipv4Prefix, String> prefixPaths = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++)
        {
            final String path = element("devices", i);
            final ProfileDocument.DeviceEntry entry = entries.get(i);
            if (null == entry)
            {
                yaml.error(path, "empty entry; a device needs name and role");
                continue;
            }
            final int errorsBefore = yaml.errorCount();
            final String name = checkDeviceName(entry.name(), field(path, "name"));
            yaml.require(entry.role(), field(path, "role"));
            final ManagementAddress management = checkManagement(entry.management(), field(path, "management"));
            final double weight = null == entry.trafficWeight() ? 1.0 : entry.trafficWeight();
            if (!(weight > 0) || Double.isInfinite(weight))
            {
                yaml.error(field(path, "traffic-weight"), "must be above zero, got " + entry.trafficWeight());
            }
            final List<String> subnets = checkSubnets(entry.hostSubnets(), field(path, "host-subnets"), prefixPaths);
            if (yaml.errorCount() == errorsBefore)
            {
                final Criticality criticality = null == entry.criticality() ? Criticality.MEDIUM : entry.criticality();
                devices.add(new NetworkProfile.Device(name, entry.role(), management, weight, criticality, subnets));
            }
        }
        return devices;
    }

    private String checkDeviceName(final String name, final String path)
    {
        if (!yaml.require(name, path))
        {
            return null;
        }
        if (!NAME.matcher(name).matches())
        {
            yaml.error(path, "'" + name + "' is not a valid name; use letters, digits, '.', '_', '-' and '/'");
            return null;
        }
        final String first = devicePathByName.putIfAbsent(name, path);
        if (null != first)
        {
            yaml.error(path, "duplicate device name '" + name + "', first given at line " + yaml.lineOf(first));
        }
        return name;
    }

    private ManagementAddress checkManagement(final String text, final String path)
    {
        if (!yaml.require(text, path))
        {
            return null;
        }
        try
        {
            return ManagementAddress.parse(text);
        }
        catch (final IllegalArgumentException ex)
        {
            yaml.error(path, ex.getMessage());
            return null;
        }
    }

    private List<String> checkSubnets(
        final List<String> texts, final String path, final Map<Ipv4Prefix, String> prefixPaths)
    {
        final List<String> subnets = new ArrayList<>();
        if (null == texts)
        {
            return subnets;
        }
        for (int i = 0; i < texts.size(); i++)
        {
            final String subnetPath = element(path, i);
            if (!yaml.require(texts.get(i), subnetPath))
            {
                continue;
            }
            try
            {
                final Ipv4Prefix prefix = Ipv4Prefix.parse(texts.get(i));
                for (final Map.Entry<Ipv4Prefix, String> other : prefixPaths.entrySet())
                {
                    if (prefix.contains(other.getKey().address()) || other.getKey().contains(prefix.address()))
                    {
                        yaml.error(subnetPath, prefix + " overlaps " + other.getKey() + " given at line " +
                            yaml.lineOf(other.getValue()));
                    }
                }
                prefixPaths.putIfAbsent(prefix, subnetPath);
                subnets.add(prefix.toString());
            }
            catch (final IllegalArgumentException ex)
            {
                yaml.error(subnetPath, ex.getMessage());
            }
        }
        return subnets;
    }

    private List<NetworkProfile.Link> checkLinks(final List<ProfileDocument.LinkEntry> entries)
    {
        final List<NetworkProfile.Link> links = new ArrayList<>();
        if (null == entries)
        {
            return links;
        }
        for (int i = 0; i < entries.size(); i++)
        {
            final String path = element("links", i);
            final ProfileDocument.LinkEntry entry = entries.get(i);
            if (null == entry)
            {
                yaml.error(path, "empty entry; a link needs a, b, capacity and latency");
                continue;
            }
            final int errorsBefore = yaml.errorCount();
            final NetworkProfile.Endpoint a = checkEndpoint(entry.a(), field(path, "a"));
            final NetworkProfile.Endpoint b = checkEndpoint(entry.b(), field(path, "b"));
            if (null != a && null != b && a.device().equals(b.device()))
            {
                yaml.error(field(path, "b"), "both ends are on " + a.device() + "; a link joins two devices");
            }
            final String capacityPath = field(path, "capacity");
            if (yaml.require(entry.capacityBps(), capacityPath) && entry.capacityBps() <= 0)
            {
                yaml.error(capacityPath, "must be above zero, got " + Units.formatBps(entry.capacityBps()));
            }
            final String latencyPath = field(path, "latency");
            if (yaml.require(entry.latencyNs(), latencyPath) && entry.latencyNs() < 0)
            {
                yaml.error(latencyPath, "must not be negative, got " + Units.formatDurationNs(entry.latencyNs()));
            }
            if (null != entry.queueBytes() && entry.queueBytes() <= 0)
            {
                yaml.error(field(path, "queue"), "must be above zero, got " + Units.formatBytes(entry.queueBytes()));
            }
            if (yaml.errorCount() == errorsBefore)
            {
                final long queueBytes = null == entry.queueBytes() ?
                    NetworkProfile.defaultQueueBytes(entry.capacityBps()) : entry.queueBytes();
                links.add(new NetworkProfile.Link(a, b, entry.capacityBps(), entry.latencyNs(), queueBytes));
            }
        }
        return links;
    }

    private NetworkProfile.Endpoint checkEndpoint(final String text, final String path)
    {
        if (!yaml.require(text, path))
        {
            return null;
        }
        final int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            yaml.error(path, "expected device:port such as core1:eth1, got '" + text + "'");
            return null;
        }
        final String device = text.substring(0, colon).strip();
        final String port = text.substring(colon + 1).strip();
        if (!devicePathByName.containsKey(device))
        {
            yaml.error(path, "unknown device '" + device + "'");
            return null;
        }
        if (!NAME.matcher(port).matches())
        {
            yaml.error(path, "'" + port + "' is not a valid port name; use letters, digits, '.', '_', '-' and '/'");
            return null;
        }
        if (FabricTopology.HOST_PORT.equals(port))
        {
            yaml.error(path, "port '" + port + "' is where a device reaches its host subnets; name a link port " +
                "such as eth1");
            return null;
        }
        final NetworkProfile.Endpoint endpoint = new NetworkProfile.Endpoint(device, port);
        final String first = endpointPaths.putIfAbsent(endpoint.toString(), path);
        if (null != first)
        {
            yaml.error(path, "duplicate port " + endpoint + ", already used at line " + yaml.lineOf(first));
            return null;
        }
        linkPortsByDevice.computeIfAbsent(device, ignored -> new LinkedHashSet<>()).add(port);
        return endpoint;
    }

    private List<MirrorSession> checkMirrorSessions(
        final List<ProfileDocument.MirrorSessionEntry> entries)
    {
        final List<MirrorSession> sessions = new ArrayList<>();
        if (null == entries)
        {
            return sessions;
        }
        final Map<SourceKind, Map<Integer, String>> keyPathsByKind = new EnumMap<>(SourceKind.class);
        final Map<String, String> tapPaths = new HashMap<>();
        for (int i = 0; i < entries.size(); i++)
        {
            final String path = element(MIRROR_SESSIONS, i);
            final ProfileDocument.MirrorSessionEntry entry = entries.get(i);
            if (null == entry)
            {
                yaml.error(path, "empty entry; a mirror session needs vni, device, port and direction");
                continue;
            }
            final int errorsBefore = yaml.errorCount();
            final String kindPath = field(path, "kind");
            final SourceKind kind = null == entry.kind() ? SourceKind.VXLAN : entry.kind();
            final String vniPath = field(path, "vni");
            if (null == entry.kind() && yaml.contains(kindPath))
            {
                yaml.require(entry.vni(), vniPath);
            }
            else
            {
                checkKey(entry.vni(), kind, vniPath, keyPathsByKind.computeIfAbsent(kind, ignored -> new HashMap<>()));
            }
            final String devicePath = field(path, "device");
            final boolean knownDevice = yaml.require(entry.device(), devicePath) &&
                devicePathByName.containsKey(entry.device());
            if (null != entry.device() && !knownDevice)
            {
                yaml.error(devicePath, "unknown device '" + entry.device() + "'");
            }
            final String portPath = field(path, "port");
            if (yaml.require(entry.port(), portPath) && knownDevice)
            {
                checkMirroredPort(entry.device(), entry.port(), portPath);
            }
            yaml.require(entry.direction(), field(path, "direction"));
            if (yaml.errorCount() == errorsBefore)
            {
                final String tap = entry.device() + ":" + entry.port() + " " +
                    entry.direction().name().toLowerCase(Locale.ROOT);
                final String first = tapPaths.putIfAbsent(tap, path);
                if (null != first)
                {
                    yaml.error(path, tap + " is already mirrored at line " + yaml.lineOf(first));
                    continue;
                }
                sessions.add(new MirrorSession(entry.vni(), entry.device(), entry.port(), entry.direction(), kind));
            }
        }
        return sessions;
    }

    private void checkKey(
        final Integer key, final SourceKind kind, final String path, final Map<Integer, String> keyPaths)
    {
        if (!yaml.require(key, path))
        {
            return;
        }
        final int minKey = SourceKind.ERSPAN == kind ? 0 : 1;
        if (key < minKey || key > kind.maxKey())
        {
            yaml.error(path, "must be between " + minKey + " and " + kind.maxKey() +
                (SourceKind.ERSPAN == kind ? " for an erspan session id" : "") + ", got " + key);
            return;
        }
        final String first = keyPaths.putIfAbsent(key, path);
        if (null != first)
        {
            yaml.error(path, "duplicate " + keyName(kind) + " " + key + ", first given at line " + yaml.lineOf(first));
        }
    }

    private static String keyName(final SourceKind kind)
    {
        return switch (kind)
        {
            case VXLAN -> "vni";
            case GENEVE -> "geneve vni";
            case ERSPAN -> "erspan session id";
        };
    }

    private void checkMirroredPort(final String device, final String port, final String path)
    {
        final Set<String> ports = linkPortsByDevice.getOrDefault(device, Set.of());
        if (!FabricTopology.HOST_PORT.equals(port) && !ports.contains(port))
        {
            final List<String> expected = new ArrayList<>();
            expected.add(FabricTopology.HOST_PORT);
            expected.addAll(ports);
            yaml.error(path, "unknown port '" + port + "' on " + device + "; expected one of " +
                String.join(", ", expected));
        }
    }

    private void checkConnected(final List<NetworkProfile.Device> devices, final List<NetworkProfile.Link> links)
    {
        if (devices.size() < 2)
        {
            return;
        }
        final Map<String, List<String>> neighbours = new HashMap<>();
        for (final NetworkProfile.Link link : links)
        {
            neighbours.computeIfAbsent(link.a().device(), ignored -> new ArrayList<>()).add(link.b().device());
            neighbours.computeIfAbsent(link.b().device(), ignored -> new ArrayList<>()).add(link.a().device());
        }
        final String start = devices.getFirst().name();
        final Set<String> reached = new HashSet<>();
        final Queue<String> queue = new ArrayDeque<>();
        reached.add(start);
        queue.add(start);
        while (!queue.isEmpty())
        {
            for (final String next : neighbours.getOrDefault(queue.remove(), List.of()))
            {
                if (reached.add(next))
                {
                    queue.add(next);
                }
            }
        }
        final List<String> unreachable = devices.stream()
            .map(NetworkProfile.Device::name)
            .filter(name -> !reached.contains(name))
            .toList();
        if (!unreachable.isEmpty())
        {
            yaml.error(yaml.contains("links") ? "links" : "devices", "the network is not connected: " +
                String.join(", ", unreachable) + " cannot be reached from " + start);
        }
    }
}
