package io.netshadow.controlplane.fabric;

import io.netshadow.dataplane.fabric.DropReason;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LinuxFabricHousekeepingTest
{
    @Test
    void theFabricNeedsCapNetAdminAndCapSysAdminInTheEffectiveSet()
    {
        assertThat(FabricPrivileges.missingCapabilities("Name:\tjava\nCapEff:\t0000000000201000\n")).isEmpty();
        assertThat(FabricPrivileges.missingCapabilities("Name:\tjava\nCapEff:\t0000000000001000\n"))
            .containsExactly("CAP_SYS_ADMIN");
        assertThat(FabricPrivileges.missingCapabilities("Name:\tjava\nCapEff:\t000001fffedfefff\n"))
            .containsExactly("CAP_NET_ADMIN", "CAP_SYS_ADMIN");
        assertThat(FabricPrivileges.missingCapabilities("Name:\tjava\n")).hasSize(2);
        assertThat(FabricPrivileges.missingCapabilities("CapEff:\tnot-hex\n")).hasSize(2);
    }

    @Test
    void withoutAPrivilegeTheRefusalSaysWhatIsMissingAndHowToGetIt()
    {
        assertThat(FabricPrivileges.missing("the Linux shadow fabric", List.of("CAP_SYS_ADMIN")))
            .hasMessage("the Linux shadow fabric needs CAP_NET_ADMIN and CAP_SYS_ADMIN to create network " +
                "namespaces, veth pairs, nftables rules and tc qdiscs, and lacks CAP_SYS_ADMIN: run it as root, or " +
                "under systemd install systemd/netshadow-linux-fabric.conf as " +
                "/etc/systemd/system/netshadow.service.d/linux-fabric.conf and " +
                "systemd/netshadow-linux-fabric.tmpfiles.conf as /etc/tmpfiles.d/netshadow-linux-fabric.conf");
        assertThat(FabricPrivileges.unwritable("the Linux shadow fabric", FabricPrivileges.NAMESPACE_DIRECTORY))
            .hasMessageStartingWith("the Linux shadow fabric cannot create network namespaces: /run/netns is not " +
                "writable by this user; run it as root, or under systemd install");
    }

    @Test
    void everyInterfaceNameFitsFifteenBytes()
    {
        final LinuxNames names = new LinuxNames(4_194_303, 0xFFF);

        assertThat(names.underlayInterface()).isEqualTo("nsh3fffff-fff").hasSizeLessThanOrEqualTo(15);
        assertThat(LinuxNames.port(9999)).hasSizeLessThanOrEqualTo(15);
        assertThat(LinuxNames.policer(9999)).hasSizeLessThanOrEqualTo(15);
        assertThat(LinuxNames.edgeVxlan(99_999)).hasSizeLessThanOrEqualTo(15);
        assertThat(names.deviceNamespace(3)).isEqualTo("netshadow-4194303-4095-d3");
    }

    @Test
    void onlyOurNamesWhoseProcessHasGoneAreStale()
    {
        final long self = ProcessHandle.current().pid();
        final long gone = Long.MAX_VALUE / 2;

        assertThat(LinuxNames.isStaleNamespace("netshadow-" + gone + "-0-d1")).isTrue();
        assertThat(LinuxNames.isStaleNamespace("netshadow-" + self + "-0-d1")).isFalse();
        assertThat(LinuxNames.isStaleNamespace("other-" + gone + "-0-d1")).isFalse();
        assertThat(LinuxNames.isStaleUnderlay("nsh" + Long.toHexString(gone) + "-0")).isTrue();
        assertThat(LinuxNames.isStaleUnderlay("nsh" + Long.toHexString(self) + "-0")).isFalse();
        assertThat(LinuxNames.isStaleUnderlay("nsh-p1")).isFalse();
        assertThat(LinuxNames.isStaleUnderlay("eth0")).isFalse();
    }

    @Test
    void kernelCountersAreReadByTheReasonTheirRuleOrQueueStandsFor()
    {
        final String nft = String.join("\n",
            "table ip netshadow {",
            "  chain in-p1 {",
            "    ip saddr 10.1.0.0/24 counter packets 7 bytes 1400 drop comment \"acl-deny guard/dns\"",
            "    counter packets 9 bytes 900 return",
            "  }",
            "  chain forward {",
            "    oifname \"nsh-p2\" meta length > 1000 counter packets 5 bytes 5500 drop comment \"mtu-exceeded\"",
            "    ip ttl < 2 counter packets 2 bytes 80 drop comment \"ttl-expired\"",
            "  }",
            "}");
        final String tc = String.join("\n",
            "qdisc tbf 8025: dev nsh-p1 root refcnt 3 rate 1Gbit burst 125000b lat 31ms ",
            " Sent 6000000 bytes 6000 pkt (dropped 3, overlimits 0 requeues 0) ",
            "qdisc ingress ffff: dev nsh-p1 parent ffff:fff1 ---------------- ",
            " Sent 6000000 bytes 6000 pkt (dropped 0, overlimits 0 requeues 0) ",
            "qdisc tbf 8029: dev nsh-ifb1 root refcnt 2 rate 8Mbit burst 100000b limit 1500b ",
            " Sent 1282000 bytes 1282 pkt (dropped 4718, overlimits 5637 requeues 0) ");
        final long[] counts = new long[DropReason.values().length];

        KernelDropCounters.addTo(nft, tc, counts);

        assertThat(counts[DropReason.ACL_DENY.ordinal()]).isEqualTo(7);
        assertThat(counts[DropReason.MTU_EXCEEDED.ordinal()]).isEqualTo(5);
        assertThat(counts[DropReason.TTL_EXPIRED.ordinal()]).isEqualTo(2);
        assertThat(counts[DropReason.QUEUE_FULL.ordinal()]).isEqualTo(3);
        assertThat(counts[DropReason.POLICER.ordinal()]).isEqualTo(4718);
    }
}
