"""A real publisher (aiortc) for the Janus tests of Tests/LoadSignallingTests.

Janus's VideoRoom lets a subscriber join a feed only once the publisher's PeerConnection is up,
so a test of the subscriber side needs a publisher that really connects. The signalling stays
with the Swift test (it drives JanusBackend); this script only trades SDP through files:

  1. writes its offer (sendonly Opus + VP8 at 160x120, max-bundle) to <folder>/offer.sdp;
  2. waits for <folder>/answer.sdp (written by the test), applies it;
  3. prints {"connected": true} once ICE and DTLS are up, then keeps sending for --seconds;
  4. prints {"error": "..."} and exits 1 when a step does not finish in time.

Every wait is bounded; the peer connection is always closed. Run with the repository's .venv
(scripts/setup.sh installs aiortc there).
"""
import argparse
import asyncio
import json
import os
import sys

import aioice.ice

# aioice never gathers 127.0.0.1; Janus is reached on loopback only.
aioice.ice.get_host_addresses = lambda use_ipv4=True, use_ipv6=False: ["127.0.0.1"]

from aiortc import (  # noqa: E402  (after the patch)
    AudioStreamTrack,
    RTCConfiguration,
    RTCPeerConnection,
    RTCSessionDescription,
    VideoStreamTrack,
)
from aiortc.rtcconfiguration import RTCBundlePolicy  # noqa: E402
import av  # noqa: E402


class TinyVideoTrack(VideoStreamTrack):
    """160x120 frames whose brightness changes every frame (cheap to encode, never empty)."""

    def __init__(self):
        super().__init__()
        self.frames = 0

    async def recv(self):
        pts, time_base = await self.next_timestamp()
        frame = av.VideoFrame(width=160, height=120, format="yuv420p")
        for plane in frame.planes:
            plane.update(bytes([(self.frames * 5) % 256]) * plane.buffer_size)
        frame.pts = pts
        frame.time_base = time_base
        self.frames += 1
        return frame


def report(**fields):
    print(json.dumps(fields), flush=True)


async def wait_for_file(path, timeout):
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not os.path.exists(path):
        if loop.time() > deadline:
            raise TimeoutError(f"no {path} within {timeout} s")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.05)  # the writer renames the file into place; this is just caution
    with open(path) as handle:
        return handle.read()


async def run(args):
    pc = RTCPeerConnection(RTCConfiguration(bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
    connected = asyncio.Event()

    @pc.on("connectionstatechange")
    def on_state():
        if pc.connectionState == "connected":
            connected.set()

    try:
        pc.addTrack(AudioStreamTrack())
        pc.addTrack(TinyVideoTrack())
        for transceiver in pc.getTransceivers():
            transceiver.direction = "sendonly"
        await pc.setLocalDescription(await pc.createOffer())
        offer_path = os.path.join(args.folder, "offer.sdp")
        with open(offer_path + ".tmp", "w") as handle:
            handle.write(pc.localDescription.sdp)
        os.replace(offer_path + ".tmp", offer_path)
        answer = await wait_for_file(os.path.join(args.folder, "answer.sdp"), args.timeout)
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
        await asyncio.wait_for(connected.wait(), timeout=args.timeout)
        report(connected=True)
        await asyncio.sleep(args.seconds)
        return 0
    except Exception as error:  # reported to the Swift test, which fails on it
        report(error=f"{type(error).__name__}: {error}")
        return 1
    finally:
        await asyncio.wait_for(pc.close(), timeout=5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", required=True, help="where offer.sdp and answer.sdp are traded")
    parser.add_argument("--seconds", type=float, default=10.0, help="time to keep sending after connecting")
    parser.add_argument("--timeout", type=float, default=15.0, help="bound of each wait")
    args = parser.parse_args()
    sys.exit(asyncio.run(run(args)))


if __name__ == "__main__":
    main()
