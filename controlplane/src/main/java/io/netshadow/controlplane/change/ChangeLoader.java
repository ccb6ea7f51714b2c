package io.netshadow.controlplane.change;

import io.netshadow.controlplane.profile.NetworkProfile;
import io.netshadow.controlplane.yaml.YamlFile;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.netshadow.controlplane.yaml.YamlLocations.element;
import static io.netshadow.controlplane.yaml.YamlLocations.field;

/**
 * Loads a change file and checks it against the network profile: its id and description, that every edit names a
 * device of the network, that every edit's XML is a valid configuration edit, and that its waves place every edited
 * device exactly once. Every problem is reported, each as {@code file:line: field: message}.
 * <p>
 * Waves are optional; a change without them is one wave of every device. A wave lists its {@code devices}, or gives
 * the {@code share} of the change's devices deployed once it is done (cumulative, rounded up), taking the next
 * devices in edit order that no wave names: {@code [{name: canary, devices: [core2]}, {name: half, share: 50%},
 * {name: rest, share: 100%}]}.
 * <p>
 * The XML is checked by applying it to an empty configuration, so an edit that only fails against the data of the
 * device (deleting what is absent, creating what exists) passes here and is judged by the device itself.
 */
public final class ChangeLoader
{
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Set<DeviceConfigException.Kind> DEPENDS_ON_DEVICE_DATA =
        Set.of(DeviceConfigException.Kind.DATA_EXISTS, DeviceConfigException.Kind.DATA_MISSING);

    private ChangeLoader()
    {
    }

    /**
     * Loads and checks a change file.
     *
     * @param file    the change file; {@code file:} paths in its edits are relative to its directory.
     * @param profile the network the change is for.
     * @return the change.
     * @throws ChangeException listing every error when the file is unreadable or the change is not valid.
     */
    public static ChangeSpec load(final Path file, final NetworkProfile profile) throws ChangeException
    {
        final Path parent = file.toAbsolutePath().getParent();
        return check(YamlFile.read(file), name -> Files.readString(
            null == parent ? Path.of(name) : parent.resolve(name), StandardCharsets.UTF_8), profile);
    }

    /**
     * Checks a change that arrived as text, such as over the admin API, with the files its edits name attached.
     *
     * @param name     the change file's name, for error messages.
     * @param text     the change file's YAML.
     * @param attached the files its edits name in {@code file:}, by name as written.
     * @param profile  the network the change is for.
     * @return the change.
     * @throws ChangeException listing every error when the change is not valid or names a file not attached.
     */
    public static ChangeSpec parse(
        final Path name, final String text, final Map<String, String> attached, final NetworkProfile profile)
        throws ChangeException
    {
        return check(YamlFile.of(name, text), fileName ->
        {
            final String xml = attached.get(fileName);
            if (null == xml)
            {
                throw new NoSuchFileException(fileName, null, "not attached to the change");
            }
            return xml;
        }, profile);
    }

    private static ChangeSpec check(final YamlFile yaml, final XmlFiles xmlFiles, final NetworkProfile profile)
        throws ChangeException
    {
        final ChangeDocument document = yaml.bind(ChangeDocument.class);
        if (null == document)
        {
            if (!yaml.hasErrors())
            {
                yaml.error("id", "missing; a change needs id, description and edits");
            }
            throw new ChangeException(yaml.errors());
        }
        if (yaml.require(document.id(), "id") && !ID.matcher(document.id()).matches())
        {
            yaml.error("id", "'" + document.id() + "' is not a valid id; use letters, digits, '.', '_' and '-'");
        }
        yaml.require(document.description(), "description");
        final List<ChangeSpec.Edit> edits = checkEdits(yaml, document.edits(), xmlFiles, profile);
        final List<ChangeSpec.Wave> waves = checkWaves(yaml, document.waves(), document.edits(), profile);
        if (yaml.hasErrors())
        {
            throw new ChangeException(yaml.errors());
        }
        return new ChangeSpec(document.id(), document.description().strip(), edits, waves);
    }

