package io.netshadow.controlplane.jmx;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanConstructorInfo;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A read-only MBean whose attributes are the entries of a map read afresh on every access: counters by label,
 * latest KPI by series. Attribute names are the map's keys; values are numbers.
 */
public final class ReadOnlyMapMBean implements DynamicMBean
{
    private final String description;
    private final Supplier<Map<String, ? extends Number>> values;

    /**
     * Creates the MBean.
     *
     * @param description what the attributes are, shown by JMX clients.
     * @param values      reads the current attributes.
     */
    public ReadOnlyMapMBean(final String description, final Supplier<Map<String, ? extends Number>> values)
    {
        this.description = description;
        this.values = values;
    }

    @Override
    public Object getAttribute(final String attribute) throws AttributeNotFoundException
    {
        final Number value = values.get().get(attribute);
        if (null == value)
        {
            throw new AttributeNotFoundException("no attribute " + attribute);
        }
        return value;
    }

    @Override
    public void setAttribute(final Attribute attribute)
    {
        throw new UnsupportedOperationException("read-only: " + attribute.getName());
    }

    @Override
    public AttributeList getAttributes(final String[] attributes)
    {
        final Map<String, ? extends Number> current = values.get();
        final AttributeList list = new AttributeList();
        for (final String name : attributes)
        {
            final Number value = current.get(name);
            if (null != value)
            {
                list.add(new Attribute(name, value));
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(final AttributeList attributes)
    {
        return new AttributeList();
    }

    @Override
    public Object invoke(final String actionName, final Object[] params, final String[] signature)
    {
        throw new UnsupportedOperationException("no operations: " + actionName);
    }

    @Override
    public MBeanInfo getMBeanInfo()
    {
        final Map<String, ? extends Number> current = values.get();
        final MBeanAttributeInfo[] attributes = current.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(entry -> new MBeanAttributeInfo(
                entry.getKey(), entry.getValue().getClass().getName(), entry.getKey(), true, false, false))
            .toArray(MBeanAttributeInfo[]::new);
        return new MBeanInfo(
            getClass().getName(), description, attributes, new MBeanConstructorInfo[0],
            new MBeanOperationInfo[0], new MBeanNotificationInfo[0]);
    }
}
