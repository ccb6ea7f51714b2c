package io.netshadow.dataplane.ingest;

import io.netshadow.dataplane.packet.DecodeResult;
import io.netshadow.dataplane.packet.EncapsulationResult;
import io.netshadow.dataplane.pipeline.DataPlaneCounters;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The ingest's counters, allocated once when the ingest is built so they are visible before the first datagram,
 * and shared by every ingest thread (their increments are atomic).
 */
final class IngestCounters
{
    final AtomicCounter datagrams;
    final AtomicCounter geneveDatagrams;
    final AtomicCounter published;
    final AtomicCounter badVxlan;
    final AtomicCounter unknownVni;
    final AtomicCounter oversizeFrame;
    final AtomicCounter ringFull;
    final AtomicCounter errors;
    final AtomicCounter unknownGeneveVni;
    private final AtomicCounter[] decodeResults;
    private final AtomicCounter[] encapsulationResults;

    IngestCounters(final DataPlaneCounters counters)
    {
        datagrams = counters.counter(VxlanIngest.DATAGRAMS);
        geneveDatagrams = counters.counter(VxlanIngest.GENEVE_DATAGRAMS);
        published = counters.counter(VxlanIngest.PUBLISHED);
        badVxlan = counters.counter(VxlanIngest.BAD_VXLAN);
        unknownVni = counters.counter(VxlanIngest.UNKNOWN_VNI);
        oversizeFrame = counters.counter(VxlanIngest.OVERSIZE_FRAME);
        ringFull = counters.counter(VxlanIngest.RING_FULL);
        errors = counters.counter(VxlanIngest.ERRORS);
        unknownGeneveVni = counters.counter(VxlanIngest.UNKNOWN_GENEVE_VNI);
        final DecodeResult[] results = DecodeResult.values();
        decodeResults = new AtomicCounter[results.length];
        for (final DecodeResult result : results)
        {
            decodeResults[result.ordinal()] = counters.counter(result.counterLabel());
        }
        final EncapsulationResult[] encapsulations = EncapsulationResult.values();
        encapsulationResults = new AtomicCounter[encapsulations.length];
        for (final EncapsulationResult result : encapsulations)
        {
            encapsulationResults[result.ordinal()] = counters.counter(result.counterLabel());
        }
    }

    AtomicCounter encapsulationResult(final EncapsulationResult result)
    {
        return encapsulationResults[result.ordinal()];
    }

    AtomicCounter decodeResult(final DecodeResult result)
    {
        return decodeResults[result.ordinal()];
    }
}
