package io.netshadow.dataplane.ingest.gre;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GreSocketTest
{
    @Test
    void theMissingCapabilityMessageNamesCapNetRawAndTheSocketsPurpose()
    {
        assertThat(GreSocket.missingCapabilityMessage("ERSPAN ingest on 0.0.0.0", "Operation not permitted (errno 1)"))
            .startsWith("a raw GRE socket for ERSPAN ingest on 0.0.0.0 needs CAP_NET_RAW")
            .contains("run as root or grant the capability")
            .endsWith("(Operation not permitted (errno 1))");
    }

    @Test
    void refusesAnIpv6BindAddressBeforeOpeningAnything()
    {
        assertThatThrownBy(() -> GreSocket.openReceiver("::1", 1 << 16))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'::1' is not IPv4");
    }
}
