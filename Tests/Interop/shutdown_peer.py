"""One aiortc participant that stays connected until the Switchboard server shuts down, for the
shutdown interop test.

It opens its event stream, then publishes (--publish av: conference_peer.py's numbered VP8 and
Opus tone) or subscribes (--subscribe: conference_peer.py's negotiation loop), prints the line
`ready` once its transport is connected (subscribing: once a video frame arrived), and then waits
(at most --max-wait s) until the server has closed its DTLS transport. Meanwhile it records, by
hooks into aiortc:

- every RTCP BYE that arrives (at RTCDtlsTransport._handle_rtcp_data, after SRTCP, so a BYE for
  an SSRC aiortc routes nowhere, like the server's feedback SSRC, counts too);
- whether the DTLS transport ended on the server's close_notify (OpenSSL's RECEIVED_SHUTDOWN flag
  when the transport's receive loop ends), and when;
- when its event stream ended.

Then it prints ONE JSON object on stdout:

  {"participant": id, "role": "publish"|"subscribe", "errors": [str], "connected": bool,
   "byes": [{"sources": [ssrc], "atMs": t}], "closeNotifyAtMs": t|null,
   "dtlsState": str, "dtlsClosedAtMs": t|null, "eventStreamEndedAtMs": t|null,
   "offeredSSRCs": [ssrc], "framesReceived": n,
   "localUfrag": str|null, "remoteUfrag": str|null, "localPorts": [port]}

offeredSSRCs are the primary SSRCs of the server's subscribe offer (a=ssrc lines, without the
second SSRC of each FID group); localPorts the ports of this peer's own candidates. Times are
milliseconds since the Unix epoch. Every wait is bounded.
"""
import argparse
import asyncio
import json
import sys
import urllib.parse

from conference_peer import EventStream, Participant, now_ms  # noqa: E402  (patches aioice first)

from aiortc.rtcdtlstransport import RTCDtlsTransport  # noqa: E402
from aiortc.rtp import RtcpByePacket, RtcpPacket  # noqa: E402
from OpenSSL import SSL  # noqa: E402

RECORD = {"byes": [], "closeNotifyAtMs": None}

_handle_rtcp_data = RTCDtlsTransport._handle_rtcp_data
_recv_next = RTCDtlsTransport._recv_next


async def recording_handle_rtcp_data(self, data):
    try:
        packets = RtcpPacket.parse(data)
    except ValueError:
        packets = []
    for packet in packets:
        if isinstance(packet, RtcpByePacket):
            RECORD["byes"].append({"sources": list(packet.sources), "atMs": now_ms()})
    await _handle_rtcp_data(self, data)


async def recording_recv_next(self):
    try:
        await _recv_next(self)
    except ConnectionError:
        if self._ssl.get_shutdown() & SSL.RECEIVED_SHUTDOWN and RECORD["closeNotifyAtMs"] is None:
            RECORD["closeNotifyAtMs"] = now_ms()
        raise


RTCDtlsTransport._handle_rtcp_data = recording_handle_rtcp_data
RTCDtlsTransport._recv_next = recording_recv_next


def sdp_values(sdp, prefix):
    return [line[len(prefix):].strip() for line in sdp.replace("\r\n", "\n").split("\n") if line.startswith(prefix)]


def primary_ssrcs(sdp):
    ssrcs, retransmissions = [], set()
    for group in sdp_values(sdp, "a=ssrc-group:FID "):
        parts = group.split()
        retransmissions.update(int(part) for part in parts[1:])
    for line in sdp_values(sdp, "a=ssrc:"):
        ssrc = int(line.split()[0])
        if ssrc not in retransmissions and ssrc not in ssrcs:
            ssrcs.append(ssrc)
    return ssrcs


