package io.netshadow.controlplane.api;

import io.netshadow.controlplane.history.HistoryEvent;
import io.netshadow.controlplane.history.HistoryEventKind;
import io.netshadow.controlplane.orchestrator.ChangeState;
import io.netshadow.controlplane.orchestrator.ChangeStatus;
import io.netshadow.controlplane.orchestrator.ScriptedDevice;
import io.netshadow.controlplane.orchestrator.ScriptedJudge;
import io.netshadow.controlplane.orchestrator.ScriptedNetwork;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.forecaster.AlertKind;
import io.netshadow.forecaster.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The daemon's API over HTTP, with an orchestrator on scripted devices behind it.
 */
class ApiServerTest
{
    private static final String CHANGE = """
        id: shut-eth1
        description: shut eth1 on both cores
        edits:
          - device: core1
            config: |
              <interfaces xmlns="urn:ietf:params:xml:ns:yang:ietf-interfaces">
                <interface><name>eth1</name><enabled>false</enabled></interface>
              </interfaces>
          - device: core2
            file: core2.xml
        """;
    private static final String CORE2_XML = """
        <interfaces xmlns="urn:ietf:params:xml:ns:yang:ietf-interfaces">
          <interface><name>eth1</name><enabled>false</enabled></interface>
        </interfaces>
        """;

    @TempDir
    Path dir;

    private TestDaemon daemon;
    private ScriptedNetwork live;
    private ApiClient client;

    @AfterEach
    void stop()
    {
        daemon.close();
    }