    private static List<ChangeSpec.Edit> checkEdits(
        final YamlFile yaml,
        final List<ChangeDocument.EditEntry> entries,
        final XmlFiles xmlFiles,
        final NetworkProfile profile)
    {
        final List<ChangeSpec.Edit> edits = new ArrayList<>();
        if (null == entries || entries.isEmpty())
        {
            if (yaml.require(entries, "edits"))
            {
                yaml.error("edits", "a change needs at least one edit");
            }
            return edits;
        }
        final Map<String, String> devicePaths = new HashMap<>();
        for (int i = 0; i < entries.size(); i++)
        {
            final String path = element("edits", i);
            final ChangeDocument.EditEntry entry = entries.get(i);
            if (null == entry)
            {
                yaml.error(path, "empty entry; an edit needs device and config (or file)");
                continue;
            }
            final String device = checkDevice(yaml, entry.device(), field(path, "device"), profile, devicePaths);
            final String xml = xmlOf(yaml, entry, path, xmlFiles);
            if (null != device && null != xml)
            {
                edits.add(new ChangeSpec.Edit(device, xml));
            }
        }
        return edits;
    }

    private static String checkDevice(
        final YamlFile yaml,
        final String device,
        final String path,
        final NetworkProfile profile,
        final Map<String, String> devicePaths)
    {
        if (!yaml.require(device, path))
        {
            return null;
        }
        if (profile.device(device).isEmpty())
        {
            yaml.error(path, "unknown device '" + device + "'");
            return null;
        }
        final String first = devicePaths.putIfAbsent(device, path);
        if (null != first)
        {
            yaml.error(path, "device '" + device + "' is already edited at line " + yaml.lineOf(first) +
                "; a change has one edit per device");
            return null;
        }
        return device;
    }

    private static String xmlOf(
        final YamlFile yaml, final ChangeDocument.EditEntry entry, final String path, final XmlFiles xmlFiles)
    {
        final String configPath = field(path, "config");
        final String filePath = field(path, "file");
        if (null != entry.config() && null != entry.file())
        {
            yaml.error(filePath, "give the XML either inline in config or in a file, not both");
            return null;
        }
        if (null == entry.config() && null == entry.file())
        {
            if (yaml.contains(configPath))
            {
                yaml.require(entry.config(), configPath);
            }
            else if (yaml.contains(filePath))
            {
                yaml.require(entry.file(), filePath);
            }
            else
            {
                yaml.error(configPath, "missing; an edit needs its XML in config or a file name in file");
            }
            return null;
        }
        final String xml = null != entry.config() ? entry.config() : readXml(yaml, entry.file(), filePath, xmlFiles);
        if (null != xml && isValidEdit(yaml, xml, null != entry.config() ? configPath : filePath))
        {
            return xml;
        }
        return null;
    }

    private static String readXml(final YamlFile yaml, final String name, final String path, final XmlFiles xmlFiles)
    {
        try
        {
            return xmlFiles.read(name);
        }
        catch (final NoSuchFileException ex)
        {
            yaml.error(path, "cannot read " + ex.getFile() + ": " + (null == ex.getReason() ? "no such file" :
                ex.getReason()));
            return null;
        }
        catch (final IOException ex)
        {
            yaml.error(path, "cannot read " + name + ": " + ex.getMessage());
            return null;
        }
    }

    private static boolean isValidEdit(final YamlFile yaml, final String xml, final String path)
    {
        try
        {
            DeviceConfigXml.applyEdit(DeviceConfig.empty(), xml);
            return true;
        }
        catch (final DeviceConfigException ex)
        {
            if (DEPENDS_ON_DEVICE_DATA.contains(ex.kind()))
            {
                return true;
            }
            yaml.error(path, ex.getMessage());
            return false;
        }
    }

    private static List<ChangeSpec.Wave> checkWaves(
        final YamlFile yaml,
        final List<ChangeDocument.WaveEntry> entries,
        final List<ChangeDocument.EditEntry> edits,
        final NetworkProfile profile)
    {
        if (null == entries)
        {
            if (yaml.contains("waves"))
            {
                yaml.error("waves", "needs at least one wave; leave waves out to deploy every device at once");
            }
            return List.of();
        }
        if (entries.isEmpty())
        {
            yaml.error("waves", "needs at least one wave; leave waves out to deploy every device at once");
            return List.of();
        }
        final List<String> edited = null == edits ? List.of() : edits.stream()
            .filter(entry -> null != entry && null != entry.device())
            .map(ChangeDocument.EditEntry::device)
            .distinct()
            .toList();
        final Map<String, String> named = new LinkedHashMap<>();
        final Map<String, String> waveNames = new HashMap<>();
        final int errorsBefore = yaml.errorCount();
        for (int i = 0; i < entries.size(); i++)
        {
            checkWaveEntry(yaml, entries.get(i), i, edited, profile, named, waveNames);
        }
        if (yaml.errorCount() > errorsBefore)
        {
            return List.of();
        }
        return placeDevices(yaml, entries, edited, named.keySet());
    }