class ShutdownParticipant(Participant):
    def __init__(self, args):
        super().__init__(args)
        self.role = "subscribe" if args.subscribe else "publish"
        self.dtls_closed_at = None

    def peer_connection(self):
        return self.subscribe_pc if self.args.subscribe else self.publish_pc

    def dtls_transport(self):
        pc = self.peer_connection()
        transceivers = pc.getTransceivers() if pc is not None else []
        return transceivers[0].receiver.transport if transceivers else None

    async def wait_for(self, condition, timeout):
        deadline = asyncio.get_running_loop().time() + timeout
        while not condition():
            if asyncio.get_running_loop().time() > deadline:
                return False
            await asyncio.sleep(0.02)
        return True

    async def run_until_closed(self):
        loop = asyncio.get_running_loop()
        url = f"{self.base}/events?token={urllib.parse.quote(self.args.token)}"
        self.events = EventStream(url, loop, self.on_event, read_timeout=self.args.max_wait + 30)
        self.events.start()
        try:
            await asyncio.wait_for(self.room_event.wait(), timeout=5)
        except asyncio.TimeoutError:
            self.errors.append(f"no room event within 5 s ({self.events.error or self.events.status})")
        if self.args.subscribe:
            await self.subscribe()
            if not await self.wait_for(lambda: any(c.frames > 0 and c.track.kind == "video" for c in self.counters),
                                       self.args.connect_timeout):
                self.errors.append("no video frame received")
        else:
            await self.publish()
        print("ready", flush=True)
        transport = self.dtls_transport()
        if transport is None:
            self.errors.append("no DTLS transport")
            return
        if await self.wait_for(lambda: transport.state == "closed", self.args.max_wait):
            self.dtls_closed_at = now_ms()
        else:
            self.errors.append(f"DTLS transport still {transport.state} after {self.args.max_wait} s")
        await self.wait_for(lambda: self.events.ended.is_set(), 5)

    def shutdown_result(self):
        pc = self.peer_connection()
        transport = self.dtls_transport()
        local = pc.localDescription.sdp if pc is not None and pc.localDescription else ""
        remote = pc.remoteDescription.sdp if pc is not None and pc.remoteDescription else ""
        connected = (self.subscribe_connected.is_set() if self.args.subscribe
                     else bool(self.publish_result and self.publish_result.get("connectedAtMs")))
        ufrags_local, ufrags_remote = sdp_values(local, "a=ice-ufrag:"), sdp_values(remote, "a=ice-ufrag:")
        return {
            "participant": self.args.participant,
            "role": self.role,
            "errors": self.errors,
            "connected": connected,
            "byes": RECORD["byes"],
            "closeNotifyAtMs": RECORD["closeNotifyAtMs"],
            "dtlsState": transport.state if transport is not None else None,
            "dtlsClosedAtMs": self.dtls_closed_at,
            "eventStreamEndedAtMs": now_ms() if self.events is not None and self.events.ended.is_set() else None,
            "offeredSSRCs": primary_ssrcs(remote) if self.args.subscribe else [],
            "framesReceived": sum(counter.frames for counter in self.counters),
            "localUfrag": ufrags_local[0] if ufrags_local else None,
            "remoteUfrag": ufrags_remote[0] if ufrags_remote else None,
            "localPorts": sorted({int(c.split()[5]) for c in sdp_values(local, "a=candidate:") if len(c.split()) > 5}),
        }


async def main_async(args):
    participant = ShutdownParticipant(args)
    try:
        await asyncio.wait_for(participant.run_until_closed(), timeout=2 * args.connect_timeout + args.max_wait + 15)
    except Exception as error:  # reported to the Swift test, which fails on it
        participant.errors.append(f"{type(error).__name__}: {error}")
    result = participant.shutdown_result()
    try:
        await participant.close()
    except Exception as error:
        result["errors"].append(f"close: {type(error).__name__}: {error}")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--room", required=True)
    parser.add_argument("--participant", required=True)
    parser.add_argument("--token", required=True)
    role = parser.add_mutually_exclusive_group(required=True)
    role.add_argument("--publish", choices=["av", "video", "audio"])
    role.add_argument("--subscribe", action="store_true")
    parser.add_argument("--connect-timeout", type=float, default=10.0)
    parser.add_argument("--max-wait", type=float, default=30.0, help="longest wait for the server to close")
    args = parser.parse_args()
    # What conference_peer.Participant reads besides these.
    args.publish = args.publish or "none"
    args.tracks, args.frame_log, args.seconds = None, False, 0.0
    args.until_left, args.grace, args.leave = None, 0.0, False
    result = asyncio.run(main_async(args))
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
