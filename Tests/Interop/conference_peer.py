"""One aiortc participant of a Switchboard conference, for the forwarding interop tests.

It opens the participant's event stream (GET …/events?token=, Server-Sent Events) first, then
publishes on one RTCPeerConnection (POST …/publish: VP8 320x240 at 30 fps whose frames carry
their frame number, and an Opus tone) and subscribes on a second one (POST …/subscribe for the
server's offer, PUT …/subscribe with the answer; again on every `renegotiate` event, one
negotiation at a time; while the room has no track to receive, the server answers 409
nothing_to_subscribe and the next renegotiate or track-published event brings it back).
Every received track is consumed: video frames are decoded back to their frame numbers, audio
frames and samples are counted. After --seconds (and, with
--until-left, once that participant has left) it optionally leaves (DELETE itself), closes
everything and prints ONE JSON object on stdout:

  {"participant": id, "startedAtMs": t, "errors": [str],
   "eventStream": {"status": int|null, "error": str|null},
   "events": [{"event": name, "data": json, "atMs": t}],
   "connectionStates": {"publish": [[state, t]], "subscribe": [[state, t]]},
   "publish": {"status": int|null, "connectedAtMs": t|null,
               "tracks": [{"id": str|null, "mid": str, "kind": str, "framesSent": n,
                           "firstFrameNumber": n|null, "lastFrameNumber": n|null,
                           "samplesSent": n, "frameTimesMs": [t]?}]} | null,
   "subscribe": {"connectedAtMs": t|null,
                 "negotiations": [{"offerStatus": int, "answerStatus": int|null, "atMs": t,
                                   "mids": [str], "error": str|null}]} | null,
   "remoteTracks": [{"publisher": str|null, "trackId": str|null, "mid": str, "kind": str,
                     "negotiatedAtMs": t, "firstFrameAtMs": t|null, "framesReceived": n,
                     "distinctFrameNumbers": n, "firstFrameNumber": n|null,
                     "lastFrameNumber": n|null, "decodeErrors": n, "samplesReceived": n,
                     "ended": bool, "offeredDirection": str, "frameNumbers": [n]?}],
   "left": {"status": int}|null}

Times are milliseconds since the Unix epoch (the Swift test compares them across processes on
the same machine). frameTimesMs[i] is when video frame i was handed to the encoder;
frameNumbers lists the distinct frame numbers decoded; both only with --frame-log. A remote
track is named by the msid of its m-section in the server's offer (stream id = publisher,
track id = the publisher's track id); offeredDirection is that m-section's direction in the
latest offer ("rejected" for port 0, "missing" once gone). Every wait is bounded.
"""
import argparse
import asyncio
import fractions
from http.client import HTTPConnection
import json
import math
import socket
import struct
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import aioice.ice

# aioice never gathers 127.0.0.1; the tests run on loopback only (INTEROP.md).
aioice.ice.get_host_addresses = lambda use_ipv4=True, use_ipv6=False: ["127.0.0.1"]

from aiortc import (  # noqa: E402  (must follow the patch)
    MediaStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
)
from aiortc.mediastreams import MediaStreamError  # noqa: E402
from aiortc.rtcconfiguration import RTCBundlePolicy  # noqa: E402
import av  # noqa: E402


def now_ms():
    return time.time() * 1000.0


# --- Frame numbers in pixels -------------------------------------------------------------------
#
# A 320x240 frame is a grid of 8 x 3 cells of 40 x 80 luma pixels; each cell is one bit (dark or
# light) of a 24-bit word: the 16-bit frame number, then a CRC-8 of it. Cells this large survive
# VP8 at any bitrate aiortc picks; a frame whose cells are not clearly dark or light, or whose
# CRC does not match, counts as a decode error.

WIDTH, HEIGHT = 320, 240
COLUMNS, ROWS = 8, 3
CELL_WIDTH, CELL_HEIGHT = WIDTH // COLUMNS, HEIGHT // ROWS
DARK, LIGHT = 32, 224