    private static void checkWaveEntry(
        final YamlFile yaml,
        final ChangeDocument.WaveEntry entry,
        final int index,
        final List<String> edited,
        final NetworkProfile profile,
        final Map<String, String> named,
        final Map<String, String> waveNames)
    {
        final String path = element("waves", index);
        if (null == entry)
        {
            yaml.error(path, "empty entry; a wave needs devices or a share");
            return;
        }
        final String name = waveName(entry, index);
        if (!ID.matcher(name).matches())
        {
            yaml.error(field(path, "name"), "'" + name + "' is not a valid wave name; use letters, digits, '.', " +
                "'_' and '-'");
        }
        final String earlier = waveNames.putIfAbsent(name, path);
        if (null != earlier)
        {
            yaml.error(field(path, "name"), "wave '" + name + "' is already named at line " + yaml.lineOf(earlier));
        }
        if (null != entry.devices() && null != entry.share())
        {
            yaml.error(field(path, "share"), "give a wave either devices or a share, not both");
            return;
        }
        if (null == entry.devices() && null == entry.share())
        {
            if (!yaml.contains(field(path, "share")) && !yaml.contains(field(path, "devices")))
            {
                yaml.error(path, "a wave needs devices (a list of names) or a share (such as 25%)");
            }
            return;
        }
        if (null != entry.share() && !(entry.share() > 0))
        {
            yaml.error(field(path, "share"), "must be above 0%");
        }
        if (null != entry.devices())
        {
            checkWaveDevices(yaml, entry.devices(), field(path, "devices"), edited, profile, named, name);
        }
    }

    private static void checkWaveDevices(
        final YamlFile yaml,
        final List<String> devices,
        final String path,
        final List<String> edited,
        final NetworkProfile profile,
        final Map<String, String> named,
        final String waveName)
    {
        if (devices.isEmpty())
        {
            yaml.error(path, "needs at least one device");
        }
        for (int d = 0; d < devices.size(); d++)
        {
            final String device = devices.get(d);
            final String devicePath = element(path, d);
            if (null == device)
            {
                yaml.error(devicePath, "needs a device name");
            }
            else if (profile.device(device).isEmpty())
            {
                yaml.error(devicePath, "unknown device '" + device + "'");
            }
            else if (!edited.contains(device))
            {
                yaml.error(devicePath, "device '" + device + "' has no edit in this change");
            }
            else
            {
                final String first = named.putIfAbsent(device, waveName);
                if (null != first)
                {
                    yaml.error(devicePath, "device '" + device + "' is already in wave '" + first + "'");
                }
            }
        }
    }

    private static List<ChangeSpec.Wave> placeDevices(
        final YamlFile yaml,
        final List<ChangeDocument.WaveEntry> entries,
        final List<String> edited,
        final Set<String> named)
    {
        final Set<String> unplaced = new LinkedHashSet<>(edited);
        unplaced.removeAll(named);
        final List<ChangeSpec.Wave> waves = new ArrayList<>();
        int placed = 0;
        for (int i = 0; i < entries.size(); i++)
        {
            final ChangeDocument.WaveEntry entry = entries.get(i);
            final List<String> devices;
            if (null != entry.devices())
            {
                devices = entry.devices();
            }
            else
            {
                final int target = (int)Math.ceil(entry.share() * edited.size() - 1e-9);
                devices = unplaced.stream().limit(Math.max(0, target - placed)).toList();
                if (devices.isEmpty())
                {
                    yaml.error(field(element("waves", i), "share"), "gets no device: the waves before it " +
                        "already deploy " + placed + " of the change's " + edited.size() + " devices" +
                        (unplaced.isEmpty() ? ", and every other device is named by a wave" : ""));
                    continue;
                }
                devices.forEach(unplaced::remove);
            }
            placed += devices.size();
            waves.add(new ChangeSpec.Wave(waveName(entry, i), devices));
        }
        if (!unplaced.isEmpty())
        {
            yaml.error("waves", "devices in no wave: " + String.join(", ", unplaced) +
                "; end with a wave of share: 100%");
        }
        return waves;
    }

    private static String waveName(final ChangeDocument.WaveEntry entry, final int index)
    {
        return null == entry.name() || entry.name().isBlank() ? "wave-" + (index + 1) : entry.name().strip();
    }

    @FunctionalInterface
    private interface XmlFiles
    {
        String read(String name) throws IOException;
    }
}
