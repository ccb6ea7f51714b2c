package io.netshadow.dataplane.device;

import org.junit.jupiter.api.Test;

import static io.netshadow.dataplane.device.DeviceConfigXmlTest.IF;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.IP;
import static io.netshadow.dataplane.device.DeviceConfigXmlTest.QOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DeviceConfigQosTest
{
    private static final String QOS_XML = """
        <qos %s><interface><name>eth1</name>
          <egress-shaper><rate-bps>10000000</rate-bps><burst-bytes>15000</burst-bytes></egress-shaper>
          <egress-queues>
            <queue><name>voice</name><dscp>46</dscp><queue-bytes>20000</queue-bytes></queue>
            <queue><name>video</name><dscp>32-39,24</dscp><queue-bytes>60000</queue-bytes></queue>
            <queue><name>rest</name><queue-bytes>100000</queue-bytes></queue>
          </egress-queues>
        </interface></qos>
        """.formatted(QOS);

    private static final DeviceConfig QOS_CONFIG = DeviceConfig.empty()
        .withEgressShaper(new Shaper("eth1", 10_000_000, 15_000))
        .withEgressQueues(EgressQueues.of("eth1",
            new EgressQueue("voice", DscpSet.of(46), 20_000),
            new EgressQueue("video", DscpSet.parse("24,32-39"), 60_000),
            new EgressQueue("rest", DscpSet.NONE, 100_000)));

    @Test
    void readsShaperAndQueuesAndWritesThemBack() throws DeviceConfigException
    {
        final DeviceConfig config = DeviceConfigXml.applyEdit(DeviceConfig.empty(), QOS_XML);

        assertThat(config).isEqualTo(QOS_CONFIG);
        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), DeviceConfigXml.toXml(config))).isEqualTo(config);
    }

    @Test
    void shaperPolicerAndQueuesOfOneInterfaceShareItsEntry() throws DeviceConfigException
    {
        final DeviceConfig config = QOS_CONFIG.withIngressPolicer(new Policer("eth1", 1_000_000, 1500));

        final String xml = DeviceConfigXml.toXml(config);

        assertThat(xml.split("<name>eth1</name>", -1)).hasSize(2);
        assertThat(DeviceConfigXml.applyEdit(DeviceConfig.empty(), xml)).isEqualTo(config);
    }

    @Test
    void dscpGoesToTheFirstQueueListingItOrElseToTheLast()
    {
        final EgressQueues queues = QOS_CONFIG.egressQueues().get("eth1");

        assertThat(queues.classOf(46)).isZero();
        assertThat(queues.classOf(24)).isEqualTo(1);
        assertThat(queues.classOf(35)).isEqualTo(1);
        assertThat(queues.classOf(0)).isEqualTo(2);
        assertThat(queues.classOf(63)).isEqualTo(2);
    }

    @Test
    void dscpSetPrintsCanonicallyAndRefusesCodePointsOutOfRange()
    {
        assertThat(DscpSet.parse("47, 46,32-34,10,12").toString()).isEqualTo("10,12,32-34,46,47");
        assertThatThrownBy(() -> DscpSet.parse("64")).hasMessageContaining("outside 0..63");
        assertThatThrownBy(() -> DscpSet.parse("40-32")).hasMessageContaining("is empty");
    }

    @Test
    void dscpListedByTwoQueuesNamesTheSecondQueue()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<qos " + QOS + "><interface><name>eth1</name>" +
            "<egress-queues><queue><name>a</name><dscp>46</dscp><queue-bytes>1000</queue-bytes></queue>" +
            "<queue><name>b</name><dscp>40-47</dscp><queue-bytes>1000</queue-bytes></queue></egress-queues>" +
            "</interface></qos>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.INVALID_VALUE);
        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth1]/egress-queues/queue[name=b]/dscp");
        assertThat(ex.getMessage()).contains("DSCP 46 is already listed");
    }

    @Test
    void dscpOutOfRangeNamesItsPath()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<qos " + QOS + "><interface><name>eth1</name>" +
            "<egress-queues><queue><name>a</name><dscp>70</dscp><queue-bytes>1000</queue-bytes></queue>" +
            "</egress-queues></interface></qos>");

        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth1]/egress-queues/queue[name=a]/dscp");
    }

    @Test
    void queueWithoutItsSizeIsRefused()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<qos " + QOS + "><interface><name>eth1</name>" +
            "<egress-queues><queue><name>a</name></queue></egress-queues></interface></qos>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MISSING_ELEMENT);
        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth1]/egress-queues/queue[name=a]/queue-bytes");
    }

    @Test
    void moreQueuesThanClassesAreRefused()
    {
        final StringBuilder queues = new StringBuilder();
        for (int i = 0; i <= EgressQueues.MAX_QUEUES; i++)
        {
            queues.append("<queue><name>q").append(i).append("</name><queue-bytes>1000</queue-bytes></queue>");
        }

        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<qos " + QOS + "><interface><name>eth1</name>" +
            "<egress-queues>" + queues + "</egress-queues></interface></qos>");

        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth1]/egress-queues");
    }

    @Test
    void shaperBurstBelowTheInterfaceMtuNamesTheBurst()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(),
            "<config " + "xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\">" +
                "<interfaces " + IF + "><interface><name>eth1</name><ipv4 " + IP + "><mtu>9000</mtu></ipv4>" +
                "</interface></interfaces>" +
                "<qos " + QOS + "><interface><name>eth1</name><egress-shaper><rate-bps>1000000</rate-bps>" +
                "<burst-bytes>3000</burst-bytes></egress-shaper></interface></qos></config>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.INVALID_VALUE);
        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth1]/egress-shaper/burst-bytes");
        assertThat(ex.getMessage()).contains("below the MTU 9000 of interface eth1");
    }

    @Test
    void shaperWithoutRateIsRefused()
    {
        final DeviceConfigException ex = refused(DeviceConfig.empty(), "<qos " + QOS + "><interface><name>eth1</name>" +
            "<egress-shaper><burst-bytes>3000</burst-bytes></egress-shaper></interface></qos>");

        assertThat(ex.kind()).isEqualTo(DeviceConfigException.Kind.MISSING_ELEMENT);
        assertThat(ex.path()).isEqualTo("/qos/interface[name=eth1]/egress-shaper");
    }

    @Test
    void deletingTheQueuesRestoresTheSingleFifo() throws DeviceConfigException
    {
        final DeviceConfig config = DeviceConfigXml.applyEdit(QOS_CONFIG, "<qos " + QOS + " " +
            DeviceConfigXmlTest.NC + "><interface><name>eth1</name><egress-queues nc:operation=\"delete\"/>" +
            "</interface></qos>");

        assertThat(config.egressQueues()).isEmpty();
        assertThat(config.egressShapers()).containsKey("eth1");
    }

    private static DeviceConfigException refused(final DeviceConfig base, final String xml)
    {
        final DeviceConfigException ex =
            catchThrowableOfType(DeviceConfigException.class, () -> DeviceConfigXml.applyEdit(base, xml));
        assertThat(ex).as("edit refused").isNotNull();
        return ex;
    }
}
