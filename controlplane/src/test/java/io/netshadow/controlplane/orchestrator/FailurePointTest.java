package io.netshadow.controlplane.orchestrator;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Fault;
import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever step fails, on whichever device, the change ends in a known state that the history records, with every
 * device running the configuration it had before the change.
 */
class FailurePointTest
{
    private static final long MAX_WAIT_NS = Duration.ofSeconds(60).toNanos();
    private static final long MARGIN_NS = Duration.ofSeconds(30).toNanos();
    private static final String SHUTDOWN_ETH3 =
        "<interfaces xmlns=\"urn:ietf:params:xml:ns:yang:ietf-interfaces\">" +
        "<interface><name>eth3</name><enabled>false</enabled></interface></interfaces>";

    @TempDir
    Path historyDir;

    private final ManualClock clock = new ManualClock();
    private final ScriptedNetwork live = new ScriptedNetwork(clock, "core1", "dist1");
    private final ScriptedNetwork shadow = new ScriptedNetwork(clock, "core1", "dist1");
    private HistoryJournal history;
    private DeviceConfig before;

    @BeforeEach
    void startFromAConfiguredNetwork() throws Exception
    {
        history = HistoryJournal.open(historyDir);
        final DeviceConfig configured = DeviceConfigXml.applyEdit(DeviceConfig.empty(), SHUTDOWN_ETH3);
        for (final ScriptedNetwork network : List.of(live, shadow))
        {
            for (final String name : List.of("core1", "dist1"))
            {
                final DeviceDriver session = network.connect(name);
                session.lock();
                session.edit(SHUTDOWN_ETH3);
                session.commit(null);
                session.unlock();
                session.close();
            }
        }
        before = configured;
    }

    @AfterEach
    void closeHistory()
    {
        history.close();
    }

    static Stream<Arguments> failures()
    {
        return Stream.of(
            Arguments.of("lock denied", Op.LOCK, Fault.REFUSE, Outcome.POSITIVE),
            Arguments.of("edit refused", Op.EDIT, Fault.REFUSE, Outcome.POSITIVE),
            Arguments.of("validate fails", Op.VALIDATE, Fault.REFUSE, Outcome.POSITIVE),
            Arguments.of("peer gone before the edit", Op.EDIT, Fault.PEER_GONE, Outcome.POSITIVE),
            Arguments.of("peer gone at commit", Op.COMMIT_CONFIRMED, Fault.PEER_GONE, Outcome.POSITIVE),
            Arguments.of("peer gone after commit", Op.COMMIT_CONFIRMED, Fault.PEER_GONE_AFTER, Outcome.POSITIVE),
            Arguments.of("commit refused", Op.COMMIT_CONFIRMED, Fault.REFUSE, Outcome.POSITIVE),
            Arguments.of("peer gone at confirm", Op.CONFIRM, Fault.PEER_GONE, Outcome.POSITIVE),
            Arguments.of("peer gone after confirm", Op.CONFIRM, Fault.PEER_GONE_AFTER, Outcome.POSITIVE),
            Arguments.of("confirm refused", Op.CONFIRM, Fault.REFUSE, Outcome.POSITIVE),
            Arguments.of("peer gone at cancel-commit", Op.CANCEL_COMMIT, Fault.PEER_GONE, Outcome.NEGATIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void aFailedStepEndsWithEveryDeviceAsBefore(
        final String name, final Op op, final Fault fault, final Outcome verdict)
    {
        live.device("dist1").failOnce(op, fault);

        final ChangeResult result = orchestrator(ScriptedJudge.deciding(verdict))
            .run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(Outcome.NEGATIVE == verdict ?
            ChangeOutcome.ROLLED_BACK : ChangeOutcome.FAILED);
        if (Outcome.POSITIVE == verdict)
        {
            assertThat(result.message()).contains("dist1");
        }
        assertThat(live.running().values()).containsOnly(before);
        assertThat(shadow.running().values()).containsOnly(before);
        assertThat(live.device("core1").confirmPending()).isFalse();
        assertThat(live.device("dist1").confirmPending()).isFalse();
        assertThat(live.device("core1").locked()).isFalse();
        assertThat(live.device("dist1").locked()).isFalse();
        final List<HistoryEvent> events = history.query(HistoryQuery.all().forChange("c1"));
        assertThat(events).anySatisfy(event ->
        {
            assertThat(event.kind()).isEqualTo(HistoryEventKind.DEVICE_FAILED);
            assertThat(event.device()).isEqualTo("dist1");
        });
        assertThat(events.getLast().kind()).isEqualTo(ChangeOrchestrator.outcomeKind(result.outcome()));
        assertThat(history.changesInFlight()).isEmpty();
    }

    @Test
    void lockHeldByAnotherSessionFailsTheChangeAndNamesTheHolder()
    {
        live.device("dist1").lockedBy("session 42 (another operator)");

        final ChangeResult result = orchestrator(ScriptedJudge.deciding(Outcome.POSITIVE))
            .run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
            {
            });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.FAILED);
        assertThat(result.message()).contains("lock denied").contains("session 42");
        assertThat(live.running().values()).containsOnly(before);
        assertThat(live.device("dist1").operations()).endsWith(Op.CAPABILITIES, Op.LOCK);
    }

    @Test
    void aDeviceGoneForGoodLeavesTheChangeUnfinishedUntilRecoveryRestoresIt()
    {
        live.device("dist1").beforeEachOperation(op ->
        {
            if (Op.CANCEL_COMMIT == op)
            {
                live.device("dist1").reachable(false);
                live.device("dist1").dropSessions();
            }
        });
        final ChangeOrchestrator orchestrator = orchestrator(ScriptedJudge.deciding(Outcome.NEGATIVE));

        final ChangeResult result = orchestrator.run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
        {
        });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.FAILED);
        assertThat(result.message()).contains("rollback incomplete").contains("reverts by itself by");
        assertThat(history.changesInFlight()).containsExactly("c1");
        assertThat(live.device("core1").running()).isEqualTo(before);

        live.device("dist1").beforeEachOperation(op -> {});
        live.device("dist1").reachable(true);
        final ChangeResult recovered = orchestrator.recover("c1");

        assertThat(recovered.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.running().values()).containsOnly(before);
        assertThat(history.changesInFlight()).isEmpty();
    }

    private ChangeOrchestrator orchestrator(final ChangeJudge judge)
    {
        return new ChangeOrchestrator(live, shadow.openSessions(), judge, history, clock, MAX_WAIT_NS, MARGIN_NS);
    }
}
