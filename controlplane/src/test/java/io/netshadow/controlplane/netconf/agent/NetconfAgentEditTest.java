package io.netshadow.controlplane.netconf.agent;

import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.DscpSet;
import io.netshadow.dataplane.device.EgressQueue;
import io.netshadow.dataplane.device.EgressQueues;
import io.netshadow.dataplane.device.InterfaceConfig;
import io.netshadow.dataplane.device.Policer;
import io.netshadow.dataplane.device.Shaper;
import io.netshadow.dataplane.device.StaticRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static io.netshadow.controlplane.netconf.agent.AgentFixtures.CREDENTIALS;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.IF;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.IP;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.QOS;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.blackholeConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.editCandidate;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.getConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.interfaces;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.mtuConfig;
import static io.netshadow.controlplane.netconf.agent.AgentFixtures.policer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * edit-config and the operations around it: model errors as rpc-errors with their path, error-option,
 * default-operation, test-option, subtree filters, validate and copy-config.
 */
class NetconfAgentEditTest
{
    private static final DeviceConfig STARTING = DeviceConfig.empty()
        .withInterface(InterfaceConfig.defaults("eth1").withMtuBytes(9000))
        .withStaticRoute(StaticRoute.blackhole("192.0.2.0/24"));

    @TempDir
    Path folder;

    private NetconfAgent agent;
    private NetconfTestClient client;

    @BeforeEach
    void connect() throws IOException
    {
        agent = NetconfAgent.start(new AgentSettings("r1", 0, folder.resolve("r1.hostkey"), CREDENTIALS),
            STARTING, (running, change) ->
            {
            });
        client = NetconfTestClient.connect(agent.endpoint());
    }

    @AfterEach
    void disconnect() throws IOException
    {
        client.close();
        agent.close();
    }

    @Test
    void invalidValueIsAnRpcErrorWithItsPath() throws IOException
    {
        final Reply reply = client.rpc(editCandidate(mtuConfig("eth1", "jumbo")));

        assertThat(reply.errorTag()).isEqualTo("invalid-value");
        assertThat(reply.errorType()).isEqualTo("application");
        assertThat(reply.errorSeverity()).isEqualTo("error");
        assertThat(reply.errorPath()).isEqualTo("/if:interfaces/if:interface[if:name='eth1']/ip:ipv4/ip:mtu");
        assertThat(reply.errorPathNamespace("if")).isEqualTo(IF);
        assertThat(reply.errorPathNamespace("ip")).isEqualTo(IP);
        assertThat(reply.errorMessage()).contains("jumbo");
        assertThat(agent.candidate()).isEqualTo(STARTING);
    }

    @Test
    void unknownElementOfTheModelIsReportedWithItsName() throws IOException
    {
        final Reply reply = client.rpc(editCandidate("<config><interfaces xmlns=\"" + IF + "\"><interface>" +
            "<name>eth1</name><speed>fast</speed></interface></interfaces></config>"));

        assertThat(reply.errorTag()).isEqualTo("unknown-element");
        assertThat(reply.errorPath()).isEqualTo("/if:interfaces/if:interface[if:name='eth1']/if:speed");
        assertThat(reply.text("bad-element")).isEqualTo("speed");
    }

    @Test
    void deleteOfMissingDataIsDataMissing() throws IOException
    {
        final Reply reply = client.rpc(editCandidate("<config><interfaces xmlns=\"" + IF + "\" " +
            "xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><interface nc:operation=\"delete\">" +
            "<name>eth7</name></interface></interfaces></config>"));

        assertThat(reply.errorTag()).isEqualTo("data-missing");
        assertThat(reply.errorPath()).isEqualTo("/if:interfaces/if:interface[if:name='eth7']");
    }

    @Test
    void rollbackOnErrorLeavesTheTargetUntouched() throws IOException
    {
        final Reply reply = client.rpc("<edit-config><target><candidate/></target>" +
            "<error-option>rollback-on-error</error-option><config>" + interfaces("eth2", "1400") +
            policer("eth2", "fast") + "</config></edit-config>");

        assertThat(reply.errorTag()).isEqualTo("invalid-value");
        assertThat(reply.errorPath()).startsWith("/nsqos:qos/nsqos:interface[nsqos:name='eth2']");
        assertThat(agent.candidate()).isEqualTo(STARTING);
        assertThat(client.rpc(getConfig("candidate")).texts("name")).doesNotContain("eth2");
    }

