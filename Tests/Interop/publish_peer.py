"""An aiortc publisher for Switchboard's interop tests.

Publishes one VP8 video track (small synthetic frames) and one Opus audio track through
POST /v1/rooms/{room}/participants/{participant}/publish, waits for the connection, keeps
sending, reads the participant's stats twice and the participant itself once while sending,
and prints one JSON object:

  {"connected": bool, "connectSeconds": float|null, "answerStatus": int,
   "statsFirst": {...}|null, "statsSecond": {...}|null, "participant": {...}|null,
   "error": str|null, "answerCandidate": {"address": str, "port": int}|null}

connectSeconds runs from just before the offer is POSTed to aiortc's connectionState
"connected" (ICE and DTLS both connected). With --tamper-fingerprint the offer's DTLS
fingerprint is changed before it is sent, so the server must refuse the handshake.
Every wait is bounded; the script always closes its peer connection.
"""
import argparse
import asyncio
import fractions
import json
import sys
import time
import urllib.error
import urllib.request

import aioice.ice

# aioice never gathers 127.0.0.1; the tests run on loopback only (INTEROP.md).
aioice.ice.get_host_addresses = lambda use_ipv4=True, use_ipv6=False: ["127.0.0.1"]

from aiortc import (  # noqa: E402  (must follow the patch)
    AudioStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
    VideoStreamTrack,
)
from aiortc.rtcconfiguration import RTCBundlePolicy  # noqa: E402
import av  # noqa: E402


class SmallVideoTrack(VideoStreamTrack):
    """320x240 frames at 30 fps with a moving bar, so VP8 has something to encode."""

    def __init__(self):
        super().__init__()
        self.count = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        frame = av.VideoFrame(width=320, height=240, format="yuv420p")
        for plane in frame.planes:
            plane.update(bytes([(self.count * 7) % 256]) * plane.buffer_size)
        frame.pts = pts
        frame.time_base = time_base
        self.count += 1
        return frame


def http(method, url, token, body=None, content_type=None):
    request = urllib.request.Request(url, method=method, data=body)
    request.add_header("Authorization", f"Bearer {token}")
    if content_type:
        request.add_header("Content-Type", content_type)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def tamper(sdp):
    """Flips the first digest byte of every a=fingerprint line."""
    lines = []
    for line in sdp.split("\r\n"):
        if line.startswith("a=fingerprint:"):
            name, digest = line.split(" ", 1)
            first = int(digest[:2], 16) ^ 0xFF
            line = f"{name} {first:02X}{digest[2:]}"
        lines.append(line)
    return "\r\n".join(lines)


def first_candidate(sdp):
    """The address and port of the answer's first a=candidate line (RFC 8839 §5.1)."""
    for line in sdp.split("\r\n"):
        if line.startswith("a=candidate:"):
            fields = line.split(" ")
            return {"address": fields[4], "port": int(fields[5])}
    return None


async def get_json(url, token):
    status, body = await asyncio.to_thread(http, "GET", url, token)
    return json.loads(body) if status == 200 else {"status": status, "body": body}


async def stats(base, room, participant, token):
    return await get_json(f"{base}/v1/rooms/{room}/participants/{participant}/stats", token)


async def run(args):
    result = {"connected": False, "connectSeconds": None, "answerStatus": None,
              "statsFirst": None, "statsSecond": None, "participant": None, "error": None,
              "answerCandidate": None}
    pc = RTCPeerConnection(RTCConfiguration(bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
    connected = asyncio.Event()

    @pc.on("connectionstatechange")
    def on_state():
        if pc.connectionState == "connected":
            connected.set()

    try:
        pc.addTrack(SmallVideoTrack())
        pc.addTrack(AudioStreamTrack())
        for transceiver in pc.getTransceivers():
            transceiver.direction = "sendonly"
        await pc.setLocalDescription(await pc.createOffer())
        offer = pc.localDescription.sdp
        if args.tamper_fingerprint:
            offer = tamper(offer)
        url = f"{args.base}/v1/rooms/{args.room}/participants/{args.participant}/publish"
        started = time.monotonic()
        status, answer = await asyncio.to_thread(http, "POST", url, args.token, offer.encode(), "application/sdp")
        result["answerStatus"] = status
        if status not in (200, 201):
            result["error"] = f"publish answered {status}: {answer}"
            return result
        result["answerCandidate"] = first_candidate(answer)
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
        try:
            await asyncio.wait_for(connected.wait(), timeout=args.connect_timeout)
            result["connected"] = True
            result["connectSeconds"] = time.monotonic() - started
        except asyncio.TimeoutError:
            result["error"] = f"not connected after {args.connect_timeout} s (state {pc.connectionState})"
        await asyncio.sleep(args.seconds / 2)
        result["statsFirst"] = await stats(args.base, args.room, args.participant, args.token)
        result["participant"] = await get_json(
            f"{args.base}/v1/rooms/{args.room}/participants/{args.participant}", args.token)
        await asyncio.sleep(args.seconds / 2)
        result["statsSecond"] = await stats(args.base, args.room, args.participant, args.token)
    except Exception as error:  # reported to the Swift test, which fails on it
        result["error"] = f"{type(error).__name__}: {error}"
    finally:
        await asyncio.wait_for(pc.close(), timeout=5)
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--room", required=True)
    parser.add_argument("--participant", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--seconds", type=float, default=3.0, help="time to send after connecting")
    parser.add_argument("--connect-timeout", type=float, default=5.0)
    parser.add_argument("--tamper-fingerprint", action="store_true")
    args = parser.parse_args()
    result = asyncio.run(run(args))
    print(json.dumps(result), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
