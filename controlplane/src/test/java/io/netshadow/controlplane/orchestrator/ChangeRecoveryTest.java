package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.change.ChangeSpec;
import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DeviceConfigXml;
import io.netshadow.forecaster.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.netshadow.controlplane.orchestrator.Edits.staged;
import static io.netshadow.controlplane.orchestrator.Edits.wave;
import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Fault;
import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A change left in flight by an appliance that died: the history written before each step is enough for a new
 * orchestrator, with new sessions, to confirm or cancel per the last verdict and restore the rest.
 */
class ChangeRecoveryTest
{
    private static final long MAX_WAIT_NS = Duration.ofSeconds(60).toNanos();
    private static final long MARGIN_NS = Duration.ofSeconds(30).toNanos();
    private static final String SHUTDOWN_ETH3 =
        "<interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\">" +
        "<interface><name>eth3</name><enabled>false</enabled></interface></interfaces>";

    @TempDir
    Path historyDir;

    private final ManualClock clock = new ManualClock();
    private final ScriptedNetwork live = new ScriptedNetwork(clock, "core2", "core1");
    private HistoryJournal history;
    private DeviceConfig before;

    @BeforeEach
    void startFromAConfiguredNetwork() throws Exception
    {
        history = HistoryJournal.open(historyDir);
        for (final String name : List.of("core2", "core1"))
        {
            final DeviceDriver session = live.connect(name);
            session.lock();
            session.edit(SHUTDOWN_ETH3);
            session.commit(null);
            session.unlock();
            session.close();
        }
        before = DeviceConfigXml.applyEdit(DeviceConfig.empty(), SHUTDOWN_ETH3);
    }

    @AfterEach
    void closeHistory()
    {
        history.close();
    }

    @Test
    void crashWhileAwaitingTheVerdictCancelsTheConfirmedCommits()
    {
        crash(ScriptedJudge.deciding().onBegin(gate ->
        {
            throw new SimulatedCrash("awaiting the verdict");
        }), Edits.change("c1", "core2", "core1"));
        assertThat(live.device("core1").confirmPending()).isTrue();

        final List<ChangeResult> results = freshOrchestrator().recover();

        assertThat(results).singleElement().satisfies(result ->
        {
            assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
            assertThat(result.message()).contains("no verdict was recorded");
        });
        assertThat(live.running().values()).containsOnly(before);
        assertThat(live.device("core1").confirmPending()).isFalse();
        assertThat(live.device("core1").operations()).endsWith(Op.COMMIT_CONFIRMED, Op.LOCK, Op.CANCEL_COMMIT, Op.UNLOCK);
        assertThat(kinds("c1")).endsWith(HistoryEventKind.RECOVERY_STARTED, HistoryEventKind.DECISION,
            HistoryEventKind.DEVICE_RESTORED, HistoryEventKind.DEVICE_RESTORED, HistoryEventKind.ROLLED_BACK);
        assertThat(history.changesInFlight()).isEmpty();
    }

    @Test
    void crashAfterTheFinalVerdictAllowedTheChangeConfirmsIt()
    {
        live.device("core1").failOnce(Op.CONFIRM, Fault.CRASH);
        crash(ScriptedJudge.deciding(Outcome.POSITIVE), Edits.change("c1", "core2", "core1"));

        final ChangeResult result = freshOrchestrator().recover("c1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.COMMITTED);
        assertThat(live.running().values()).doesNotContain(before);
        assertThat(live.device("core1").confirmPending()).isFalse();
        assertThat(live.device("core1").operations()).endsWith(Op.COMMIT_CONFIRMED, Op.LOCK, Op.CONFIRM, Op.UNLOCK);
    }

    @Test
    void crashAfterTheCommitWasSentButBeforeItWasRecordedDoneIsCancelled()
    {
        live.device("core1").failOnce(Op.COMMIT_CONFIRMED, Fault.CRASH_AFTER);
        crash(ScriptedJudge.deciding(Outcome.POSITIVE), Edits.change("c1", "core1"));

        final ChangeResult result = freshOrchestrator().recover("c1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").running()).isEqualTo(before);
        assertThat(live.device("core1").operations()).contains(Op.CANCEL_COMMIT);
    }