def crc8(data):
    """CRC-8 with polynomial x^8 + x^2 + x + 1 (0x07), initial value 0."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def frame_word(number):
    number &= 0xFFFF
    return (number << 8) | crc8(bytes([number >> 8, number & 0xFF]))


def numbered_luma(number, line_size=WIDTH):
    """The luma plane (HEIGHT rows of `line_size` bytes) that carries `number`."""
    word = frame_word(number)
    rows = []
    for row in range(ROWS):
        line = bytearray(line_size)
        for column in range(COLUMNS):
            bit = (word >> (COLUMNS * ROWS - 1 - (row * COLUMNS + column))) & 1
            line[column * CELL_WIDTH:(column + 1) * CELL_WIDTH] = bytes([LIGHT if bit else DARK]) * CELL_WIDTH
        rows.append(bytes(line) * CELL_HEIGHT)
    return b"".join(rows)


# Where a cell is sampled: SAMPLE_ROWS rows of its middle half, each over its middle half width.
SAMPLE_ROWS = 4


def read_frame_number(luma, line_size, width, height):
    """The frame number in a decoded luma plane, or None when it is unreadable or corrupt."""
    if (width, height) != (WIDTH, HEIGHT):
        return None
    word = 0
    span = CELL_WIDTH // 2
    for bit in range(COLUMNS * ROWS):
        row, column = divmod(bit, COLUMNS)
        left = column * CELL_WIDTH + CELL_WIDTH // 4
        total = 0
        for sample in range(SAMPLE_ROWS):
            y = row * CELL_HEIGHT + CELL_HEIGHT // 4 + sample * (CELL_HEIGHT // 2) // SAMPLE_ROWS
            start = y * line_size + left
            total += sum(luma[start:start + span])
        mean = total / (SAMPLE_ROWS * span)
        if abs(mean - 128) < 48:
            return None
        word = (word << 1) | (1 if mean > 128 else 0)
    number = word >> 8
    return number if frame_word(number) == word else None


def decode_frame_number(frame):
    if frame.format.name != "yuv420p":
        frame = frame.reformat(format="yuv420p")
    plane = frame.planes[0]
    return read_frame_number(bytes(plane), plane.line_size, frame.width, frame.height)


# --- Sent media ----------------------------------------------------------------------------------


class NumberedVideoTrack(MediaStreamTrack):
    """30 fps 320x240 frames, frame i carrying the number i; records when each was produced."""

    kind = "video"
    clock_rate = 90000

    def __init__(self):
        super().__init__()
        self.frame_times = []
        self._start = None

    async def recv(self):
        number = len(self.frame_times)
        if self._start is None:
            self._start = time.monotonic()
        else:
            await asyncio.sleep(max(0.0, self._start + number / 30 - time.monotonic()))
        frame = av.VideoFrame(width=WIDTH, height=HEIGHT, format="yuv420p")
        luma, blue, red = frame.planes
        luma.update(numbered_luma(number, luma.line_size))
        blue.update(bytes([128]) * blue.buffer_size)
        red.update(bytes([128]) * red.buffer_size)
        frame.pts = number * (self.clock_rate // 30)
        frame.time_base = fractions.Fraction(1, self.clock_rate)
        self.frame_times.append(now_ms())
        return frame


class ToneAudioTrack(MediaStreamTrack):
    """A 400 Hz tone (8 periods a frame), 20 ms frames of 48 kHz mono; counts what it produced."""

    kind = "audio"
    rate = 48000
    samples = 960

    def __init__(self):
        super().__init__()
        self.frames = 0
        self.samples_sent = 0
        self._start = None
        self._pcm = b"".join(struct.pack("<h", round(8000 * math.sin(2 * math.pi * 400 * i / self.rate)))
                             for i in range(self.samples))

    async def recv(self):
        if self._start is None:
            self._start = time.monotonic()
        else:
            await asyncio.sleep(max(0.0, self._start + self.frames * self.samples / self.rate - time.monotonic()))
        first = self.frames * self.samples
        frame = av.AudioFrame(format="s16", layout="mono", samples=self.samples)
        frame.planes[0].update(self._pcm)
        frame.sample_rate = self.rate
        frame.pts = first
        frame.time_base = fractions.Fraction(1, self.rate)
        self.frames += 1
        self.samples_sent += self.samples
        return frame


# --- HTTP ------------------------------------------------------------------------------------------


def call(method, url, token, body=None, content_type=None, timeout=5):
    request = urllib.request.Request(url, method=method, data=body)
    request.add_header("Authorization", f"Bearer {token}")
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class EventStream:
    """Reads GET …/events on a thread and hands each event to the event loop in order.

    Every event is kept in `events` with the time it arrived; `on_event(name, data)` runs on the
    loop. `close()` shuts the socket down, which ends the blocking read at once.
    """

    def __init__(self, url, loop, on_event, read_timeout):
        self.events = []
        self.status = None
        self.error = None
        self.ended = asyncio.Event()
        self._url = urllib.parse.urlsplit(url)
        self._loop = loop
        self._on_event = on_event
        self._read_timeout = read_timeout
        self._connection = None
        self._closing = False
        self._thread = threading.Thread(target=self._run, name="events", daemon=True)

    def start(self):
        self._thread.start()

    def close(self):
        self._closing = True
        connection = self._connection
        if connection is not None and connection.sock is not None:
            try:
                connection.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._thread.join(timeout=2)

    def _run(self):
        try:
            self._connection = HTTPConnection(self._url.hostname, self._url.port,
                                                          timeout=self._read_timeout)
            self._connection.request("GET", f"{self._url.path}?{self._url.query}",
                                     headers={"Accept": "text/event-stream"})
            response = self._connection.getresponse()
            self.status = response.status
            if response.status != 200:
                self.error = f"events answered {response.status}: {response.read(4096).decode(errors='replace')}"
                return
            self._read(response)
        except Exception as error:  # reported in the result, never raised
            if not self._closing:
                self.error = f"{type(error).__name__}: {error}"
        finally:
            self._loop.call_soon_threadsafe(self.ended.set)

    def _read(self, response):
        """Server-Sent Events framing: fields up to a blank line; `event` and `data` used."""
        name, data = None, []
        while True:
            raw = response.readline()
            if not raw:
                return
            line = raw.decode("utf-8", errors="replace").rstrip("\r\n")
            if line == "":
                if data or name:
                    self._dispatch(name or "message", "\n".join(data))
                name, data = None, []
            elif line.startswith(":"):
                continue
            else:
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "event":
                    name = value
                elif field == "data":
                    data.append(value)

    def _dispatch(self, name, text):
        try:
            data = json.loads(text) if text else None
        except ValueError:
            data = {"unparsed": text}
        event = {"event": name, "data": data, "atMs": now_ms()}
        self.events.append(event)
        self._loop.call_soon_threadsafe(self._on_event, name, data)


def offered_sections(sdp):
    """mid -> {"msid": (stream id, track id) or None, "direction": str} for each m-section of an
    offer; the direction is "rejected" for a port-0 section, else its direction attribute."""
    sections, current = {}, None
    for line in sdp.replace("\r\n", "\n").split("\n"):
        if line.startswith("m="):
            fields = line.split()
            current = {"mid": None, "msid": None,
                       "direction": "rejected" if len(fields) > 1 and fields[1] == "0" else "sendrecv"}
            sections[len(sections)] = current
        elif current is None:
            continue
        elif line.startswith("a=mid:"):
            current["mid"] = line[len("a=mid:"):].strip()
        elif line.startswith("a=msid:"):
            parts = line[len("a=msid:"):].split()
            current["msid"] = (parts[0], parts[1] if len(parts) > 1 else None)
        elif line[2:] in ("sendrecv", "sendonly", "recvonly", "inactive") and line.startswith("a=") \
                and current["direction"] != "rejected":
            current["direction"] = line[2:]
    return {section.pop("mid"): section for section in sections.values() if section["mid"] is not None}


# --- The participant ------------------------------------------------------------------------------


class RemoteTrackCounter:
    """Consumes one received track and counts what it decodes."""

    def __init__(self, track, mid, msid, negotiated_at, keep_numbers):
        self.track = track
        self.mid = mid
        self.publisher, self.track_id = msid if msid else (None, None)
        self.negotiated_at = negotiated_at
        self.keep_numbers = keep_numbers
        self.first_frame_at = None
        self.frames = 0
        self.samples = 0
        self.decode_errors = 0
        self.numbers = set()
        self.first_number = None
        self.last_number = None
        self.ended = False
        self.offered_direction = None

    async def consume(self):
        while True:
            try:
                frame = await self.track.recv()
            except MediaStreamError:
                self.ended = True
                return
            if self.first_frame_at is None:
                self.first_frame_at = now_ms()
            self.frames += 1
            if self.track.kind == "audio":
                self.samples += frame.samples
                continue
            number = decode_frame_number(frame)
            if number is None:
                self.decode_errors += 1
                continue
            self.numbers.add(number)
            if self.first_number is None:
                self.first_number = number
            self.last_number = number

    def report(self):
        report = {"publisher": self.publisher, "trackId": self.track_id, "mid": self.mid, "kind": self.track.kind,
                  "negotiatedAtMs": self.negotiated_at, "firstFrameAtMs": self.first_frame_at,
                  "framesReceived": self.frames, "distinctFrameNumbers": len(self.numbers),
                  "firstFrameNumber": self.first_number, "lastFrameNumber": self.last_number,
                  "decodeErrors": self.decode_errors, "samplesReceived": self.samples, "ended": self.ended,
                  "offeredDirection": self.offered_direction}
        if self.keep_numbers and self.track.kind == "video":
            report["frameNumbers"] = sorted(self.numbers)
        return report


class SubscribeNegotiation:
    """The subscribe side's negotiation loop, shared by the interop peers: one negotiation at a
    time, requests arriving meanwhile coalesce into one more, at most 10 in a row. A subclass
    provides negotiate_once() and the fields negotiation_tasks (set), negotiation_lock
    (asyncio.Lock), negotiation_wanted (bool) and errors (list)."""

    def request_negotiation(self):
        task = asyncio.ensure_future(self.negotiate())
        self.negotiation_tasks.add(task)
        task.add_done_callback(self.negotiation_tasks.discard)

    async def negotiate(self):
        """Runs negotiations until none is wanted; requests arriving meanwhile coalesce."""
        self.negotiation_wanted = True
        async with self.negotiation_lock:
            attempts = 0
            while self.negotiation_wanted and attempts < 10:
                self.negotiation_wanted = False
                attempts += 1
                try:
                    await asyncio.wait_for(self.negotiate_once(), timeout=10)
                except Exception as error:  # reported, and the run goes on
                    self.errors.append(f"negotiation: {type(error).__name__}: {error}")


class Participant(SubscribeNegotiation):
    def __init__(self, args):
        self.args = args
        self.base = f"{args.base_url}/v1/rooms/{args.room}/participants/{args.participant}"
        self.errors = []
        self.states = {"publish": [], "subscribe": []}
        self.publish_pc = None
        self.subscribe_pc = None
        self.publish_result = None
        self.subscribe_result = None
        self.video = None
        self.audio = None
        self.counters = []
        self.consumers = []
        self.left = None
        self.events = None
        self.room_event = asyncio.Event()
        self.participant_left = asyncio.Event()
        self.negotiation_lock = asyncio.Lock()
        self.negotiation_wanted = False
        self.negotiation_tasks = set()
        self.offer_sections = {}
        self.offer_time = None
        self.subscribed = False
        self.subscribe_connected = asyncio.Event()
        self.started_at = now_ms()

    def configuration(self):
        return RTCConfiguration(bundlePolicy=RTCBundlePolicy.MAX_BUNDLE)

    def watch(self, pc, role, connected):
        """Records the connection's states; the first "connected" sets `connected`."""
        @pc.on("connectionstatechange")
        def on_state():
            self.states[role].append([pc.connectionState, now_ms()])
            if pc.connectionState == "connected" and not connected.is_set():
                connected.set()
                if role == "subscribe":
                    self.subscribe_result["connectedAtMs"] = now_ms()

    # Events

    def on_event(self, name, data):
        if name == "room":
            self.room_event.set()
        elif name == "renegotiate" and self.args.subscribe and self.subscribe_pc is not None:
            self.request_negotiation()
        elif name == "track-published" and self.subscribe_pc is not None and not self.subscribed:
            # Nothing to subscribe to before: this track is something.
            self.request_negotiation()
        elif name == "participant-left" and isinstance(data, dict) and data.get("participant") == self.args.until_left:
            self.participant_left.set()

    # Publishing

    async def publish(self):
        pc = RTCPeerConnection(self.configuration())
        self.publish_pc = pc
        connected = asyncio.Event()
        self.watch(pc, "publish", connected)
        self.publish_result = {"status": None, "connectedAtMs": None, "tracks": []}
        if self.args.publish in ("av", "video"):
            self.video = NumberedVideoTrack()
            pc.addTrack(self.video)
        if self.args.publish in ("av", "audio"):
            self.audio = ToneAudioTrack()
            pc.addTrack(self.audio)
        for transceiver in pc.getTransceivers():
            transceiver.direction = "sendonly"
        await pc.setLocalDescription(await pc.createOffer())
        status, answer = await asyncio.to_thread(call, "POST", f"{self.base}/publish", self.args.token,
                                                 pc.localDescription.sdp.encode(), "application/sdp")
        self.publish_result["status"] = status
        if status not in (200, 201):
            self.errors.append(f"publish answered {status}: {answer}")
            return
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
        try:
            await asyncio.wait_for(connected.wait(), timeout=self.args.connect_timeout)
            self.publish_result["connectedAtMs"] = now_ms()
        except asyncio.TimeoutError:
            self.errors.append(f"publish not connected after {self.args.connect_timeout} s ({pc.connectionState})")

    async def publish_track_ids(self):
        """mid -> the server's track id, from GET of the participant itself."""
        status, body = await asyncio.to_thread(call, "GET", self.base, self.args.token)
        if status != 200:
            self.errors.append(f"GET participant answered {status}: {body}")
            return {}
        return {track.get("mid"): track.get("id") for track in json.loads(body).get("tracks", [])}

    # Subscribing

    async def negotiate_once(self):
        pc = self.subscribe_pc
        record = {"offerStatus": None, "answerStatus": None, "atMs": now_ms(), "mids": [], "error": None}
        self.subscribe_result["negotiations"].append(record)
        body = json.dumps({"tracks": self.args.tracks} if self.args.tracks else {}).encode()
        status, offer = await asyncio.to_thread(call, "POST", f"{self.base}/subscribe", self.args.token,
                                                body, "application/json")
        record["offerStatus"] = status
        if status not in (200, 201):
            record["error"] = f"subscribe answered {status}: {offer}"
            # No track in the room yet (409 nothing_to_subscribe): a renegotiate or
            # track-published event brings this participant back.
            if not (status == 409 and "nothing_to_subscribe" in offer and not self.subscribed):
                self.errors.append(record["error"])
            return
        self.offer_sections = offered_sections(offer)
        record["mids"] = sorted(self.offer_sections)
        for counter in self.counters:
            section = self.offer_sections.get(counter.mid)
            counter.offered_direction = section["direction"] if section else "missing"
        self.offer_time = now_ms()
        await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
        await pc.setLocalDescription(await pc.createAnswer())
        status, text = await asyncio.to_thread(call, "PUT", f"{self.base}/subscribe", self.args.token,
                                               pc.localDescription.sdp.encode(), "application/sdp")
        record["answerStatus"] = status
        if status == 204:
            self.subscribed = True
        elif status == 409:
            self.negotiation_wanted = True  # superseded: ask for the latest offer
        elif status != 204:
            record["error"] = f"answer got {status}: {text}"
            self.errors.append(record["error"])

    def on_track(self, track):
        pc = self.subscribe_pc
        mid = next((t.mid for t in pc.getTransceivers() if t.receiver.track is track), None)
        section = self.offer_sections.get(mid, {"msid": None, "direction": "missing"})
        counter = RemoteTrackCounter(track, mid, section["msid"], self.offer_time, self.args.frame_log)
        counter.offered_direction = section["direction"]
        self.counters.append(counter)
        self.consumers.append(asyncio.ensure_future(counter.consume()))

    async def subscribe(self):
        pc = RTCPeerConnection(self.configuration())
        self.subscribe_pc = pc
        self.subscribe_result = {"connectedAtMs": None, "negotiations": []}
        self.watch(pc, "subscribe", self.subscribe_connected)
        pc.on("track", self.on_track)
        await self.negotiate()
        if not self.subscribed:
            return  # nothing to subscribe to yet; connected later, or reported at the end
        try:
            await asyncio.wait_for(self.subscribe_connected.wait(), timeout=self.args.connect_timeout)
        except asyncio.TimeoutError:
            self.errors.append(f"subscribe not connected after {self.args.connect_timeout} s ({pc.connectionState})")

    async def negotiations_settled(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.negotiation_tasks and not self.negotiation_lock.locked():
                return
            await asyncio.sleep(0.05)
        self.errors.append(f"negotiations still running after {timeout} s")

    # The run

    async def run(self):
        loop = asyncio.get_running_loop()
        url = f"{self.base}/events?token={urllib.parse.quote(self.args.token)}"
        self.events = EventStream(url, loop, self.on_event, read_timeout=self.args.seconds + self.args.max_wait + 60)
        self.events.start()
        try:
            await asyncio.wait_for(self.room_event.wait(), timeout=5)
        except asyncio.TimeoutError:
            self.errors.append(f"no room event within 5 s ({self.events.error or self.events.status})")
        if self.args.publish != "none":
            await self.publish()
            if self.publish_result["connectedAtMs"] is not None:
                ids = await self.publish_track_ids()
                self.publish_result["trackIdsByMid"] = ids
        if self.args.subscribe:
            await self.subscribe()
        await asyncio.sleep(self.args.seconds)
        if self.args.until_left:
            try:
                await asyncio.wait_for(self.participant_left.wait(), timeout=self.args.max_wait)
            except asyncio.TimeoutError:
                self.errors.append(f"no participant-left for {self.args.until_left} within {self.args.max_wait} s")
            await asyncio.sleep(self.args.grace)
        if self.args.subscribe:
            await self.negotiations_settled(timeout=10)
            if not self.subscribe_connected.is_set():
                self.errors.append(f"subscribe never connected ({self.subscribe_pc.connectionState})")
        if self.args.leave:
            status, _ = await asyncio.to_thread(call, "DELETE", self.base, self.args.token)
            self.left = {"status": status}

    def publish_report(self):
        if self.publish_result is None:
            return None
        ids = self.publish_result.pop("trackIdsByMid", {})
        for transceiver in self.publish_pc.getTransceivers():
            # By kind: a closed connection's senders no longer hold their tracks.
            track = self.video if transceiver.kind == "video" else self.audio
            entry = {"id": ids.get(transceiver.mid), "mid": transceiver.mid, "kind": transceiver.kind}
            if track is None:
                continue
            if track is self.video:
                count = len(track.frame_times)
                entry.update(framesSent=count, firstFrameNumber=0 if count else None,
                             lastFrameNumber=count - 1 if count else None, samplesSent=0)
                if self.args.frame_log:
                    entry["frameTimesMs"] = [round(t, 1) for t in track.frame_times]
            elif track is self.audio:
                entry.update(framesSent=track.frames, firstFrameNumber=None, lastFrameNumber=None,
                             samplesSent=track.samples_sent)
            self.publish_result["tracks"].append(entry)
        return self.publish_result

    async def close(self):
        for task in list(self.negotiation_tasks) + self.consumers:
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
            "eventStream": {"status": self.events.status if self.events else None,
                            "error": self.events.error if self.events else None},
            "events": list(self.events.events) if self.events else [],
            "connectionStates": self.states,
            "publish": self.publish_report(),
            "subscribe": self.subscribe_result,
            "remoteTracks": [counter.report() for counter in self.counters],
            "left": self.left,
        }


