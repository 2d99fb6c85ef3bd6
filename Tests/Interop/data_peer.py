"""One aiortc participant of a Switchboard room that sends and receives data-channel messages.

It opens the participant's event stream (GET …/events?token=) first, publishes a data-only offer
on one RTCPeerConnection whose data channels are given by --send (POST …/publish), and, with
--subscribe, subscribes on a second one (POST …/subscribe for the server's offer, PUT with the
answer; again on every `renegotiate` event; while the server has nothing to offer yet (409) it
retries on the next room event and every two seconds). The server opens a channel on the
subscribe connection for each other participant's channel (API.md "Data channels"): same label,
ordering and reliability, DCEP protocol = the sender's participant id.

Every message is derived from (sender, label, index), so a receiver regenerates what it should get
and compares byte for byte, type included (text stays text, binary stays binary):
- pattern "mix" (a reliable ordered channel): message i of --messages is, by i, empty text
  (i % 10 == 3), empty binary (i % 10 == 7), 256 KiB (i % 250 == 125), 64 KiB (i % 100 == 50),
  else text (odd i) or binary (even i) of 1..2000 bytes; small texts hold 1- to 4-byte UTF-8
  characters. The receiver checks the k-th message it gets against message k and reports the
  first mismatch.
- pattern "indexed" (lossy, unordered or joined late): message i starts with "i:" and is text
  (odd i) or binary (even i) of 200..999 bytes, so each one checks itself; the receiver logs
  (index, time) of every intact one and counts corrupt and duplicate ones.

Sending starts once the own channels are open (and, with --start-file, once that file exists); it
runs at --rate messages a second (0: as fast as flow control lets), never letting a channel
buffer more than 1 MiB (it waits for `bufferedamountlow`). The run ends when --stop-file exists or
after --max-seconds. Progress goes to stdout as lines "status: WHAT …" (for the Swift test to
wait on); the last line is ONE JSON object:

  {"participant": id, "startedAtMs": t, "errors": [str], "pattern": str,
   "events": [{"event": name, "data": json, "atMs": t}],
   "publish": {"status": int|null, "connectedAtMs": t|null} | null,
   "subscribe": {"connectedAtMs": t|null, "negotiations": [{"offerStatus", "answerStatus", "atMs",
                 "hasApplication": bool, "error"}]} | null,
   "sent": [{"label", "ordered", "maxRetransmits", "maxPacketLifeTime", "id", "openedAtMs",
             "closedAtMs", "startedAtMs", "finishedAtMs", "messages", "bytes",
             "sendTimesMs": [t]}],
   "received": [{"label", "protocol", "ordered", "maxRetransmits", "maxPacketLifeTime", "id",
                 "openedAtMs", "closedAtMs", "readyState", "messages", "bytes", "texts",
                 "binaries", "emptyTexts", "emptyBinaries",
                 "matched": n, "firstMismatch": {…}|null,            (mix)
                 "corrupt": n, "duplicates": n, "outOfOrder": n,
                 "firstCorrupt": {…}|null, "receiveLog": [[index, t]]}], (indexed)
   "completeAtMs": t|null, "stalledAtMs": t|null, "resumedAtMs": t|null}

"bytes" counts payload bytes (an empty message counts 0). Times are milliseconds since the Unix
epoch. Every wait is bounded.
"""
import argparse
import asyncio
import hashlib
import json
import os
import signal
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# conference_peer patches aioice to gather 127.0.0.1 when imported (INTEROP.md).
from conference_peer import EventStream, SubscribeNegotiation, call, now_ms  # noqa: E402

from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription  # noqa: E402
from aiortc.rtcconfiguration import RTCBundlePolicy  # noqa: E402

# --- The message sequences -----------------------------------------------------------------------

MIX_LARGE = 262144
MIX_MEDIUM = 65536
# Characters of 1, 2, 3 and 4 bytes of UTF-8 for the small texts.
TEXT_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ,.:-éüßøΩжא€✓中𝄞😀"
# Printable ASCII for the large texts, so their UTF-8 size is exact.
ASCII_TABLE = bytes(0x21 + b % 94 for b in range(256))