    @Test
    void continueOnErrorKeepsTheContainersThatApply() throws IOException
    {
        final Reply reply = client.rpc("<edit-config><target><candidate/></target>" +
            "<error-option>continue-on-error</error-option><config>" + interfaces("eth2", "1400") +
            policer("eth2", "fast") + "</config></edit-config>");

        assertThat(reply.errorCount()).isEqualTo(1);
        assertThat(reply.errorTag()).isEqualTo("invalid-value");
        assertThat(agent.candidate().interfaceConfig("eth2").mtuBytes()).isEqualTo(1400);
        assertThat(agent.candidate().ingressPolicers()).isEmpty();
    }

    @Test
    void defaultOperationReplaceMakesTheTargetTheEditsContent() throws IOException
    {
        final Reply reply = client.rpc("<edit-config><target><candidate/></target>" +
            "<default-operation>replace</default-operation>" + mtuConfig("eth2", "1400") + "</edit-config>");

        assertThat(reply.ok()).isTrue();
        assertThat(agent.candidate()).isEqualTo(
            DeviceConfig.empty().withInterface(InterfaceConfig.defaults("eth2").withMtuBytes(1400)));
    }

    @Test
    void defaultOperationNoneChangesOnlyElementsWithAnOperation() throws IOException
    {
        final Reply reply = client.rpc("<edit-config><target><candidate/></target>" +
            "<default-operation>none</default-operation><config><interfaces xmlns=\"" + IF + "\" " +
            "xmlns:nc=\"urn:ietf:params:xml:ns:netconf:base:1.0\"><interface><name>eth1</name>" +
            "<ipv4 xmlns=\"" + IP + "\"><mtu nc:operation=\"replace\">1400</mtu></ipv4></interface></interfaces>" +
            "</config></edit-config>");

        assertThat(reply.ok()).as(reply.xml()).isTrue();
        assertThat(agent.candidate().interfaceConfig("eth1").mtuBytes()).isEqualTo(1400);
        assertThat(agent.candidate().staticRoutes()).isEqualTo(STARTING.staticRoutes());
    }

    @Test
    void defaultOperationNoneRefusesDataTheTargetDoesNotHave() throws IOException
    {
        final Reply reply = client.rpc("<edit-config><target><candidate/></target>" +
            "<default-operation>none</default-operation>" + mtuConfig("eth5", "1400") + "</edit-config>");

        assertThat(reply.errorTag()).isEqualTo("data-missing");
        assertThat(agent.candidate()).isEqualTo(STARTING);
    }

    @Test
    void egressShaperAndClassQueuesAreSetByEditConfig() throws IOException
    {
        final Reply reply = client.rpc(editCandidate("<config><qos xmlns=\"" + QOS + "\"><interface><name>eth1</name>" +
            "<egress-shaper><rate-bps>10000000</rate-bps><burst-bytes>9000</burst-bytes></egress-shaper>" +
            "<egress-queues><queue><name>voice</name><dscp>46</dscp><queue-bytes>20000</queue-bytes></queue>" +
            "<queue><name>rest</name><queue-bytes>100000</queue-bytes></queue></egress-queues>" +
            "</interface></qos></config>"));

        assertThat(reply.ok()).isTrue();
        assertThat(agent.candidate()).isEqualTo(STARTING
            .withEgressShaper(new Shaper("eth1", 10_000_000, 9000))
            .withEgressQueues(EgressQueues.of("eth1",
                new EgressQueue("voice", DscpSet.of(46), 20_000),
                new EgressQueue("rest", DscpSet.NONE, 100_000))));
    }

    @Test
    void shaperBurstBelowTheMtuIsAnRpcErrorWithItsPath() throws IOException
    {
        final Reply reply = client.rpc(editCandidate("<config><qos xmlns=\"" + QOS + "\"><interface><name>eth1</name>" +
            "<egress-shaper><rate-bps>10000000</rate-bps><burst-bytes>3000</burst-bytes></egress-shaper>" +
            "</interface></qos></config>"));

        assertThat(reply.errorTag()).isEqualTo("invalid-value");
        assertThat(reply.errorPath()).contains("egress-shaper").endsWith("burst-bytes");
        assertThat(reply.errorMessage()).contains("below the MTU 9000 of interface eth1");
        assertThat(agent.candidate()).isEqualTo(STARTING);
    }

