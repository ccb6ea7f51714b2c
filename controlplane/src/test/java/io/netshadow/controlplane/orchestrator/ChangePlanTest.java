package io.netshadow.controlplane.orchestrator;

import io.netshadow.controlplane.history.HistoryJournal;
import io.netshadow.controlplane.history.HistoryQuery;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.forecaster.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.netshadow.controlplane.orchestrator.Edits.staged;
import static io.netshadow.controlplane.orchestrator.Edits.wave;
import static io.netshadow.controlplane.orchestrator.ScriptedDevice.Op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device that lacks {@code :candidate} or {@code :confirmed-commit} gets the nearest safe sequence, and the plan
 * says so before anything is sent.
 */
class ChangePlanTest
{
    private static final long MAX_WAIT_NS = Duration.ofSeconds(60).toNanos();
    private static final long MARGIN_NS = Duration.ofSeconds(30).toNanos();

    @TempDir
    Path historyDir;

    private final ManualClock clock = new ManualClock();
    private final ScriptedNetwork live = new ScriptedNetwork(clock, "core1", "dist1");
    private HistoryJournal history;

    @BeforeEach
    void openHistory()
    {
        history = HistoryJournal.open(historyDir);
        live.device("core1").offering(new DeviceCapabilities(true, false, true, true));
        live.device("dist1").offering(new DeviceCapabilities(false, false, false, false));
    }

    @AfterEach
    void closeHistory()
    {
        history.close();
    }

    @Test
    void thePlanNamesTheNearestSafeSequenceAndWhatEachDeviceLacksWithoutSendingAnything()
    {
        final ChangePlan plan = orchestrator().plan(Edits.change("c1", "core1", "dist1"));

        final ChangePlan.DevicePlan core1 = plan.waves().getFirst().devices().get(0);
        final ChangePlan.DevicePlan dist1 = plan.waves().getFirst().devices().get(1);
        assertThat(core1.sequence()).isEqualTo(CommitSequence.CANDIDATE_COMMIT);
        assertThat(core1.notes()).singleElement().asString().startsWith("no :confirmed-commit");
        assertThat(dist1.sequence()).isEqualTo(CommitSequence.RUNNING);
        assertThat(dist1.steps()).startsWith("lock running", "get-config running, saved for the rollback",
            "edit-config running");
        assertThat(dist1.notes()).anySatisfy(note -> assertThat(note).startsWith("no :candidate"))
            .anySatisfy(note -> assertThat(note).startsWith("no :rollback-on-error"));
        assertThat(String.join("\n", plan.lines()))
            .contains("capabilities: as each live device announced them")
            .contains("core1: no :confirmed-commit")
            .contains("dist1: no :candidate")
            .contains("(dry run: nothing was sent)");
        assertThat(live.device("core1").operations()).containsExactly(Op.CAPABILITIES);
        assertThat(live.device("dist1").operations()).containsExactly(Op.CAPABILITIES);
        assertThat(history.query(HistoryQuery.all())).isEmpty();
    }

    @Test
    void theRunFollowsThePlannedSequencesAndRestoresOnRollback()
    {
        final ChangeResult result = orchestrator().run(Edits.change("c1", "core1", "dist1"), new ChangeListener()
        {
        });

        assertThat(result.outcome()).isEqualTo(ChangeOutcome.ROLLED_BACK);
        assertThat(live.device("core1").operations()).containsExactly(Op.CAPABILITIES, Op.LOCK, Op.GET_CONFIG,
            Op.EDIT, Op.VALIDATE, Op.COMMIT, Op.RESTORE, Op.UNLOCK);
        assertThat(live.device("dist1").operations()).containsExactly(Op.CAPABILITIES, Op.LOCK, Op.GET_CONFIG,
            Op.EDIT, Op.RESTORE, Op.UNLOCK);
        assertThat(live.running().values()).containsOnly(DeviceConfig.empty());
    }

    @Test
    void anOfflinePlanPrintsWavesDevicesEditsAndTheStepsPerDevice()
    {
        final ChangePlan plan = ChangePlanner.offline(staged("s1", wave("canary", "core2"), wave("rest", "core1")),
            "core2"::equals, Duration.ofSeconds(60), Duration.ofSeconds(30));

        assertThat(plan.devicesAsked()).isFalse();
        assertThat(plan.lines())
            .contains("  2 wave(s), 2 device(s); each wave is gated by the forecaster's verdict on live and shadow " +
                "KPIs (up to 60 s)")
            .contains("  wave 1/2 canary: core2", "  wave 2/2 rest: core1")
            .contains("    core2 (live, after its shadow copy)")
            .contains("    core1 (live only: the shadow does not hold it, so its effect is judged from live KPIs)")
            .contains("        5. commit confirmed, timeout 150 s, persist-id netshadow-s1")
            .contains("        5. commit confirmed, timeout 90 s, persist-id netshadow-s1")
            .contains("        3. edit-config candidate with rollback-on-error")
            .anySatisfy(line -> assertThat(line).contains("not asked (offline plan)"))
            .anySatisfy(line -> assertThat(line).contains("<interface><name>eth1</name>"));
    }

    private ChangeOrchestrator orchestrator()
    {
        return new ChangeOrchestrator(live, Map.of(), ScriptedJudge.deciding(Outcome.NEGATIVE), history, clock,
            MAX_WAIT_NS, MARGIN_NS);
    }
}