    @Test
    void afterTheConfirmWindowClosedTheSavedConfigurationIsRestored()
    {
        crash(ScriptedJudge.deciding().onBegin(gate ->
        {
            throw new SimulatedCrash("awaiting the verdict");
        }), Edits.change("c1", "core1"));
        clock.advance(Duration.ofMinutes(5));

        final ChangeResult result = freshOrchestrator().recover("c1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").running()).isEqualTo(before);
        assertThat(live.device("core1").operations()).endsWith(Op.CANCEL_COMMIT, Op.RESTORE, Op.UNLOCK);
    }

    @Test
    void aPositiveVerdictWhoseConfirmWindowClosedCannotBeConfirmedAndIsRolledBack()
    {
        live.device("core1").failOnce(Op.CONFIRM, Fault.CRASH);
        crash(ScriptedJudge.deciding(Outcome.POSITIVE), Edits.change("c1", "core1"));
        clock.advance(Duration.ofMinutes(5));

        final ChangeResult result = freshOrchestrator().recover("c1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.FAILED);
        assertThat(live.device("core1").running()).isEqualTo(before);
        assertThat(history.query(HistoryQuery.all().forChange("c1").ofKinds(HistoryEventKind.DEVICE_FAILED)))
            .anySatisfy(event -> assertThat(event.detail()).contains("confirm window closed"));
    }

    @Test
    void aDeviceWithoutConfirmedCommitIsRestoredFromTheConfigurationSavedInTheHistory()
    {
        live.device("core1").offering(new DeviceCapabilities(true, false, true, true));
        crash(ScriptedJudge.deciding().onBegin(gate ->
        {
            throw new SimulatedCrash("awaiting the verdict");
        }), Edits.change("c1", "core1"));
        assertThat(live.device("core1").running()).isNotEqualTo(before);

        final ChangeResult result = freshOrchestrator().recover("c1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").running()).isEqualTo(before);
        assertThat(live.device("core1").operations()).endsWith(Op.RESTORE, Op.UNLOCK);
    }

    @Test
    void crashBeforeTheCommitDiscardsTheCandidate()
    {
        live.device("core1").failOnce(Op.VALIDATE, Fault.CRASH);
        crash(ScriptedJudge.deciding(Outcome.POSITIVE), Edits.change("c1", "core1"));

        final ChangeResult result = freshOrchestrator().recover("c1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").running()).isEqualTo(before);
        assertThat(live.device("core1").operations()).endsWith(Op.DISCARD, Op.UNLOCK);
    }

    @Test
    void crashDuringTheSecondGateRollsBackBothWavesLastFirst()
    {
        final ScriptedJudge judge = ScriptedJudge.deciding(Outcome.POSITIVE).onBegin(gate ->
        {
            if (gate.endsWith("/rest"))
            {
                throw new SimulatedCrash("awaiting the second verdict");
            }
        });
        crash(judge, staged("s1", wave("canary", "core2"), wave("rest", "core1")));

        final ChangeResult result = freshOrchestrator().recover("s1");

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(result.message()).contains("on wave canary, was POSITIVE and later waves had no verdict");
        assertThat(live.running().values()).containsOnly(before);
        assertThat(history.query(HistoryQuery.all().forChange("s1").ofKinds(HistoryEventKind.DEVICE_RESTORED))
            .stream().map(HistoryEvent::device).toList()).containsExactly("core1", "core2");
    }

    @Test
    void recoveryLeavesChangesThatEndedAlone()
    {
        new ChangeOrchestrator(live, Map.of(), ScriptedJudge.deciding(Outcome.POSITIVE), history, clock, MAX_WAIT_NS,
            MARGIN_NS).run(Edits.change("c1", "core1"), new ChangeListener()
            {
            });
        final List<ScriptedDevice.Op> operations = live.device("core1").operations();

        assertThat(freshOrchestrator().recover()).isEmpty();
        assertThat(live.device("core1").operations()).isEqualTo(operations);
    }

    private void crash(final ScriptedJudge judge, final ChangeSpec change)
    {
        final ChangeOrchestrator doomed =
            new ChangeOrchestrator(live, Map.of(), judge, history, clock, MAX_WAIT_NS, MARGIN_NS);
        assertThatThrownBy(() -> doomed.run(change, new ChangeListener()
        {
        })).isInstanceOf(SimulatedCrash.class);
        live.dropSessions();
        assertThat(history.changesInFlight()).containsExactly(change.id());
    }

    private ChangeOrchestrator freshOrchestrator()
    {
        return new ChangeOrchestrator(live, Map.of(), ScriptedJudge.deciding(), history, clock, MAX_WAIT_NS,
            MARGIN_NS);
    }

    private List<HistoryEventKind> kinds(final String changeId)
    {
        return history.query(HistoryQuery.all().forChange(changeId)).stream()
            .map(HistoryEvent::kind)
            .filter(kind -> !kind.isStep())
            .toList();
    }
}
