package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.controlplane.history.VerdictAttributes;
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

import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Op;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeOrchestratorTest
{
    private static final long MAX_WAIT_NS = Duration.ofSeconds(60).toNanos();
    private static final long MARGIN_NS = Duration.ofSeconds(30).toNanos();

    @TempDir
    Path historyDir;

    private final ManualClock clock = new ManualClock();
    private final ScriptedNetwork live = new ScriptedNetwork(clock, "core1", "dist1");
    private final ScriptedNetwork shadow = new ScriptedNetwork(clock, "core1");
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
    void positiveVerdictConfirmsEveryLiveConfirmedCommitWithItsPersistId()
    {
        final ChangeResult result = orchestrator(ScriptedJudge.deciding(Outcome.POSITIVE))
            .run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.COMMITTED);
        assertThat(live.device("core1").operations()).containsExactly(
            Op.CAPABILITIES, Op.LOCK, Op.GET_CONFIG, Op.EDIT, Op.VALIDATE, Op.COMMIT_CONFIRMED, Op.CONFIRM, Op.UNLOCK);
        assertThat(shadow.device("core1").operations()).containsExactly(
            Op.CAPABILITIES, Op.LOCK, Op.GET_CONFIG, Op.EDIT, Op.VALIDATE, Op.COMMIT, Op.UNLOCK);
        assertThat(live.running().values()).allSatisfy(config -> assertThat(config).isNotEqualTo(DeviceConfig.empty()));
        assertThat(live.device("core1").confirmPending()).isFalse();
        assertThat(live.device("core1").locked()).isFalse();
        assertThat(kinds("c1")).startsWith(HistoryEventKind.CHANGE_STARTED, HistoryEventKind.PLANNED,
            HistoryEventKind.WAVE_STARTED).endsWith(HistoryEventKind.DECISION, HistoryEventKind.DEVICE_CONFIRMED,
            HistoryEventKind.DEVICE_CONFIRMED, HistoryEventKind.DEVICE_CONFIRMED, HistoryEventKind.COMMITTED);
    }

    @Test
    void negativeVerdictCancelsTheConfirmedCommitsAndRestoresTheShadow()
    {
        final ChangeResult result = orchestrator(ScriptedJudge.deciding(Outcome.NEGATIVE))
            .run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").operations()).endsWith(Op.COMMIT_CONFIRMED, Op.CANCEL_COMMIT, Op.UNLOCK);
        assertThat(shadow.device("core1").operations()).endsWith(Op.COMMIT, Op.RESTORE, Op.UNLOCK);
        assertThat(live.running().values()).containsOnly(DeviceConfig.empty());
        assertThat(shadow.running().values()).containsOnly(DeviceConfig.empty());
        assertThat(kinds("c1")).endsWith(HistoryEventKind.ROLLED_BACK).contains(HistoryEventKind.DEVICE_RESTORED);
    }

    @Test
    void inconclusiveVerdictRollsBack()
    {
        final ChangeResult result = orchestrator(ScriptedJudge.deciding(Outcome.INCONCLUSIVE))
            .run(Edits.change("c1", "core1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").running()).isEqualTo(DeviceConfig.empty());
    }

    @Test
    void noVerdictWithinTheLongestWaitRollsBack()
    {
        final ScriptedJudge judge = ScriptedJudge.deciding();
        final ChangeOrchestrator orchestrator = orchestrator(judge);

        final ChangeResult result = orchestrator.run(Edits.change("c1", "core1"), new ChangeListener()
        {
            @Override
            public void onWaiting(final String changeId, final long elapsedNs, final Verdict verdict)
            {
                clock.advance(Duration.ofSeconds(61));
            }
        });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(result.message()).contains("no verdict within");
        assertThat(live.device("core1").running()).isEqualTo(DeviceConfig.empty());
    }

    @Test
    void everyStepIsRecordedBeforeItIsSent()
    {
        for (final String name : List.of("core1", "dist1"))
        {
            live.device(name).beforeEachOperation(op ->
            {
                if (Op.CAPABILITIES != op)
                {
                    final List<HistoryEvent> events = history.query(HistoryQuery.all().forChange("c1").forDevice(name)
                        .ofKinds(HistoryEventKind.STEP_INTENT));
                    assertThat(events).isNotEmpty();
                    assertThat(events.getLast().attribute(TransactionLog.STEP)).isEqualTo(stepOf(op).name());
                    assertThat(events.getLast().attribute(TransactionLog.SIDE)).isEqualTo(TransactionLog.LIVE);
                }
            });
        }

        final ChangeResult result = orchestrator(ScriptedJudge.deciding(Outcome.NEGATIVE))
            .run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").operations()).contains(Op.CANCEL_COMMIT);
    }

    @Test
    void theHistoryHoldsWhatRecoveryNeeds()
    {
        orchestrator(ScriptedJudge.deciding(Outcome.POSITIVE)).run(Edits.change("c1", "core1"), new ChangeListener()
        {
        });

        final List<HistoryEvent> steps = history.query(HistoryQuery.all().forChange("c1").forDevice("core1")
            .ofKinds(HistoryEventKind.STEP_INTENT, HistoryEventKind.STEP_DONE));
        assertThat(steps).filteredOn(event -> "SAVE_RUNNING".equals(event.attribute(TransactionLog.STEP)) &&
            HistoryEventKind.STEP_DONE == event.kind() && TransactionLog.LIVE.equals(event.attribute(TransactionLog.SIDE)))
            .singleElement()
            .satisfies(event -> assertThat(event.attribute(TransactionLog.SAVED_RUNNING)).contains("<config"));
        assertThat(steps).filteredOn(event -> "COMMIT_CONFIRMED".equals(event.attribute(TransactionLog.STEP)) &&
            HistoryEventKind.STEP_INTENT == event.kind())
            .singleElement()
            .satisfies(event ->
            {
                assertThat(event.attribute(TransactionLog.PERSIST_ID)).isEqualTo("netshadow-c1");
                assertThat(event.attribute(TransactionLog.CONFIRM_TIMEOUT_MS)).isEqualTo("90000");
                assertThat(Long.parseLong(event.attribute(TransactionLog.CONFIRM_DEADLINE_EPOCH_MS)))
                    .isEqualTo(clock.nanoTime() / 1_000_000L + 90_000L);
                assertThat(event.attribute(TransactionLog.WAVE)).isEqualTo(ChangeSpec.SINGLE_WAVE);
            });
    }

    @Test
    void unreachableDeviceFailsTheChangeBeforeAnythingIsSent()
    {
        live.device("dist1").reachable(false);

        final ChangeResult result = orchestrator(ScriptedJudge.deciding(Outcome.POSITIVE))
            .run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.FAILED);
        assertThat(result.message()).contains("before anything was sent").contains("dist1");
        assertThat(live.device("core1").operations()).containsExactly(Op.CAPABILITIES);
        assertThat(kinds("c1")).containsExactly(
            HistoryEventKind.CHANGE_STARTED, HistoryEventKind.DEVICE_FAILED, HistoryEventKind.FAILED);
    }

    @Test
    void changeOnDeviceOutsideShadowIsReported()
    {
        assertThat(orchestrator(ScriptedJudge.deciding()).devicesOutsideShadow(Edits.change("c1", "core1", "dist1")))
            .containsExactly("dist1");
    }

    @Test
    void theHistoryHoldsTheChangeKindTheVerdictsPredictionAndTheValueObservedAtCommit()
    {
        final ScriptedJudge scripted = ScriptedJudge.deciding(Outcome.POSITIVE);
        final ChangeJudge judge = new ChangeJudge()
        {
            @Override
            public PendingVerdict begin(final String changeId, final long changeStartNs, final List<String> devices)
            {
                return scripted.begin(changeId, changeStartNs, devices);
            }

            @Override
            public double latestValue(final String series)
            {
                return "shadow.loss_ratio".equals(series) ? 0.55 : Double.NaN;
            }
        };

        orchestrator(judge).run(Edits.change("c1", "core1"), new ChangeListener()
        {
        });

        final List<HistoryEvent> events = history.query(HistoryQuery.all().forChange("c1")
            .ofKinds(HistoryEventKind.CHANGE_STARTED, HistoryEventKind.VERDICT, HistoryEventKind.COMMITTED));
        assertThat(events).extracting(HistoryEvent::kind).containsExactly(
            HistoryEventKind.CHANGE_STARTED, HistoryEventKind.VERDICT, HistoryEventKind.COMMITTED);
        assertThat(events.get(0).attribute(VerdictAttributes.CHANGE_KIND)).isEqualTo("interfaces");
        assertThat(events.get(1).attributes()).containsEntry(VerdictAttributes.SERIES, "shadow.loss_ratio")
            .containsEntry(VerdictAttributes.BASELINE_VALUE, "0.0")
            .containsEntry(VerdictAttributes.PREDICTED_VALUE, "0.5")
            .containsEntry(VerdictAttributes.PREDICTED_LOWER, "0.4")
            .containsEntry(VerdictAttributes.PREDICTED_UPPER, "0.6")
            .containsEntry(VerdictAttributes.THRESHOLD_VALUE, "0.02")
            .containsEntry(VerdictAttributes.TIME_TO_VERDICT_NS, "1")
            .containsEntry(TransactionLog.OUTCOME, "POSITIVE");
        assertThat(events.get(2).attributes()).containsEntry(VerdictAttributes.SERIES, "shadow.loss_ratio")
            .containsEntry(VerdictAttributes.OBSERVED_VALUE, "0.55");
    }

    private ChangeOrchestrator orchestrator(final ChangeJudge judge)
    {
        return new ChangeOrchestrator(live, shadow.openSessions(), judge, history, clock, MAX_WAIT_NS, MARGIN_NS);
    }

    private List<HistoryEventKind> kinds(final String changeId)
    {
        return history.query(HistoryQuery.all().forChange(changeId)).stream()
            .map(HistoryEvent::kind)
            .filter(kind -> !kind.isStep())
            .toList();
    }

    private static TransactionStep stepOf(final Op op)
    {
        return switch (op)
        {
            case LOCK -> TransactionStep.LOCK;
            case UNLOCK -> TransactionStep.UNLOCK;
            case GET_CONFIG -> TransactionStep.SAVE_RUNNING;
            case EDIT -> TransactionStep.EDIT;
            case VALIDATE -> TransactionStep.VALIDATE;
            case COMMIT_CONFIRMED -> TransactionStep.COMMIT_CONFIRMED;
            case COMMIT -> TransactionStep.COMMIT;
            case CONFIRM -> TransactionStep.CONFIRM;
            case CANCEL_COMMIT -> TransactionStep.CANCEL_COMMIT;
            case DISCARD -> TransactionStep.DISCARD_CHANGES;
            case RESTORE -> TransactionStep.RESTORE;
            case CAPABILITIES -> TransactionStep.CONNECT;
        };
    }
}
