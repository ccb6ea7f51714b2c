package io.netshadow.controlplane.fidelity;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PredictionTest
{
    private static final int PACKETS = 20;
    private static final int PER_STRATUM = 10;
    private static final int[] STRATUM_OF_PACKET = new int[PACKETS];
    private static final List<Prediction.Grouping> LEVELS =
        List.of(Prediction.Grouping.identity(2), new Prediction.Grouping(new int[] {0, 0}, 1));

    static
    {
        Arrays.fill(STRATUM_OF_PACKET, PER_STRATUM, PACKETS, 1);
    }

    @Test
    void aStratumTheShadowCarriesMovesByTheShadowsMeasuredChange()
    {
        final RunResult whole = run(PACKETS, 100, 0);
        final Prediction.Modelled wholeModel = modelled(PACKETS, 100, 100);
        final Prediction.Modelled shadowModel = modelled(PER_STRATUM, 100, 100);

        final Kpis predicted = Prediction.predict(whole, wholeModel, run(PER_STRATUM, 100, 0),
            run(PER_STRATUM, 400, 0), shadowModel, STRATUM_OF_PACKET, List.of(LEVELS.getFirst()));

        assertThat(predicted.latencyP99Ns()).isEqualTo(400);
        assertThat(predicted.lossRatio()).isZero();
    }

    @Test
    void aStratumTheShadowDoesNotCarryMovesByTheChangeOfItsModelledPathNotTheCarriedStratasShift()
    {
        final RunResult whole = run(PACKETS, 100, 0);
        final Prediction.Modelled wholeModel = modelled(PACKETS, 100, 150);
        Arrays.fill(wholeModel.afterNs(), PER_STRATUM, PACKETS, 300);
        final Prediction.Modelled shadowModel = modelled(PER_STRATUM, 100, 150);

        final Kpis predicted = Prediction.predict(whole, wholeModel, run(PER_STRATUM, 100, 0),
            run(PER_STRATUM, 150, 0), shadowModel, STRATUM_OF_PACKET, LEVELS);

        assertThat(predicted.latencyP99Ns()).isEqualTo(300);
    }

    @Test
    void aPacketWhoseChangedPathDropsItIsLostAndLeavesTheLatencies()
    {
        final RunResult whole = run(PACKETS, 100, 0);
        final Prediction.Modelled wholeModel = modelled(PACKETS, 100, 100);
        Arrays.fill(wholeModel.afterNs(), PER_STRATUM, PER_STRATUM + 5, PathModel.DROPPED);
        Arrays.fill(wholeModel.afterNs(), PER_STRATUM + 5, PACKETS, 900);
        final Prediction.Modelled shadowModel = modelled(PER_STRATUM, 100, 100);

        final Kpis predicted = Prediction.predict(whole, wholeModel, run(PER_STRATUM, 100, 0),
            run(PER_STRATUM, 100, 0), shadowModel, STRATUM_OF_PACKET, LEVELS);

        assertThat(predicted.lossRatio()).isCloseTo(5.0 / PACKETS, within(1e-12));
        assertThat(predicted.latencyP99Ns()).isEqualTo(900);
    }

    @Test
    void whatOnlyTheShadowsRunShowsIsBorrowedFromTheCoarserGroupBeyondWhatTheModelGives()
    {
        final RunResult whole = run(PACKETS, 100, 0);
        final Prediction.Modelled wholeModel = modelled(PACKETS, 100, 100);
        final Prediction.Modelled shadowModel = modelled(PER_STRATUM, 100, 100);

        final Kpis predicted = Prediction.predict(whole, wholeModel, run(PER_STRATUM, 100, 0),
            run(PER_STRATUM, 100, 2), shadowModel, STRATUM_OF_PACKET, LEVELS);

        assertThat(predicted.lossRatio()).isCloseTo(4.0 / PACKETS, within(1e-12));
    }

    /**
     * A run over the first {@code packets} packets, every delivered one of the given latency, the first
     * {@code lost} of each stratum lost.
     */
    private static RunResult run(final int packets, final long latencyNs, final int lost)
    {
        final long[] sent = new long[2];
        final long[] delivered = new long[2];
        final long[] lostOf = new long[2];
        final int[] latencyPacket = new int[packets - lost * (packets / PER_STRATUM)];
        int count = 0;
        for (int packet = 0; packet < packets; packet++)
        {
            final int stratum = STRATUM_OF_PACKET[packet];
            sent[stratum]++;
            if (packet % PER_STRATUM < lost)
            {
                lostOf[stratum]++;
            }
            else
            {
                delivered[stratum]++;
                latencyPacket[count++] = packet;
            }
        }
        final long[] latencies = new long[count];
        Arrays.fill(latencies, latencyNs);
        final int[] latencyStratum = Arrays.stream(latencyPacket).map(packet -> STRATUM_OF_PACKET[packet]).toArray();
        return new RunResult(sent, delivered, lostOf, 0, latencies, latencyStratum, latencyPacket, Map.of());
    }

    private static Prediction.Modelled modelled(final int packets, final long beforeNs, final long afterNs)
    {
        final long[] before = new long[PACKETS];
        final long[] after = new long[PACKETS];
        Arrays.fill(before, PathModel.NOT_CARRIED);
        Arrays.fill(after, PathModel.NOT_CARRIED);
        Arrays.fill(before, 0, packets, beforeNs);
        Arrays.fill(after, 0, packets, afterNs);
        return new Prediction.Modelled(before, after);
    }
}
