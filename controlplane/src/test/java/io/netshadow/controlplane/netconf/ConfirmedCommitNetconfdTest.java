package io.netshadow.controlplane.netconf;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.netshadow.controlplane.netconf.NetconfdData.config;
import static io.netshadow.controlplane.netconf.NetconfdData.ethernet;
import static io.netshadow.controlplane.netconf.NetconfdData.interfaces;
import static io.netshadow.controlplane.netconf.NetconfdData.mtu;
import static io.netshadow.controlplane.netconf.NetconfdData.mtuOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Confirmed commits against netconfd: the automatic revert, cancel-commit, and persist-id from another session.
 * <p>
 * netconfd's confirm timer fires only once the instance has had a second without RPCs, so the tests that wait for a
 * revert poll with two-second pauses between reads.
 */
class ConfirmedCommitNetconfdTest
{
    private static final Duration SHORT_WINDOW = Duration.ofSeconds(1);
    private static final Duration LONG_WINDOW = Duration.ofMinutes(10);
    private static final long QUIET_PAUSE_MS = 2_000;
    private static final int MAX_POLLS = 30;

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
    void startFromMtu1500() throws Exception
    {
        try (NetconfSession session = open())
        {
            NetconfdData.reset(session, interfaces(ethernet("eth0", true, 1500)));
        }
    }

    @Test
    void unconfirmedCommitRevertsByItselfWhenTheWindowCloses() throws Exception
    {
        try (NetconfSession session = open())
        {
            editMtu(session, 1400);
            session.commitConfirmed(SHORT_WINDOW, "auto-revert");
            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1400);

            assertThat(pollQuietlyForMtu(session, 1500)).as("reverted by the device").isTrue();
        }
    }

    @Test
    void cancelCommitRevertsAtOnce() throws Exception
    {
        try (NetconfSession session = open())
        {
            editMtu(session, 1400);
            session.commitConfirmed(LONG_WINDOW, "cancel-me");
            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1400);

            session.cancelCommit("cancel-me");

            assertThat(mtu(session, Datastore.RUNNING, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void persistIdLetsASecondSessionConfirmAfterTheFirstIsGone() throws Exception
    {
        try (NetconfSession first = open())
        {
            editMtu(first, 1400);
            first.commitConfirmed(SHORT_WINDOW, "confirm-elsewhere");
        }
        try (NetconfSession second = open())
        {
            second.confirmCommit("confirm-elsewhere");

            for (int poll = 0; poll < 3; poll++)
            {
                Thread.sleep(QUIET_PAUSE_MS);
                assertThat(mtu(second, Datastore.RUNNING, "eth0")).as("still confirmed").isEqualTo(1400);
            }
        }
    }

    @Test
    void persistIdLetsASecondSessionCancel() throws Exception
    {
        try (NetconfSession first = open())
        {
            editMtu(first, 1400);
            first.commitConfirmed(LONG_WINDOW, "cancel-elsewhere");
        }
        try (NetconfSession second = open())
        {
            assertThat(mtu(second, Datastore.RUNNING, "eth0")).isEqualTo(1400);

            second.cancelCommit("cancel-elsewhere");

            assertThat(mtu(second, Datastore.RUNNING, "eth0")).isEqualTo(1500);
        }
    }

    @Test
    void confirmedCommitWithoutPersistRevertsWhenItsSessionEnds() throws Exception
    {
        try (NetconfSession first = open())
        {
            editMtu(first, 1400);
            first.commitConfirmed(LONG_WINDOW, null);
        }
        try (NetconfSession second = open())
        {
            assertThat(pollQuietlyForMtu(second, 1500)).as("reverted when the session ended").isTrue();
        }
    }

    @Test
    void cancelCommitWithAnUnknownPersistIdIsRefused() throws Exception
    {
        try (NetconfSession session = open())
        {
            assertThatThrownBy(() -> session.cancelCommit("never-committed"))
                .isInstanceOf(NetconfRpcException.class)
                .hasMessageStartingWith("netconfd: cancel-commit failed: ");
        }
    }

    private static NetconfSession open() throws NetconfException
    {
        return client.open(netconfd.endpoint("netconfd", netconfd.keyLogin(), knownHostKey));
    }

    private static void editMtu(final NetconfSession session, final int mtuBytes) throws NetconfException
    {
        session.editConfig(EditConfig.of(Datastore.CANDIDATE, config(interfaces(mtuOnly("eth0", mtuBytes)))));
    }

    /**
     * Reads running every two seconds, so that the instance has the quiet second its confirm timer needs.
     */
    private static boolean pollQuietlyForMtu(final NetconfSession session, final int mtuBytes) throws Exception
    {
        for (int poll = 0; poll < MAX_POLLS; poll++)
        {
            Thread.sleep(QUIET_PAUSE_MS);
            if (mtu(session, Datastore.RUNNING, "eth0") == mtuBytes)
            {
                return true;
            }
        }
        return false;
    }
}
