package io.netshadow.dataplane.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The configuration of one device that a change can touch: interfaces, static routes, ACLs and where they are
 * attached, and ingress policers. Immutable; the maps keep the order in which entries were added.
 * <p>
 * An interface absent from {@link #interfaces()} is enabled with an MTU of 1500 bytes (see
 * {@link #interfaceConfig(String)}).
 *
 * @param interfaces      interface settings by interface name.
 * @param staticRoutes    static routes by destination prefix.
 * @param acls            ACLs by name.
 * @param aclAttachments  ACLs applied to interfaces, by interface name; every name refers to an ACL in {@code acls}.
 * @param ingressPolicers ingress policers by interface name.
 */
public record DeviceConfig(
    Map<String, InterfaceConfig> interfaces,
    Map<Ipv4Prefix, StaticRoute> staticRoutes,
    Map<String, Acl> acls,
    Map<String, AclAttachment> aclAttachments,
    Map<String, Policer> ingressPolicers)
{
    private static final DeviceConfig EMPTY = new DeviceConfig(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    /**
     * Checks and copies the maps.
     *
     * @throws IllegalArgumentException when a key differs from its value's name or an attachment names an ACL
     *                                  that does not exist.
     */
    public DeviceConfig
    {
        interfaces = copy(interfaces, InterfaceConfig::name, "interface");
        staticRoutes = copy(staticRoutes, StaticRoute::destinationPrefix, "static route");
        acls = copy(acls, Acl::name, "ACL");
        aclAttachments = copy(aclAttachments, AclAttachment::interfaceName, "ACL attachment");
        ingressPolicers = copy(ingressPolicers, Policer::interfaceName, "policer");
        for (final AclAttachment attachment : aclAttachments.values())
        {
            for (final String aclName : attachment.ingressAclNames())
            {
                requireAcl(acls, attachment.interfaceName(), aclName);
            }
            for (final String aclName : attachment.egressAclNames())
            {
                requireAcl(acls, attachment.interfaceName(), aclName);
            }
        }
    }

    /**
     * The configuration with nothing set: every interface enabled with the default MTU, no static routes, ACLs or
     * policers.
     *
     * @return the empty configuration.
     */
    public static DeviceConfig empty()
    {
        return EMPTY;
    }

    /**
     * The settings of an interface, defaults when the configuration does not mention it.
     *
     * @param name interface name.
     * @return its settings.
     */
    public InterfaceConfig interfaceConfig(final String name)
    {
        final InterfaceConfig config = interfaces.get(name);
        return null == config ? InterfaceConfig.defaults(name) : config;
    }

    /**
     * This configuration with an interface's settings added or replaced.
     *
     * @param config the interface settings.
     * @return the changed configuration.
     */
    public DeviceConfig withInterface(final InterfaceConfig config)
    {
        return new DeviceConfig(
            put(interfaces, config.name(), config), staticRoutes, acls, aclAttachments, ingressPolicers);
    }

    /**
     * This configuration with a static route added or replaced.
     *
     * @param route the route.
     * @return the changed configuration.
     */
    public DeviceConfig withStaticRoute(final StaticRoute route)
    {
        return new DeviceConfig(
            interfaces, put(staticRoutes, route.destinationPrefix(), route), acls, aclAttachments, ingressPolicers);
    }

    /**
     * This configuration with an ACL added or replaced.
     *
     * @param acl the ACL.
     * @return the changed configuration.
     */
    public DeviceConfig withAcl(final Acl acl)
    {
        return new DeviceConfig(interfaces, staticRoutes, put(acls, acl.name(), acl), aclAttachments, ingressPolicers);
    }

    /**
     * This configuration with an interface's ACL attachment added or replaced.
     *
     * @param attachment the attachment; the ACLs it names must exist.
     * @return the changed configuration.
     */
    public DeviceConfig withAclAttachment(final AclAttachment attachment)
    {
        return new DeviceConfig(
            interfaces,
            staticRoutes,
            acls,
            put(aclAttachments, attachment.interfaceName(), attachment),
            ingressPolicers);
    }

    /**
     * This configuration with an ingress policer added or replaced.
     *
     * @param policer the policer.
     * @return the changed configuration.
     */
    public DeviceConfig withIngressPolicer(final Policer policer)
    {
        return new DeviceConfig(
            interfaces, staticRoutes, acls, aclAttachments, put(ingressPolicers, policer.interfaceName(), policer));
    }

    private static <K, V> Map<K, V> copy(final Map<K, V> map, final Function<V, K> keyOf, final String what)
    {
        final LinkedHashMap<K, V> copy = new LinkedHashMap<>();
        for (final Map.Entry<K, V> entry : map.entrySet())
        {
            final V value = Objects.requireNonNull(entry.getValue(), what);
            if (!entry.getKey().equals(keyOf.apply(value)))
            {
                throw new IllegalArgumentException(
                    what + " " + keyOf.apply(value) + " is filed under " + entry.getKey());
            }
            copy.put(entry.getKey(), value);
        }
        return Collections.unmodifiableSequencedMap(copy);
    }

    private static <K, V> Map<K, V> put(final Map<K, V> map, final K key, final V value)
    {
        final LinkedHashMap<K, V> copy = new LinkedHashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static void requireAcl(final Map<String, Acl> acls, final String interfaceName, final String aclName)
    {
        if (!acls.containsKey(aclName))
        {
            throw new IllegalArgumentException("interface " + interfaceName + " is attached to missing ACL " + aclName);
        }
    }
}