async def main_async(args):
    participant = Participant(args)
    budget = 5 + 2 * args.connect_timeout + args.seconds + (args.max_wait + args.grace if args.until_left else 0) + 15
    try:
        await asyncio.wait_for(participant.run(), timeout=budget)
    except Exception as error:  # reported to the Swift test, which fails on it
        participant.errors.append(f"{type(error).__name__}: {error}")
    finally:
        await participant.close()
    return participant.result()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--room", required=True)
    parser.add_argument("--participant", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--publish", choices=["none", "av", "video", "audio"], default="none")
    parser.add_argument("--subscribe", action="store_true", help="subscribe on a second peer connection")
    parser.add_argument("--tracks", nargs="*", default=None, help="subscribe to these track ids only")
    parser.add_argument("--seconds", type=float, default=5.0, help="time to run once set up")
    parser.add_argument("--until-left", default=None, metavar="PARTICIPANT",
                        help="then wait for participant-left of PARTICIPANT (at most --max-wait s)")
    parser.add_argument("--max-wait", type=float, default=15.0)
    parser.add_argument("--grace", type=float, default=2.0, help="time to keep running after --until-left")
    parser.add_argument("--leave", action="store_true", help="DELETE the participant itself at the end")
    parser.add_argument("--connect-timeout", type=float, default=10.0)
    parser.add_argument("--frame-log", action="store_true",
                        help="report send times of every video frame and every decoded frame number")
    args = parser.parse_args()
    result = asyncio.run(main_async(args))
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