def _stream(sender, label, index, size):
    """`size` bytes determined by (sender, label, index)."""
    seed = f"{sender}\x00{label}\x00{index}".encode()
    return hashlib.shake_256(seed).digest(size)


def _small_text(sender, label, index, size):
    """A text of `size` bytes of UTF-8 mixing characters of 1 to 4 bytes."""
    pieces, used = [], 0
    for byte in _stream(sender, label, index, size):
        char = TEXT_ALPHABET[byte % len(TEXT_ALPHABET)]
        length = len(char.encode())
        if used + length > size:
            break
        pieces.append(char)
        used += length
    pieces.append("x" * (size - used))
    return "".join(pieces)


def _ascii_text(sender, label, index, size):
    return _stream(sender, label, index, size).translate(ASCII_TABLE).decode("ascii")


def mix_message(sender, label, index):
    """Message `index` of the "mix" sequence of `sender`'s channel `label` (str or bytes)."""
    if index % 250 == 125 or index % 100 == 50:
        size = MIX_LARGE if index % 250 == 125 else MIX_MEDIUM
        if (index // 100) % 2 == 0:
            return _stream(sender, label, index, size)
        return _ascii_text(sender, label, index, size)
    if index % 10 == 3:
        return ""
    if index % 10 == 7:
        return b""
    size = 1 + int.from_bytes(hashlib.sha256(f"{sender}/{label}/{index}".encode()).digest()[:2], "big") % 2000
    if index % 2:
        return _small_text(sender, label, index, size)
    return _stream(sender, label, index, size)


def indexed_message(sender, label, index):
    """Message `index` of the "indexed" sequence: "index:" then a body, 200..999 bytes in all."""
    size = 200 + int.from_bytes(hashlib.sha256(f"{sender}/{label}/{index}".encode()).digest()[:2], "big") % 800
    head = f"{index}:"
    if index % 2:
        return head + _small_text(sender, label, index, size - len(head))
    return head.encode() + _stream(sender, label, index, size - len(head))


def message_index(message):
    """The index an "indexed" message starts with, or None."""
    head = message.split(":" if isinstance(message, str) else b":", 1)[0]
    if len(head) == len(message) or not 0 < len(head) <= 9:
        return None
    try:
        return int(head)
    except ValueError:
        return None


def payload_size(message):
    return len(message.encode()) if isinstance(message, str) else len(message)


def describe(message):
    return {"type": "text" if isinstance(message, str) else "binary", "bytes": payload_size(message)}


def first_difference(expected, got):
    """The first byte offset where the two messages' payloads differ, or None."""
    a = expected.encode() if isinstance(expected, str) else expected
    b = got.encode() if isinstance(got, str) else got
    for offset in range(min(len(a), len(b))):
        if a[offset] != b[offset]:
            return offset
    return None if len(a) == len(b) else min(len(a), len(b))


# --- Channel specifications ----------------------------------------------------------------------


def parse_channel(spec):
    """LABEL:ordered|unordered:reliable|rtx=N|life=MS → keyword arguments of createDataChannel."""
    parts = spec.rsplit(":", 2)
    if len(parts) != 3 or not parts[0] or parts[1] not in ("ordered", "unordered"):
        raise argparse.ArgumentTypeError(f"bad channel {spec!r}: want LABEL:ordered|unordered:reliable|rtx=N|life=MS")
    label, order, reliability = parts
    options = {"label": label, "ordered": order == "ordered"}
    try:
        if reliability.startswith("rtx="):
            options["maxRetransmits"] = int(reliability[4:])
        elif reliability.startswith("life="):
            options["maxPacketLifeTime"] = int(reliability[5:])
        elif reliability != "reliable":
            raise ValueError(reliability)
    except ValueError:
        raise argparse.ArgumentTypeError(f"bad reliability in {spec!r}") from None
    return options


# --- Sending and receiving -----------------------------------------------------------------------

BUFFER_HIGH = 1024 * 1024
BUFFER_LOW = 256 * 1024


class SentChannel:
    """One channel of the publish connection and what was sent on it."""

    def __init__(self, channel, options):
        self.channel = channel
        self.options = options
        self.opened = asyncio.Event()
        self.low = asyncio.Event()
        self.opened_at = None
        self.closed_at = None
        self.started_at = None
        self.finished_at = None
        self.messages = 0
        self.bytes = 0
        self.send_times = []
        channel.bufferedAmountLowThreshold = BUFFER_LOW
        channel.on("open", self._on_open)
        channel.on("close", self._on_close)
        channel.on("bufferedamountlow", self.low.set)

    def _on_open(self):
        self.opened_at = now_ms()
        self.opened.set()
        status("open", self.channel.label)

    def _on_close(self):
        self.closed_at = now_ms()
        self.low.set()

    async def send_sequence(self, sender, pattern, count, rate, log_times):
        """Sends messages 0..<count at `rate` a second (0: unpaced); stops early if the channel
        closes. Buffering is bounded by BUFFER_HIGH."""
        make = mix_message if pattern == "mix" else indexed_message
        label = self.channel.label
        self.started_at = now_ms()
        start = time.monotonic()
        for index in range(count):
            if rate > 0:
                await asyncio.sleep(max(0.0, start + index / rate - time.monotonic()))
            while self.channel.readyState == "open" and self.channel.bufferedAmount > BUFFER_HIGH:
                self.low.clear()
                await self.low.wait()
            if self.channel.readyState != "open":
                break
            message = make(sender, label, index)
            self.channel.send(message)
            self.messages += 1
            self.bytes += payload_size(message)
            if log_times:
                self.send_times.append(round(now_ms(), 1))
            if rate <= 0 and index % 16 == 15:
                await asyncio.sleep(0)  # let the transport run between bursts
        self.finished_at = now_ms()

    def report(self):
        return {"label": self.channel.label, "ordered": self.channel.ordered,
                "maxRetransmits": self.channel.maxRetransmits, "maxPacketLifeTime": self.channel.maxPacketLifeTime,
                "id": self.channel.id, "openedAtMs": self.opened_at, "closedAtMs": self.closed_at,
                "startedAtMs": self.started_at, "finishedAtMs": self.finished_at,
                "messages": self.messages, "bytes": self.bytes, "sendTimesMs": self.send_times}


class ReceivedChannel:
    """One relayed channel of the subscribe connection, checked message by message."""

    def __init__(self, channel, pattern, expected, on_change):
        self.channel = channel
        self.sender = channel.protocol
        self.label = channel.label
        self.pattern = pattern
        self.expected = expected
        self.on_change = on_change
        self.opened_at = now_ms()
        self.closed_at = None
        self.messages = 0
        self.bytes = 0
        self.counts = {"texts": 0, "binaries": 0, "emptyTexts": 0, "emptyBinaries": 0}
        # mix
        self.matched = 0
        self.first_mismatch = None
        # indexed
        self.corrupt = 0
        self.duplicates = 0
        self.out_of_order = 0
        self.first_corrupt = None
        self.seen = set()
        self.highest = None
        self.log = []
        channel.on("message", self._on_message)
        channel.on("close", self._on_close)
        status("relayed-open", f"{self.sender}/{self.label}")

    @property
    def complete(self):
        return self.pattern == "mix" and self.matched >= self.expected

    def _on_close(self):
        self.closed_at = now_ms()
        status("relayed-closed", f"{self.sender}/{self.label}")
        self.on_change()

    def _on_message(self, message):
        self.messages += 1
        size = payload_size(message)
        self.bytes += size
        kind = "texts" if isinstance(message, str) else "binaries"
        self.counts[("empty" + kind[0].upper() + kind[1:]) if size == 0 else kind] += 1
        if self.pattern == "mix":
            self._check_mix(message)
        else:
            self._check_indexed(message)
        self.on_change()

    def _check_mix(self, message):
        index = self.messages - 1
        if self.first_mismatch is not None:
            return
        if index >= self.expected:
            self.first_mismatch = {"index": index, "reason": "more messages than sent", "got": describe(message)}
            return
        expected = mix_message(self.sender, self.label, index)
        if type(expected) is type(message) and expected == message:
            self.matched += 1
            if self.complete:
                status("received-all-from", f"{self.sender}/{self.label}")
            return
        self.first_mismatch = {"index": index, "expected": describe(expected), "got": describe(message),
                               "firstDifference": first_difference(expected, message)}

    def _check_indexed(self, message):
        index = message_index(message)
        if index is None or indexed_message(self.sender, self.label, index) != message:
            self.corrupt += 1
            if self.first_corrupt is None:
                self.first_corrupt = {"arrival": self.messages - 1, "index": index, "got": describe(message)}
            return
        if index in self.seen:
            self.duplicates += 1
            return
        self.seen.add(index)
        if self.highest is not None and index < self.highest:
            self.out_of_order += 1
        self.highest = index if self.highest is None else max(self.highest, index)
        self.log.append([index, round(now_ms(), 1)])

    def report(self):
        report = {"label": self.label, "protocol": self.sender, "ordered": self.channel.ordered,
                  "maxRetransmits": self.channel.maxRetransmits, "maxPacketLifeTime": self.channel.maxPacketLifeTime,
                  "id": self.channel.id, "openedAtMs": self.opened_at, "closedAtMs": self.closed_at,
                  "readyState": self.channel.readyState, "messages": self.messages, "bytes": self.bytes}
        report.update(self.counts)
        if self.pattern == "mix":
            report.update(matched=self.matched, firstMismatch=self.first_mismatch)
        else:
            report.update(corrupt=self.corrupt, duplicates=self.duplicates, outOfOrder=self.out_of_order,
                          firstCorrupt=self.first_corrupt, receiveLog=self.log)
        return report


def status(what, detail=""):
    print(f"status: {what} {detail}".rstrip(), flush=True)


def has_application(sdp):
    return any(line.startswith("m=application") for line in sdp.splitlines())


# --- The participant -----------------------------------------------------------------------------


class DataParticipant(SubscribeNegotiation):
    def __init__(self, args):
        self.args = args
        self.base = f"{args.base_url}/v1/rooms/{args.room}/participants/{args.participant}"
        self.errors = []
        self.started_at = now_ms()
        self.events = None
        self.room_event = asyncio.Event()
        self.publish_pc = None
        self.subscribe_pc = None
        self.publish_result = None
        self.subscribe_result = None
        self.sent = []
        self.received = []
        self.changed = asyncio.Event()
        self.negotiation_lock = asyncio.Lock()
        self.negotiation_wanted = False
        self.negotiation_tasks = set()
        self.subscribed = False
        self.subscribe_connected = asyncio.Event()
        self.complete_at = None
        self.stalled_at = None
        self.resumed_at = None

    def configuration(self):
        return RTCConfiguration(bundlePolicy=RTCBundlePolicy.MAX_BUNDLE)

    def on_change(self):
        self.changed.set()
        if self.args.stall_after and self.stalled_at is None \
                and sum(channel.messages for channel in self.received) >= self.args.stall_after:
            self.stall()

    def stall(self):
        """Stops this whole process (it reads nothing more) until the test sends SIGCONT."""
        self.stalled_at = now_ms()
        status("stalling")
        os.kill(os.getpid(), signal.SIGSTOP)
        self.resumed_at = now_ms()
        status("resumed")

    # Events

    def on_event(self, name, data):
        if name == "room":
            self.room_event.set()
        if self.subscribe_pc is None:
            return
        if name == "renegotiate" or (not self.subscribed and name in ("participant-joined", "track-published")):
            self.request_negotiation()

    # Publishing

    async def publish(self):
        pc = RTCPeerConnection(self.configuration())
        self.publish_pc = pc
        self.publish_result = {"status": None, "connectedAtMs": None}
        connected = asyncio.Event()

        @pc.on("connectionstatechange")
        def on_state():
            if pc.connectionState == "connected" and not connected.is_set():
                self.publish_result["connectedAtMs"] = now_ms()
                connected.set()

        for options in self.args.send:
            channel = pc.createDataChannel(**options)
            self.sent.append(SentChannel(channel, options))
        await pc.setLocalDescription(await pc.createOffer())
        status_code, answer = await asyncio.to_thread(call, "POST", f"{self.base}/publish", self.args.token,
                                                      pc.localDescription.sdp.encode(), "application/sdp")
        self.publish_result["status"] = status_code
        if status_code not in (200, 201):
            self.errors.append(f"publish answered {status_code}: {answer}")
            return
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
        try:
            await asyncio.wait_for(connected.wait(), timeout=self.args.connect_timeout)
        except asyncio.TimeoutError:
            self.errors.append(f"publish not connected after {self.args.connect_timeout} s ({pc.connectionState})")
            return
        try:
            await asyncio.wait_for(asyncio.gather(*(sent.opened.wait() for sent in self.sent)),
                                   timeout=self.args.connect_timeout)
        except asyncio.TimeoutError:
            waiting = [sent.channel.label for sent in self.sent if not sent.opened.is_set()]
            self.errors.append(f"channels {waiting} not open {self.args.connect_timeout} s after connecting")

    # Subscribing

    async def negotiate_once(self):
        pc = self.subscribe_pc
        record = {"offerStatus": None, "answerStatus": None, "atMs": now_ms(), "hasApplication": False,
                  "error": None}
        self.subscribe_result["negotiations"].append(record)
        code, offer = await asyncio.to_thread(call, "POST", f"{self.base}/subscribe", self.args.token, b"{}",
                                              "application/json")
        record["offerStatus"] = code
        if code not in (200, 201):
            record["error"] = f"subscribe answered {code}: {offer}"
            # Nothing to offer yet (409 before the first offer): retried on later events.
            if not (code == 409 and not self.subscribed):
                self.errors.append(record["error"])
            return
        record["hasApplication"] = has_application(offer)
        await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        code, text = await asyncio.to_thread(call, "PUT", f"{self.base}/subscribe", self.args.token,
                                             pc.localDescription.sdp.encode(), "application/sdp")
        record["answerStatus"] = code
        if code == 204:
            self.subscribed = True
        elif code == 409:
            self.negotiation_wanted = True  # superseded: ask for the latest offer
        else:
            record["error"] = f"answer got {code}: {text}"
            self.errors.append(record["error"])

    def on_datachannel(self, channel):
        self.received.append(ReceivedChannel(channel, self.args.pattern, self.args.messages, self.on_change))
        self.changed.set()

    async def subscribe(self):
        pc = RTCPeerConnection(self.configuration())
        self.subscribe_pc = pc
        self.subscribe_result = {"connectedAtMs": None, "negotiations": []}

        @pc.on("connectionstatechange")
        def on_state():
            if pc.connectionState == "connected" and not self.subscribe_connected.is_set():
                self.subscribe_result["connectedAtMs"] = now_ms()
                self.subscribe_connected.set()
                status("subscribed")

        pc.on("datachannel", self.on_datachannel)
        await self.negotiate()

    async def keep_subscribing(self):
        """Until subscribed: asks again every two seconds (events also bring it back)."""
        while not self.subscribed:
            await asyncio.sleep(2)
            if not self.subscribed and not self.negotiation_lock.locked():
                self.request_negotiation()

    # Conditions

    def all_received(self):
        complete = [channel for channel in self.received if channel.complete]
        return len(complete) >= self.args.expect_senders > 0

    async def wait_until(self, condition, deadline):
        while not condition():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            self.changed.clear()
            try:
                await asyncio.wait_for(self.changed.wait(), timeout=min(remaining, 0.1))
            except asyncio.TimeoutError:
                pass
        return True

    def stop_requested(self):
        return self.args.stop_file is not None and os.path.exists(self.args.stop_file)

    async def send_all(self, deadline):
        def released():
            return self.args.start_file is None or os.path.exists(self.args.start_file)

        if not await self.wait_until(released, deadline):
            self.errors.append(f"no start file after {self.args.max_seconds} s")
            return
        status("sending")
        await asyncio.gather(*(sent.send_sequence(self.args.participant, self.args.pattern, self.args.messages,
                                                  self.args.rate, self.args.pattern == "indexed")
                               for sent in self.sent if sent.opened.is_set()))
        status("sent")

    # The run

    async def run(self):
        deadline = time.monotonic() + self.args.max_seconds
        loop = asyncio.get_running_loop()
        url = f"{self.base}/events?token={urllib.parse.quote(self.args.token)}"
        self.events = EventStream(url, loop, self.on_event, read_timeout=self.args.max_seconds + 30)
        self.events.start()
        try:
            await asyncio.wait_for(self.room_event.wait(), timeout=5)
        except asyncio.TimeoutError:
            self.errors.append(f"no room event within 5 s ({self.events.error or self.events.status})")
        if self.args.subscribe:
            await self.subscribe()
            self.negotiation_tasks.add(asyncio.ensure_future(self.keep_subscribing()))
            # Receiving first: once the others see this participant's channels, the server can
            # open theirs here at once.
            try:
                await asyncio.wait_for(self.subscribe_connected.wait(), timeout=self.args.connect_timeout)
            except asyncio.TimeoutError:
                pass  # reported at the end if it never connects
        if self.args.send:
            await self.publish()
        status("ready")
        sending = None
        if self.sent and all(sent.opened.is_set() for sent in self.sent):
            sending = asyncio.ensure_future(self.send_all(deadline))
        if self.args.expect_senders:
            if await self.wait_until(self.all_received, deadline):
                self.complete_at = now_ms()
                status("complete")
            else:
                self.errors.append(f"not complete after {self.args.max_seconds} s")
        await self.wait_until(self.stop_requested, deadline)
        if sending is not None and not sending.done():
            sending.cancel()
        if self.args.subscribe and not self.subscribe_connected.is_set():
            self.errors.append(f"subscribe never connected ({self.subscribe_pc.connectionState})")

    async def close(self):
        for task in list(self.negotiation_tasks):
            task.cancel()
        for pc in (self.subscribe_pc, self.publish_pc):
            if pc is not None:
                try:
                    await asyncio.wait_for(pc.close(), timeout=5)
                except Exception as error:
                    self.errors.append(f"close: {type(error).__name__}: {error}")
        if self.events is not None:
            await asyncio.to_thread(self.events.close)

    def result(self):
        return {
            "participant": self.args.participant,
            "startedAtMs": self.started_at,
            "errors": self.errors,
            "pattern": self.args.pattern,
            "events": list(self.events.events) if self.events else [],
            "publish": self.publish_result,
            "subscribe": self.subscribe_result,
            "sent": [sent.report() for sent in self.sent],
            "received": [channel.report() for channel in self.received],
            "completeAtMs": self.complete_at,
            "stalledAtMs": self.stalled_at,
            "resumedAtMs": self.resumed_at,
        }


async def main_async(args):
    participant = DataParticipant(args)
    try:
        await asyncio.wait_for(participant.run(), timeout=args.max_seconds + 5)
    except Exception as error:  # reported to the Swift test, which fails on it
        participant.errors.append(f"{type(error).__name__}: {error}")
    finally:
        # Reports what was received up to here, not what closing the connections changes.
        result = participant.result()
        await participant.close()
        result["errors"] = participant.errors
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--room", required=True)
    parser.add_argument("--participant", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--send", type=parse_channel, action="append", default=[],
                        metavar="LABEL:ordered|unordered:reliable|rtx=N|life=MS",
                        help="a channel to open on the publish connection and send on (repeatable)")
    parser.add_argument("--subscribe", action="store_true", help="subscribe on a second peer connection")
    parser.add_argument("--pattern", choices=["mix", "indexed"], default="mix")
    parser.add_argument("--messages", type=int, default=1000, help="messages per channel (sent, and expected)")
    parser.add_argument("--rate", type=float, default=0.0, help="messages a second per channel (0: unpaced)")
    parser.add_argument("--start-file", default=None, help="send once this file exists")
    parser.add_argument("--expect-senders", type=int, default=0,
                        help="report `complete` once this many relayed channels delivered every message (mix)")
    parser.add_argument("--stall-after", type=int, default=0,
                        help="stop this process (SIGSTOP) after receiving this many messages; SIGCONT resumes it")
    parser.add_argument("--stop-file", default=None, help="end the run once this file exists")
    parser.add_argument("--max-seconds", type=float, default=50.0, help="bound of the whole run")
    parser.add_argument("--connect-timeout", type=float, default=10.0)
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
