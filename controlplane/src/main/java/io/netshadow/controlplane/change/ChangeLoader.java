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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.netshadow.controlplane.yaml.YamlLocations.element;
import static io.netshadow.controlplane.yaml.YamlLocations.field;

/**
 * Loads a change file and checks it against the network profile: its id and description, that every edit names a
 * device of the network, and that every edit's XML is a valid configuration edit. Every problem is reported, each
 * as {@code file:line: field: message}.
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
        final YamlFile yaml = YamlFile.read(file);
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
        final List<ChangeSpec.Edit> edits = checkEdits(yaml, document.edits(), file, profile);
        if (yaml.hasErrors())
        {
            throw new ChangeException(yaml.errors());
        }
        return new ChangeSpec(document.id(), document.description().strip(), edits);
    }

    private static List<ChangeSpec.Edit> checkEdits(
        final YamlFile yaml,
        final List<ChangeDocument.EditEntry> entries,
        final Path file,
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
            final String xml = xmlOf(yaml, entry, path, file);
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
        final YamlFile yaml, final ChangeDocument.EditEntry entry, final String path, final Path file)
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
        final String xml = null != entry.config() ? entry.config() : readXml(yaml, entry.file(), filePath, file);
        if (null != xml && isValidEdit(yaml, xml, null != entry.config() ? configPath : filePath))
        {
            return xml;
        }
        return null;
    }

    private static String readXml(final YamlFile yaml, final String name, final String path, final Path file)
    {
        final Path parent = file.toAbsolutePath().getParent();
        final Path xmlFile = null == parent ? Path.of(name) : parent.resolve(name);
        try
        {
            return Files.readString(xmlFile, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            yaml.error(path, "cannot read " + xmlFile + ": " +
                (ex instanceof NoSuchFileException ? "no such file" : ex.getMessage()));
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
}
