package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetconfFramingTest
{
    @Test
    void endOfMessageFramingRoundTripsMessages() throws IOException
    {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final NetconfFraming writer = new NetconfFraming(inputStreamOf(""), wire);
        writer.write("<hello/>");
        writer.write("<rpc message-id=\"1\"/>");

        final NetconfFraming reader = new NetconfFraming(new ByteArrayInputStream(wire.toByteArray()), null);

        assertThat(reader.read()).isEqualTo("<hello/>");
        assertThat(reader.read()).isEqualTo("<rpc message-id=\"1\"/>");
        assertThatThrownBy(reader::read).isInstanceOf(EOFException.class);
    }

    @Test
    void endOfMessageMarkerIsFoundAfterAPartialMatch() throws IOException
    {
        final NetconfFraming reader = new NetconfFraming(inputStreamOf("<a>]]</a>]]]>]]>"), null);

        assertThat(reader.read()).isEqualTo("<a>]]</a>]");
    }

    @Test
    void chunkedFramingJoinsChunksIntoOneMessage() throws IOException
    {
        final NetconfFraming reader = new NetconfFraming(
            inputStreamOf("\n#4\n<rpc\n#17\n message-id=\"102\"\n#2\n/>\n##\n"), null);
        reader.useChunkedFraming();

        assertThat(reader.read()).isEqualTo("<rpc message-id=\"102\"/>");
    }

    @Test
    void chunkedFramingRoundTripsMultibyteText() throws IOException
    {
        final ByteArrayOutputStream wire = new ByteArrayOutputStream();
        final NetconfFraming writer = new NetconfFraming(inputStreamOf(""), wire);
        writer.useChunkedFraming();
        writer.write("<description>Zürich ↔ Genève</description>");

        final NetconfFraming reader = new NetconfFraming(new ByteArrayInputStream(wire.toByteArray()), null);
        reader.useChunkedFraming();

        assertThat(reader.read()).isEqualTo("<description>Zürich ↔ Genève</description>");
    }

    @Test
    void badChunkHeaderIsAFramingError()
    {
        final NetconfFraming reader = new NetconfFraming(inputStreamOf("\n#0\n\n##\n"), null);
        reader.useChunkedFraming();

        assertThatThrownBy(reader::read).isInstanceOf(NetconfFramingException.class).hasMessageContaining("chunk size");
    }

    @Test
    void peerClosingInsideAMessageIsAFramingError()
    {
        final NetconfFraming reader = new NetconfFraming(inputStreamOf("<rpc>"), null);

        assertThatThrownBy(reader::read).isInstanceOf(NetconfFramingException.class).hasMessageContaining("inside");
    }

    private static ByteArrayInputStream inputStreamOf(final String text)
    {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
