package io.netshadow.controlplane.jmx;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registers the appliance's MBeans under the {@code io.netshadow} domain on the platform MBean server and removes
 * them again on close.
 */
public final class JmxRegistry implements AutoCloseable
{
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    /**
     * Registers a read-only map of numbers as {@code io.netshadow:type=TYPE}.
     *
     * @param type        the MBean's type key, e.g. {@code DataPlane}.
     * @param description what the attributes are.
     * @param values      reads the current attributes.
     * @return the registered name.
     */
    public ObjectName register(
        final String type, final String description, final Supplier<Map<String, ? extends Number>> values)
    {
        try
        {
            final ObjectName name = new ObjectName("io.netshadow", "type", type);
            if (server.isRegistered(name))
            {
                server.unregisterMBean(name);
            }
            server.registerMBean(new ReadOnlyMapMBean(description, values), name);
            registered.add(name);
            return name;
        }
        catch (final JMException ex)
        {
            throw new IllegalStateException("cannot register MBean io.netshadow:type=" + type, ex);
        }
    }

    @Override
    public void close()
    {
        for (final ObjectName name : registered)
        {
            try
            {
                server.unregisterMBean(name);
            }
            catch (final JMException ignore)
            {
                // already gone: nothing to remove
            }
        }
        registered.clear();
    }
}
