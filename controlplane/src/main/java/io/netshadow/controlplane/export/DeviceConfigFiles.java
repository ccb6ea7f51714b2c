package io.netshadow.controlplane.export;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads device configurations from a directory: {@code DEVICE.xml} per device, each a NETCONF {@code <config>}
 * document applied to the empty configuration.
 */
public final class DeviceConfigFiles
{
    private DeviceConfigFiles()
    {
    }

    /**
     * Reads the configurations of the named devices that have a file.
     *
     * @param directory the directory, or null for none.
     * @param devices   the device names to look for.
     * @return configurations by device name; devices without a file are left out.
     * @throws ExportException when a file is not a valid configuration, naming the device.
     * @throws IOException     when a file cannot be read.
     */
    public static Map<String, DeviceConfig> read(final Path directory, final List<String> devices)
        throws ExportException, IOException
    {
        final Map<String, DeviceConfig> configs = new LinkedHashMap<>();
        if (null == directory)
        {
            return configs;
        }
        if (!Files.isDirectory(directory))
        {
            throw new ExportException("the configuration directory " + directory + " does not exist");
        }
        for (final String device : devices)
        {
            final Path file = directory.resolve(device + ".xml");
            if (Files.isRegularFile(file))
            {
                try
                {
                    configs.put(device, DeviceConfigXml.applyEdit(DeviceConfig.empty(), Files.readString(file)));
                }
                catch (final DeviceConfigException ex)
                {
                    throw new ExportException("device " + device + ": " + file + ": " + ex.getMessage());
                }
            }
        }
        return configs;
    }
}