    @Test
    void testOnlyChecksTheEditWithoutApplyingIt() throws IOException
    {
        assertThat(client.rpc("<edit-config><target><candidate/></target><test-option>test-only</test-option>" +
            mtuConfig("eth1", "1400") + "</edit-config>").ok()).isTrue();
        assertThat(client.rpc("<edit-config><target><candidate/></target><test-option>test-only</test-option>" +
            mtuConfig("eth1", "huge") + "</edit-config>").errorTag()).isEqualTo("invalid-value");
        assertThat(agent.candidate()).isEqualTo(STARTING);
    }

    @Test
    void subtreeFilterSelectsATopLevelContainer() throws IOException
    {
        final Reply reply = client.rpc("<get-config><source><running/></source><filter type=\"subtree\">" +
            "<interfaces xmlns=\"" + IF + "\"/></filter></get-config>");

        assertThat(reply.dataChildren()).containsExactly("interfaces");
        assertThat(reply.text("mtu")).isEqualTo("9000");
    }

    @Test
    void subtreeFilterSelectsAListEntryByItsKey() throws IOException
    {
        client.rpc(editCandidate(mtuConfig("eth2", "1400")));

        final Reply reply = client.rpc("<get-config><source><candidate/></source><filter type=\"subtree\">" +
            "<interfaces xmlns=\"" + IF + "\"><interface><name>eth2</name></interface></interfaces>" +
            "</filter></get-config>");

        assertThat(reply.texts("name")).containsExactly("eth2");
        assertThat(reply.text("mtu")).isEqualTo("1400");
    }

    @Test
    void getWithoutFilterReturnsTheWholeRunningConfiguration() throws IOException
    {
        assertThat(client.rpc("<get/>").dataChildren()).containsExactly("interfaces", "routing");
    }

    @Test
    void xpathFilterIsNotSupported() throws IOException
    {
        final Reply reply = client.rpc("<get><filter type=\"xpath\" select=\"/interfaces\"/></get>");

        assertThat(reply.errorTag()).isEqualTo("bad-attribute");
        assertThat(reply.text("bad-attribute")).isEqualTo("type");
    }

    @Test
    void missingTargetIsAMissingElement() throws IOException
    {
        final Reply reply = client.rpc("<edit-config>" + mtuConfig("eth1", "1400") + "</edit-config>");

        assertThat(reply.errorTag()).isEqualTo("missing-element");
        assertThat(reply.text("bad-element")).isEqualTo("target");
    }

    @Test
    void startupDatastoreIsNotOffered() throws IOException
    {
        assertThat(client.rpc(getConfig("startup")).errorTag()).isEqualTo("invalid-value");
    }

    @Test
    void validateOfAnInlineConfigurationReportsItsErrors() throws IOException
    {
        assertThat(client.rpc("<validate><source>" + mtuConfig("eth1", "1400") + "</source></validate>").ok())
            .isTrue();
        assertThat(client.rpc("<validate><source>" + mtuConfig("eth1", "-1") + "</source></validate>").errorTag())
            .isEqualTo("invalid-value");
        assertThat(client.rpc("<validate><source><candidate/></source></validate>").ok()).isTrue();
    }

    @Test
    void copyConfigOfRunningToCandidateResetsTheCandidate() throws IOException
    {
        client.rpc(editCandidate(blackholeConfig("198.51.100.0/24")));

        assertThat(client.rpc("<copy-config><target><candidate/></target><source><running/></source>" +
            "</copy-config>").ok()).isTrue();

        assertThat(agent.candidate()).isEqualTo(STARTING);
    }

    @Test
    void confirmTimeoutMustBeAPositiveNumberOfSeconds() throws IOException
    {
        final Reply reply = client.rpc("<commit><confirmed/><confirm-timeout>0</confirm-timeout></commit>");

        assertThat(reply.errorTag()).isEqualTo("invalid-value");
        assertThat(reply.text("bad-element")).isEqualTo("confirm-timeout");
        assertThat(agent.confirmedCommitPending()).isFalse();
    }

    @Test
    void policerCommitsToRunning() throws IOException
    {
        client.rpc(editCandidate("<config>" + policer("eth1", "1000000") + "</config>"));
        assertThat(client.rpc("<commit/>").ok()).isTrue();

        assertThat(agent.running().ingressPolicers()).containsEntry("eth1", new Policer("eth1", 1_000_000, 15_000));
    }
}
