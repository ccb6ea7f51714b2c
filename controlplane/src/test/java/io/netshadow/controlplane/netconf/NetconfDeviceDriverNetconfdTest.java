package io.netshadow.controlplane.netconf;

import io.netshadow.controlplane.orchestrator.DeviceCapabilities;
import io.netshadow.controlplane.orchestrator.DeviceException;
import io.netshadow.dataplane.device.DeviceConfig;
import io.netshadow.dataplane.device.InterfaceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.netshadow.controlplane.netconf.NetconfdData.blackholeRoute;
import static io.netshadow.controlplane.netconf.NetconfdData.compact;
import static io.netshadow.controlplane.netconf.NetconfdData.config;
import static io.netshadow.controlplane.netconf.NetconfdData.ethernet;
import static io.netshadow.controlplane.netconf.NetconfdData.interfaceNames;
import static io.netshadow.controlplane.netconf.NetconfdData.interfaces;
import static io.netshadow.controlplane.netconf.NetconfdData.mtu;
import static io.netshadow.controlplane.netconf.NetconfdData.mtuOnly;
import static io.netshadow.controlplane.netconf.NetconfdData.route;
import static io.netshadow.controlplane.netconf.NetconfdData.staticRoutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The NETCONF device driver against netconfd: the change transaction step by step, netconfd's quirks coped with, and
 * running left exactly as before wherever a change is undone.
 */
class NetconfDeviceDriverNetconfdTest
{
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final String ROUTING = "urn:ietf:params:xml:ns:yang:ietf-routing";

    private static NetconfdInstance netconfd;
    private static NetconfClient client;
    private static HostKeyPolicy knownHostKey;

    @BeforeAll
    static void startNetconfd() throws Exception
    {
        netconfd = NetconfdInstance.start();
        client = new NetconfClient();
        knownHostKey = netconfd.knownHostKey();
    }

    @AfterAll
    static void stopNetconfd()
    {
        if (null != client)
        {
            client.close();
        }
        if (null != netconfd)
        {
            netconfd.close();
        }
    }

    @BeforeEach
    void startFromTwoInterfacesAndARoute() throws Exception
    {
        try (NetconfSession session = open())
        {
            NetconfdData.reset(session,
                interfaces(ethernet("eth0", true, 1500), ethernet("eth1", true, 9000)),
                staticRoutes(route("10.1.0.0/16", "eth1"), blackholeRoute("192.0.2.0/24")));
        }
    }

    @Test
    void capabilitiesComeFromTheHello() throws Exception
    {
        try (NetconfDeviceDriver driver = driver())
        {
            assertThat(driver.capabilities()).isEqualTo(DeviceCapabilities.FULL);
        }
    }

    @Test
    void runningIsReadIntoTheDeviceModel() throws Exception
    {
        try (NetconfDeviceDriver driver = driver())
        {
            final DeviceConfig running = driver.running();

            assertThat(running.interfaces()).containsOnlyKeys("eth0", "eth1");
            assertThat(running.interfaceConfig("eth1")).isEqualTo(new InterfaceConfig("eth1", true, 9000));
            assertThat(running.staticRoutes()).hasSize(2);
        }
    }

