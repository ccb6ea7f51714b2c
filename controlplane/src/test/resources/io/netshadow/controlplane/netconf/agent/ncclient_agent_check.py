"""Drives a netshadow NETCONF agent with ncclient, a real NETCONF client.

Usage: ncclient_agent_check.py HOST PORT USER PASSWORD rollback|cancel

rollback: hello, a refused edit (its rpc-error), an edit of the candidate, a confirmed commit with a 2 s
          timeout, then the automatic rollback seen in get-config.
cancel:   a confirmed commit cancelled by its own session, then a persisted one cancelled from a second
          session with its persist-id.

Each step prints one line; the script exits 0 when every step saw what it expected, 1 otherwise.
"""
import sys
import time

from ncclient import manager
from ncclient.operations import RPCError

IF = "urn:ietf:params:xml:ns:yang:ietf-interfaces"
IP = "urn:ietf:params:xml:ns:yang:ietf-ip"
INTERFACES_FILTER = ("subtree", '<interfaces xmlns="%s"/>' % IF)
ROLLBACK_POLL_BOUND_S = 60
PERSIST = "netshadow-ncclient-check"
NEEDED_CAPABILITIES = (":candidate", ":confirmed-commit:1.1", ":validate:1.1", ":rollback-on-error")


def mtu_config(mtu):
    return ('<config xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
            '<interfaces xmlns="%s"><interface><name>eth1</name>'
            '<ipv4 xmlns="%s"><mtu>%s</mtu></ipv4></interface></interfaces></config>' % (IF, IP, mtu))


def say(line):
    print(line, flush=True)


def fail(reason):
    say("FAIL " + reason)
    sys.exit(1)


def connect(host, port, user, password):
    return manager.connect(host=host, port=port, username=user, password=password, hostkey_verify=False,
                           allow_agent=False, look_for_keys=False, timeout=30,
                           device_params={"name": "default"})


def running_mtu(session):
    reply = session.get_config(source="running", filter=INTERFACES_FILTER)
    mtus = reply.data_ele.xpath("//ip:mtu", namespaces={"ip": IP})
    return mtus[0].text if mtus else "none"


def expect_running_mtu(session, expected):
    mtu = running_mtu(session)
    if mtu != expected:
        fail("running mtu is %s, expected %s" % (mtu, expected))
    say("RUNNING mtu=%s" % mtu)


def hello(session):
    for capability in NEEDED_CAPABILITIES:
        if capability not in session.server_capabilities:
            fail("the agent does not announce " + capability)
    say("HELLO session-id=%s capabilities ok" % session.session_id)


def rollback(host, port, user, password):
    with connect(host, port, user, password) as session:
        hello(session)
        expect_running_mtu(session, "none")
        try:
            session.edit_config(target="candidate", config=mtu_config("jumbo"))
            fail("an MTU of 'jumbo' was accepted")
        except RPCError as error:
            say("REFUSED tag=%s path=%s" % (error.tag, error.path))
        session.edit_config(target="candidate", config=mtu_config("1400"))
        say("EDIT candidate ok")
        session.commit(confirmed=True, timeout="2")
        say("COMMIT confirmed timeout=2")
        expect_running_mtu(session, "1400")
        deadline = time.monotonic() + ROLLBACK_POLL_BOUND_S
        while running_mtu(session) != "none":
            if time.monotonic() > deadline:
                fail("no rollback within %d s" % ROLLBACK_POLL_BOUND_S)
            time.sleep(0.1)
        say("ROLLBACK running mtu=none")


def cancel(host, port, user, password):
    with connect(host, port, user, password) as session:
        hello(session)
        session.edit_config(target="candidate", config=mtu_config("1400"))
        session.commit(confirmed=True, timeout="600")
        say("COMMIT confirmed timeout=600")
        expect_running_mtu(session, "1400")
        session.cancel_commit()
        say("CANCEL own session ok")
        expect_running_mtu(session, "none")

        session.edit_config(target="candidate", config=mtu_config("1400"))
        session.commit(confirmed=True, timeout="600", persist=PERSIST)
        say("COMMIT confirmed persist")
        expect_running_mtu(session, "1400")
        with connect(host, port, user, password) as second:
            second.cancel_commit(persist_id=PERSIST)
            say("CANCEL persist-id from session %s ok" % second.session_id)
        expect_running_mtu(session, "none")


def main():
    if len(sys.argv) != 6 or sys.argv[5] not in ("rollback", "cancel"):
        fail("usage: ncclient_agent_check.py HOST PORT USER PASSWORD rollback|cancel")
    host, port, user, password, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
    if mode == "rollback":
        rollback(host, port, user, password)
    else:
        cancel(host, port, user, password)
    say("DONE")


if __name__ == "__main__":
    main()
