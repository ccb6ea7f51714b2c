package io.netshadow.dataplane.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class Ipv4PrefixTest
{
    @Test
    void parsesCidrAndPrintsItBack()
    {
        final Ipv4Prefix prefix = Ipv4Prefix.parse("10.1.0.0/16");

        assertThat(prefix.address()).isEqualTo(10 << 24 | 1 << 16);
        assertThat(prefix.prefixLength()).isEqualTo(16);
        assertThat(prefix.mask()).isEqualTo(0xFFFF0000);
        assertThat(prefix).hasToString("10.1.0.0/16");
    }

    @Test
    void containsExactlyTheAddressesSharingThePrefix()
    {
        final Ipv4Prefix prefix = Ipv4Prefix.parse("192.168.4.0/22");

        assertThat(prefix.contains(Ipv4Prefix.parseAddress("192.168.7.255"))).isTrue();
        assertThat(prefix.contains(Ipv4Prefix.parseAddress("192.168.8.0"))).isFalse();
        assertThat(Ipv4Prefix.ANY.contains(Ipv4Prefix.parseAddress("255.255.255.255"))).isTrue();
        assertThat(Ipv4Prefix.parse("10.0.0.1/32").contains(Ipv4Prefix.parseAddress("10.0.0.1"))).isTrue();
    }

    @Test
    void refusesTextThatIsNotCanonicalCidr()
    {
        for (final String text : new String[]{"10.1.0.0", "10.1.0.0/33", "10.1.0/16", "10.1.0.256/24", "010.1.0.0/16",
            "10.1.0.1/16", "10.1.0.0/-1", "a.b.c.d/8", ""})
        {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> Ipv4Prefix.parse(text));
        }
    }
}