    @Test
    void netconfdLosesTheEditWhenTheCandidateIsValidatedInPlace() throws Exception
    {
        try (NetconfSession session = open())
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", 1400)))));
            session.validate(Datastore.CANDIDATE);
            session.commit();

            assertThat(mtu(session, Datastore.RUNNING, "eth0")).as("the quirk the driver works around").isEqualTo(1500);
        }
    }

    @Test
    void validateThenCommitKeepsTheEdit() throws Exception
    {
        try (NetconfDeviceDriver driver = driver())
        {
            driver.lock();
            driver.edit(config(interfaces(mtuOnly("eth0", 1400))));
            driver.validate();
            driver.commit(null);
            driver.unlock();

            assertThat(driver.running().interfaceConfig("eth0").mtuBytes()).isEqualTo(1400);
        }
    }

    @Test
    void validateReportsAnInvalidCandidateWithTheErrorPath() throws Exception
    {
        try (NetconfSession session = open(); NetconfDeviceDriver driver = driver())
        {
            session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth7", 1400))))
                .withTestOption(EditConfig.TestOption.SET));

            assertThatThrownBy(driver::validate)
                .isInstanceOf(DeviceException.class)
                .hasMessageStartingWith("r1: validate failed: data-missing at ")
                .hasMessageContaining("if:interface[if:name='eth7']/if:type");
            session.discardChanges();
        }
    }

    @Test
    void refusedEditNamesTheDeviceTheTagAndThePath() throws Exception
    {
        try (NetconfDeviceDriver driver = driver())
        {
            assertThatThrownBy(() -> driver.edit(config(interfaces(mtuOnly("eth0", 10)))))
                .isInstanceOf(DeviceException.class)
                .hasMessageStartingWith("r1: edit-config failed: invalid-value at ")
                .hasMessageContaining("/ip:ipv4/ip:mtu: value not in range");
        }
    }

    @Test
    void lockHeldByAnotherSessionIsDeniedNamingTheHolder() throws Exception
    {
        try (NetconfSession holder = open(); NetconfDeviceDriver driver = driver())
        {
            holder.lock(Datastore.CANDIDATE);

            assertThatThrownBy(driver::lock)
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining("r1: lock failed: lock-denied")
                .hasMessageContaining("<session-id>" + holder.sessionId() + "</session-id>");
        }
    }

    @Test
    void confirmedTransactionKeepsTheChange() throws Exception
    {
        try (NetconfDeviceDriver driver = driver())
        {
            driver.lock();
            driver.edit(config(interfaces(mtuOnly("eth0", 1400))));
            driver.validate();
            driver.commitConfirmed(WINDOW, "change-1");
            driver.unlock();
        }
        try (NetconfDeviceDriver confirmer = driver())
        {
            confirmer.commit("change-1");

            assertThat(confirmer.running().interfaceConfig("eth0").mtuBytes()).isEqualTo(1400);
        }
    }

    @Test
    void cancelledTransactionLeavesRunningExactlyAsBefore() throws Exception
    {
        try (NetconfSession observer = open(); NetconfDeviceDriver driver = driver())
        {
            final String before = compact(observer.getConfig(Datastore.RUNNING).data());
            driver.lock();
            driver.edit(config(interfaces(mtuOnly("eth0", 1400), ethernet("eth2", false, 1280))));
            driver.validate();
            driver.commitConfirmed(WINDOW, "change-2");
            driver.unlock();
            assertThat(mtu(observer, Datastore.RUNNING, "eth0")).isEqualTo(1400);

            driver.cancelCommit("change-2");

            assertThat(compact(observer.getConfig(Datastore.RUNNING).data())).isEqualTo(before);
        }
    }

    @Test
    void restoreAfterACommittedChangeGivesBackRunningExactlyAsSaved() throws Exception
    {
        try (NetconfSession observer = open(); NetconfDeviceDriver driver = driver())
        {
            final String before = compact(observer.getConfig(Datastore.RUNNING).data());
            driver.lock();
            final DeviceConfig saved = driver.running();
            driver.edit(config(
                interfaces(mtuOnly("eth0", 1400), "<interface nc:operation=\"delete\"><name>eth1</name></interface>",
                    ethernet("eth2", false, 1280)),
                staticRoutes(blackholeRoute("198.51.100.0/24"),
                    "<route nc:operation=\"delete\"><destination-prefix>10.1.0.0/16</destination-prefix></route>")));
            driver.validate();
            driver.commit(null);
            driver.unlock();
            assertThat(interfaceNames(observer, Datastore.RUNNING)).containsExactly("eth0", "eth2");

            driver.restore(saved);

            assertThat(compact(observer.getConfig(Datastore.RUNNING).data())).isEqualTo(before);
            assertThat(driver.running()).isEqualTo(saved);
        }
    }

    @Test
    void restoreOfAConfigurationThisDriverNeverReadWritesItFromTheModel() throws Exception
    {
        final DeviceConfig saved;
        try (NetconfDeviceDriver reader = driver())
        {
            saved = reader.running();
        }
        try (NetconfSession session = open())
        {
            NetconfdData.reset(session, interfaces(ethernet("eth3", true, 1500)));
        }
        try (NetconfSession observer = open(); NetconfDeviceDriver restorer = driver())
        {
            restorer.restore(saved);

            assertThat(restorer.running()).isEqualTo(saved);
            assertThat(interfaceNames(observer, Datastore.RUNNING)).containsExactly("eth0", "eth1");
            assertThat(observer.getConfig(Datastore.RUNNING).data()).contains("ianaift:ethernetCsmacd");
        }
    }

    @Test
    void restoreRemovesContainersTheSavedConfigurationLacks() throws Exception
    {
        final DeviceConfig interfacesOnly = DeviceConfig.empty()
            .withInterface(new InterfaceConfig("eth0", true, 1500))
            .withInterface(new InterfaceConfig("eth1", true, 9000));
        try (NetconfSession observer = open(); NetconfDeviceDriver driver = driver())
        {
            driver.restore(interfacesOnly);

            assertThat(driver.running()).isEqualTo(interfacesOnly);
            assertThat(observer.getConfig(Datastore.RUNNING).data()).doesNotContain(ROUTING);
        }
    }

    @Test
    void aLostSessionIsReopenedForTheNextStepButALostLockIsReported() throws Exception
    {
        try (NetconfSession killer = open(); NetconfDeviceDriver driver = driver())
        {
            driver.lock();
            killOthers(killer);

            assertThatThrownBy(() -> driver.edit(config(interfaces(mtuOnly("eth0", 1400)))))
                .isInstanceOf(DeviceException.class)
                .message()
                .startsWith("r1: ")
                .containsAnyOf(
                    "the session holding the lock was lost", "session closed: the device closed the session");
            driver.unlock();
            assertThat(driver.running().interfaceConfig("eth0").mtuBytes()).isEqualTo(1500);
            driver.lock();
            driver.unlock();
        }
    }

    @Test
    void confirmedCommitWithoutTokenIsNotConfirmedOnceItsSessionIsLost() throws Exception
    {
        try (NetconfSession killer = open(); NetconfDeviceDriver driver = driver())
        {
            driver.edit(config(interfaces(mtuOnly("eth0", 1400))));
            driver.commitConfirmed(WINDOW, null);
            killOthers(killer);

            assertThatThrownBy(() -> driver.commit(null))
                .isInstanceOf(DeviceException.class)
                .message()
                .startsWith("r1: ")
                .containsAnyOf("the session that made the confirmed commit ended", "session closed");
            assertThat(pollQuietlyForMtu(killer, 1500)).as("reverted when the session ended").isTrue();
        }
    }

    private static NetconfDeviceDriver driver()
    {
        return new NetconfDeviceDriver(client, netconfd.endpoint("r1", netconfd.keyLogin(), knownHostKey));
    }

    private static NetconfSession open() throws NetconfException
    {
        return client.open(netconfd.endpoint("observer", netconfd.keyLogin(), knownHostKey));
    }

    /**
     * Reads running every two seconds: netconfd acts on a confirmed commit's end only after a second without RPCs.
     */
    private static boolean pollQuietlyForMtu(final NetconfSession session, final int mtuBytes) throws Exception
    {
        for (int poll = 0; poll < 30; poll++)
        {
            Thread.sleep(2_000);
            if (mtu(session, Datastore.RUNNING, "eth0") == mtuBytes)
            {
                return true;
            }
        }
        return false;
    }

    private static void killOthers(final NetconfSession killer) throws NetconfException
    {
        final String sessions = killer.get(
            "<netconf-state xmlns=\"urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring\"><sessions/>" +
            "</netconf-state>").data();
        final Matcher ids = Pattern.compile("<session-id>(\\d+)</session-id>").matcher(sessions);
        while (ids.find())
        {
            final long id = Long.parseLong(ids.group(1));
            if (id != killer.sessionId())
            {
                killer.killSession(id);
            }
        }
    }
}
