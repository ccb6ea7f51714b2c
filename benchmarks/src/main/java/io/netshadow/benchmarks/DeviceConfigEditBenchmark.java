package io.netshadow.benchmarks;

import io.netshadow.dataplane.device.Acl;
import io.netshadow.dataplane.device.AclAction;
import io.netshadow.dataplane.device.AclAttachment;
import io.netshadow.dataplane.device.AclEntry;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigException;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Ipv4Prefix;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.PortMatch;
import io.netshadow.dataplane.device.StaticRoute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Microseconds to apply, on the control-plane path, an edit-config that adds a 50-entry ACL and attaches it to an
 * interface of a device that already has interfaces, static routes, an ACL and a policer: parsing the XML, merging
 * it into the configuration tree and decoding the result with {@link DeviceConfigXml#applyEdit}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class DeviceConfigEditBenchmark
{
    private static final int EDIT_ACL_ENTRIES = 50;
    private static final int BASE_ACL_ENTRIES = 10;
    private static final int BASE_STATIC_ROUTES = 10;
    private static final int BASE_INTERFACES = 4;

    private DeviceConfig base;
    private String editXml;

    /**
     * Builds the device's configuration and the edit, written by {@link DeviceConfigXml#toXml} so it is valid.
     *
     * @throws DeviceConfigException when the edit does not apply.
     */
    @Setup
    public void setUp() throws DeviceConfigException
    {
        DeviceConfig config = DeviceConfig.empty();
        for (int i = 0; i < BASE_INTERFACES; i++)
        {
            config = config.withInterface(new InterfaceConfig("eth" + i, true, 9000));
        }
        for (int i = 0; i < BASE_STATIC_ROUTES; i++)
        {
            config = config.withStaticRoute(StaticRoute.via("10.100." + i + ".0/24", "eth" + i % BASE_INTERFACES));
        }
        base = config
            .withAcl(acl("edge-in", BASE_ACL_ENTRIES))
            .withAclAttachment(AclAttachment.ingress("eth0", "edge-in"))
            .withIngressPolicer(new Policer("eth0", 1_000_000_000L, 1_000_000));

        editXml = DeviceConfigXml.toXml(DeviceConfig.empty()
            .withAcl(acl("core-in", EDIT_ACL_ENTRIES))
            .withAclAttachment(AclAttachment.ingress("eth1", "core-in")));
        final int entryCount = applyEdit().acls().get("core-in").entries().size();
        if (EDIT_ACL_ENTRIES != entryCount)
        {
            throw new IllegalStateException("the edit left " + entryCount + " entries");
        }
    }

    /**
     * Applies the edit to the device's configuration.
     *
     * @return the configuration after the edit.
     * @throws DeviceConfigException when the edit does not apply.
     */
    @Benchmark
    public DeviceConfig applyEdit() throws DeviceConfigException
    {
        return DeviceConfigXml.applyEdit(base, editXml);
    }

    private static Acl acl(final String name, final int entryCount)
    {
        final List<AclEntry> entries = new ArrayList<>(entryCount);
        for (int i = 0; i < entryCount; i++)
        {
            entries.add(AclEntry.matchingAll(name + "-" + i, 0 == i % 2 ? AclAction.DROP : AclAction.ACCEPT)
                .withSourceNetwork(Ipv4Prefix.parse("10." + i + ".0.0/16"))
                .withDestinationNetwork(Ipv4Prefix.parse("192.168." + i + ".0/24"))
                .withProtocol(AclEntry.TCP)
                .withDestinationPorts(PortMatch.range(1000 + i, 2000 + i)));
        }
        return new Acl(name, entries);
    }
}
