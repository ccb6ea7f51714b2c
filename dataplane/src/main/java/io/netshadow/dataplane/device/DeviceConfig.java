package io.netshadow.dataplane.device;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The configuration of one device that a change can touch: interfaces, static routes, ACLs and where they are
 * attached, ingress policers, egress shapers and per-class egress queues. Immutable; the maps keep the order in
 * which entries were added.
 * <p>
 * An interface absent from {@link #interfaces()} is enabled with an MTU of 1500 bytes (see
 * {@link #interfaceConfig(String)}).
 *
 * @param interfaces      interface settings by interface name.
 * @param staticRoutes    static routes by destination prefix.
 * @param acls            ACLs by name.
 * @param aclAttachments  ACLs applied to interfaces, by interface name; every name refers to an ACL in {@code acls}.
 * @param ingressPolicers ingress policers by interface name.
 * @param egressShapers   egress shapers by interface name; each burst at least its interface's MTU.
 * @param egressQueues    per-class egress queues by interface name.
 */
public record DeviceConfig(
    Map<String, InterfaceConfig> interfaces,
    Map<Ipv4Prefix, StaticRoute> staticRoutes,
    Map<String, Acl> acls,
    Map<String, AclAttachment> aclAttachments,
    Map<String, Policer> ingressPolicers,
    Map<String, Shaper> egressShapers,
    Map<String, EgressQueues> egressQueues)
{
    private static final DeviceConfig EMPTY =
        new DeviceConfig(Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    /**
     * Checks and copies the maps.
     *
     * @throws IllegalArgumentException when a key differs from its value's name, an attachment names an ACL
     *                                  that does not exist, or a shaper's burst is below its interface's MTU.
     */
    public DeviceConfig
    {
        interfaces = copy(interfaces, InterfaceConfig::name, "interface");
        staticRoutes = copy(staticRoutes, StaticRoute::destinationPrefix, "static route");
        acls = copy(acls, Acl::name, "ACL");
        aclAttachments = copy(aclAttachments, AclAttachment::interfaceName, "ACL attachment");
        ingressPolicers = copy(ingressPolicers, Policer::interfaceName, "policer");
        egressShapers = copy(egressShapers, Shaper::interfaceName, "shaper");
        egressQueues = copy(egressQueues, EgressQueues::interfaceName, "egress queues");
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
        for (final Shaper shaper : egressShapers.values())
        {
            final InterfaceConfig settings = interfaces.get(shaper.interfaceName());
            final int mtuBytes = null == settings ? InterfaceConfig.DEFAULT_MTU_BYTES : settings.mtuBytes();
            if (shaper.burstBytes() < mtuBytes)
            {
                throw new IllegalArgumentException("shaper on " + shaper.interfaceName() + " has burst-bytes " +
                    shaper.burstBytes() + ", below the interface MTU " + mtuBytes + ", so a full-size packet could " +
                    "never leave");
            }
        }
    }

    /**
     * The configuration with nothing set: every interface enabled with the default MTU and one FIFO egress queue, no
     * static routes, ACLs, policers or shapers.
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
            put(interfaces, config.name(), config),
            staticRoutes,
            acls,
            aclAttachments,
            ingressPolicers,
            egressShapers,
            egressQueues);
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
            interfaces,
            put(staticRoutes, route.destinationPrefix(), route),
            acls,
            aclAttachments,
            ingressPolicers,
            egressShapers,
            egressQueues);
    }

    /**
     * This configuration with an ACL added or replaced.
     *
     * @param acl the ACL.
     * @return the changed configuration.
     */
    public DeviceConfig withAcl(final Acl acl)
    {
        return new DeviceConfig(
            interfaces,
            staticRoutes,
            put(acls, acl.name(), acl),
            aclAttachments,
            ingressPolicers,
            egressShapers,
            egressQueues);
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
            ingressPolicers,
            egressShapers,
            egressQueues);
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
            interfaces,
            staticRoutes,
            acls,
            aclAttachments,
            put(ingressPolicers, policer.interfaceName(), policer),
            egressShapers,
            egressQueues);
    }

    /**
     * This configuration with an egress shaper added or replaced.
     *
     * @param shaper the shaper; its burst must be at least its interface's MTU.
     * @return the changed configuration.
     */
    public DeviceConfig withEgressShaper(final Shaper shaper)
    {
        return new DeviceConfig(
            interfaces,
            staticRoutes,
            acls,
            aclAttachments,
            ingressPolicers,
            put(egressShapers, shaper.interfaceName(), shaper),
            egressQueues);
    }

    /**
     * This configuration with an interface's egress queues added or replaced.
     *
     * @param queues the queues.
     * @return the changed configuration.
     */
    public DeviceConfig withEgressQueues(final EgressQueues queues)
    {
        return new DeviceConfig(
            interfaces,
            staticRoutes,
            acls,
            aclAttachments,
            ingressPolicers,
            egressShapers,
            put(egressQueues, queues.interfaceName(), queues));
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
