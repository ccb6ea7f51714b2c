package io.netshadow.dataplane.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AclEntryTest
{
    private static final int SRC = Ipv4Prefix.parseAddress("10.1.1.5");
    private static final int DST = Ipv4Prefix.parseAddress("10.2.0.9");

    @Test
    void matchesOnlyWhenEveryConditionHolds()
    {
        final AclEntry entry = AclEntry.matchingAll("web", AclAction.DROP)
            .withSourceNetwork(Ipv4Prefix.parse("10.1.1.0/24"))
            .withProtocol(AclEntry.TCP)
            .withDestinationPorts(PortMatch.equalTo(80));

        assertThat(entry.matches(SRC, DST, AclEntry.TCP, 40000, 80)).isTrue();
        assertThat(entry.matches(SRC, DST, AclEntry.TCP, 40000, 443)).isFalse();
        assertThat(entry.matches(SRC, DST, AclEntry.UDP, 40000, 80)).isFalse();
        assertThat(entry.matches(Ipv4Prefix.parseAddress("10.1.2.5"), DST, AclEntry.TCP, 40000, 80)).isFalse();
    }

    @Test
    void negatedPortMatchesEveryOtherPort()
    {
        final PortMatch notSsh = PortMatch.notEqualTo(22);

        assertThat(notSsh.matches(22)).isFalse();
        assertThat(notSsh.matches(21)).isTrue();
        assertThat(notSsh.matches(65535)).isTrue();
    }

    @Test
    void portsNeedTcpOrUdp()
    {
        assertThatIllegalArgumentException().isThrownBy(
            () -> AclEntry.matchingAll("x", AclAction.DROP).withDestinationPorts(PortMatch.equalTo(80)));
        assertThatIllegalArgumentException().isThrownBy(() -> PortMatch.range(10, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new PortMatch(1, 2, true));
    }
}
