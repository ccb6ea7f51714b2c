package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.forecaster.Outcome;
import io.netshadow.forecaster.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.netshadow.controlplane.orchestrator.Edits.staged;
import static io.netshadow.controlplane.orchestrator.Edits.wave;
import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waves: each applied, then gated by the verdict; a failed gate rolls back every wave applied, last wave first.
 */
class StagedDeploymentTest
{
    private static final long MAX_WAIT_NS = Duration.ofSeconds(60).toNanos();
    private static final long MARGIN_NS = Duration.ofSeconds(30).toNanos();

    @TempDir
    Path historyDir;

    private final ManualClock clock = new ManualClock();
    private final ScriptedNetwork live = new ScriptedNetwork(clock, "core2", "core1", "dist1");
    private final ScriptedNetwork shadow = new ScriptedNetwork(clock, "core2", "core1");
    private HistoryJournal history;

    @BeforeEach
    void openHistory()
    {
        history = HistoryJournal.open(historyDir);
    }

    @AfterEach
    void closeHistory()
    {
        history.close();
    }

    @Test
    void gateFailingOnTheSecondWaveRollsBackTheFirstAfterTheSecond()
    {
        final ScriptedJudge judge = ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.NEGATIVE);

        final ChangeResult result = orchestrator(judge).run(
            staged("s1", wave("canary", "core2"), wave("rest", "core1", "dist1")), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(result.message()).contains("wave 2/2 rest");
        assertThat(judge.gates()).containsExactly("s1/canary", "s1/rest");
        assertThat(live.running().values()).containsOnly(DeviceConfig.empty());
        assertThat(shadow.running().values()).containsOnly(DeviceConfig.empty());
        final List<String> restored = history.query(HistoryQuery.all().forChange("s1")
                .ofKinds(HistoryEventKind.DEVICE_RESTORED)).stream()
            .filter(event -> TransactionLog.LIVE.equals(event.attribute(TransactionLog.SIDE)))
            .map(HistoryEvent::device)
            .toList();
        assertThat(restored).hasSize(3).endsWith("core2");
        assertThat(restored.subList(0, 2)).containsExactlyInAnyOrder("core1", "dist1");
        assertThat(live.device("core2").operations()).doesNotContain(Op.CONFIRM).endsWith(Op.CANCEL_COMMIT, Op.UNLOCK);
    }

    @Test
    void eachWaveCommitsConfirmedLongEnoughForEveryGateStillToCome()
    {
        orchestrator(ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.POSITIVE)).run(
            staged("s1", wave("canary", "core2"), wave("rest", "core1", "dist1")), new ChangeListener()
            {
            });

        assertThat(confirmTimeoutMs("core2")).isEqualTo("150000");
        assertThat(confirmTimeoutMs("core1")).isEqualTo("90000");
        assertThat(confirmTimeoutMs("dist1")).isEqualTo("90000");
    }

    @Test
    void theCanaryIsConfirmedOnlyAfterTheLastGatePasses()
    {
        final ScriptedJudge judge = ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.POSITIVE);
        judge.onBegin(gate ->
        {
            if (gate.endsWith("/rest"))
            {
                assertThat(live.device("core2").confirmPending()).isTrue();
                assertThat(live.device("core2").locked()).isTrue();
            }
        });

        final ChangeResult result = orchestrator(judge).run(
            staged("s1", wave("canary", "core2"), wave("rest", "core1", "dist1")), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.COMMITTED);
        assertThat(live.running().values()).doesNotContain(DeviceConfig.empty());
        assertThat(live.device("core2").confirmPending()).isFalse();
        assertThat(live.device("core2").operations()).endsWith(Op.COMMIT_CONFIRMED, Op.CONFIRM, Op.UNLOCK);
    }

    @Test
    void abortWhileAWaveIsJudgedRollsBackEveryWaveApplied()
    {
        final ChangeAbort abort = new ChangeAbort();
        final ScriptedJudge judge = ScriptedJudge.deciding(Outcome.POSITIVE);

        final ChangeResult result = orchestrator(judge).run(
            staged("s1", wave("canary", "core2"), wave("rest", "core1", "dist1")), new ChangeListener()
            {
                @Override
                public void onWaiting(final String changeId, final long elapsedNs, final Verdict verdict)
                {
                    abort.request("operator says stop");
                }
            }, abort);

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ABORTED);
        assertThat(result.message()).contains("operator says stop");
        assertThat(live.running().values()).containsOnly(DeviceConfig.empty());
        assertThat(history.query(HistoryQuery.all().forChange("s1")).stream().map(HistoryEvent::kind)
            .filter(kind -> !kind.isStep()).toList())
            .contains(HistoryEventKind.ABORT_REQUESTED)
            .endsWith(HistoryEventKind.ABORTED);
    }

    private String confirmTimeoutMs(final String device)
    {
        return history.query(HistoryQuery.all().forChange("s1").forDevice(device)
                .ofKinds(HistoryEventKind.STEP_INTENT)).stream()
            .filter(event -> TransactionStep.COMMIT_CONFIRMED.name().equals(event.attribute(TransactionLog.STEP)))
            .map(event -> event.attribute(TransactionLog.CONFIRM_TIMEOUT_MS))
            .findFirst()
            .orElseThrow();
    }

    private ChangeOrchestrator orchestrator(final ChangeJudge judge)
    {
        return new ChangeOrchestrator(live, shadow.openSessions(), judge, history, clock, MAX_WAIT_NS, MARGIN_NS);
    }
}