    @Test
    void requestsWithoutTheTokenOrWithAnotherAreRefused() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.POSITIVE));
        final HttpClient http = HttpClient.newHttpClient();
        final URI changesUri = URI.create(daemon.uri() + "/v1/changes");

        final HttpResponse<String> without = http.send(HttpRequest.newBuilder(changesUri).build(),
            HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(changesUri)
            .header("Authorization", "Bearer not-the-token-at-all").build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> right = http.send(HttpRequest.newBuilder(changesUri)
            .header("Authorization", "Bearer " + TestDaemon.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        final HttpResponse<String> applyWithout = http.send(HttpRequest.newBuilder(changesUri)
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
            assertThat(value).startsWith("Bearer"));
        assertThat(without.body()).contains("bearer token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(applyWithout.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(live.device("core1").operations()).isEmpty();
    }

    @Test
    void planAsksTheDevicesForTheirCapabilitiesAndSendsNothingElse() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.POSITIVE));

        final PlanReply reply = client.plan(upload());

        assertThat(reply.plan().devicesAsked()).isTrue();
        assertThat(reply.plan().waves()).singleElement().satisfies(wave ->
            assertThat(wave.devices()).extracting(device -> device.device()).containsExactly("core1", "core2"));
        assertThat(reply.lines()).contains("      sequence: confirmed commit on the candidate");
        assertThat(live.device("core1").operations()).containsExactly(ScriptedDevice.Op.CAPABILITIES);
    }

    @Test
    void applyReturnsAtOnceAndStatusFollowsTheChangeToItsEnd() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.POSITIVE));

        final ChangeStatus started = client.apply(upload());
        final ChangeStatus ended = await(started.id(), status -> status.state().isFinal());

        assertThat(started.id()).isEqualTo("shut-eth1");
        assertThat(ended.state()).isEqualTo(ChangeState.COMMITTED);
        assertThat(ended.progress()).contains("wave 1/1 all: core1, core2", "core1: applied (live)",
            "gate all: POSITIVE: scripted POSITIVE");
        assertThat(live.running().values()).doesNotContain(DeviceConfig.empty());
        assertThat(client.changes()).extracting(ChangeStatus::id).containsExactly("shut-eth1");
    }

    @Test
    void aChangeFileAppliedAgainRunsUnderANewId() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.NEGATIVE, Outcome.NEGATIVE));
        await(client.apply(upload()).id(), status -> status.state().isFinal());

        final ChangeStatus again = client.apply(upload());

        assertThat(again.id()).isEqualTo("shut-eth1.2");
        assertThat(await(again.id(), status -> status.state().isFinal()).state()).isEqualTo(ChangeState.ROLLED_BACK);
    }

    @Test
    void abortRollsBackTheRunningChangeAndNoOtherChangeStartsMeanwhile() throws Exception
    {
        start(ScriptedJudge.deciding());
        final ChangeStatus started = client.apply(upload());
        await(started.id(), status -> status.gateWaitMs() >= 0);

        assertThatExceptionOfType(ApiException.class).isThrownBy(() -> client.apply(upload()))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(409))
            .withMessageContaining("shut-eth1 is running");
        client.abort(started.id(), "changed my mind");
        final ChangeStatus ended = await(started.id(), status -> status.state().isFinal());

        assertThat(ended.state()).isEqualTo(ChangeState.ABORTED);
        assertThat(ended.message()).contains("changed my mind");
        assertThat(live.running().values()).containsOnly(DeviceConfig.empty());
        assertThatExceptionOfType(ApiException.class).isThrownBy(() -> client.abort(started.id(), "again"))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(409));
    }

    @Test
    void historyIsQueriedByDeviceTimeKindAndOutcome() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.POSITIVE, Outcome.NEGATIVE));
        await(client.apply(upload()).id(), status -> status.state().isFinal());
        await(client.apply(upload()).id(), status -> status.state().isFinal());

        final List<HistoryEvent> rolledBack = client.history(new HistoryParameters(null, null, null, null, Set.of(),
            Set.of(HistoryEventKind.ROLLED_BACK), false));
        final List<HistoryEvent> outcomes = client.history(new HistoryParameters(null, null, null, null,
            Set.of(HistoryEventKind.COMMITTED, HistoryEventKind.ROLLED_BACK), Set.of(), false));
        final List<HistoryEvent> core2 = client.history(new HistoryParameters(null, "core2", null, null, Set.of(),
            Set.of(), false));
        final List<HistoryEvent> steps = client.history(new HistoryParameters("shut-eth1", "core2", null, null,
            Set.of(), Set.of(), true));
        final List<HistoryEvent> later = client.history(new HistoryParameters(null, null,
            daemon.clock().nanoTime() / 1_000_000L + 1, null, Set.of(), Set.of(), false));

        assertThat(rolledBack).extracting(HistoryEvent::changeId).containsOnly("shut-eth1.2");
        assertThat(outcomes).extracting(HistoryEvent::kind)
            .containsExactly(HistoryEventKind.COMMITTED, HistoryEventKind.ROLLED_BACK);
        assertThat(core2).isNotEmpty().allSatisfy(event ->
        {
            assertThat(event.device()).isEqualTo("core2");
            assertThat(event.kind().isStep()).isFalse();
        });
        assertThat(steps).anySatisfy(event -> assertThat(event.attributes()).containsKey("savedRunning"));
        assertThat(later).isEmpty();
        final HttpResponse<String> badOutcome = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(daemon.uri() + "/v1/history?outcome=verdict"))
            .header("Authorization", "Bearer " + TestDaemon.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(badOutcome.statusCode()).isEqualTo(400);
        assertThat(badOutcome.body()).contains("is not one of committed");
    }

    @Test
    void aChangeThatIsNotValidIsRefusedWithItsErrorsAndAnUnknownIdIsNotFound() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.POSITIVE));

        assertThatExceptionOfType(ApiException.class)
            .isThrownBy(() -> client.apply(new ChangeUpload("bad.yaml", CHANGE.replace("core2", "ghost9"),
                Map.of("ghost9.xml", CORE2_XML))))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(400))
            .withMessageContaining("bad.yaml:9: edits[1].device: unknown device 'ghost9'");
        assertThatExceptionOfType(ApiException.class).isThrownBy(() -> client.status("nothing-of-that-name"))
            .satisfies(ex -> assertThat(ex.status()).isEqualTo(404));
    }

    @Test
    void alertsAreReportedWithTheirCountsAndTheActiveOnes() throws Exception
    {
        start(ScriptedJudge.deciding(Outcome.POSITIVE));
        daemon.alerts().onSample("live.loss_ratio", 1_000, 0.2, 0.9, false);
        daemon.alerts().onSample("shadow.loss_ratio", 1_000, 0.2, 0.9, true);

        final AlertsReply alerts = client.alerts();

        assertThat(alerts.anomalyAlerts()).isEqualTo(1);
        assertThat(alerts.divergenceAlerts()).isZero();
        assertThat(alerts.suppressedEpisodes()).isEqualTo(1);
        assertThat(alerts.active()).singleElement().satisfies(alert ->
        {
            assertThat(alert.kind()).isEqualTo(AlertKind.ANOMALY);
            assertThat(alert.subject()).isEqualTo("live.loss_ratio");
            assertThat(alert.raisedAtNs()).isEqualTo(1_000);
            assertThat(alert.size()).isEqualTo(0.9);
        });
        assertThat(alerts.recent()).isEqualTo(alerts.active());
    }

    private void start(final ScriptedJudge judge) throws Exception
    {
        daemon = new TestDaemon(dir, judge);
        live = daemon.live();
        client = daemon.client();
    }

    private ChangeUpload upload()
    {
        return new ChangeUpload("shut-eth1.yaml", CHANGE, Map.of("core2.xml", CORE2_XML));
    }

    private ChangeStatus await(final String id, final Predicate<ChangeStatus> condition) throws Exception
    {
        for (int attempt = 0; attempt < 3_000; attempt++)
        {
            final ChangeStatus status = client.status(id);
            if (condition.test(status))
            {
                return status;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("change " + id + " never reached the awaited state: " + client.status(id));
    }
}
