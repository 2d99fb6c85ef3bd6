"""Regenerates the real answers in this folder to a subscribe offer of this folder
(subscribe-offer-audio-video-inactive-data.sdp unless another offer is named).

Usage (from the repository root; aiortc from scripts/setup.sh, Debian's `chromium`):
  .venv/bin/python Tests/SDPTests/Fixtures/subscribe-answers-generate.py aiortc [OFFER]
  .venv/bin/python Tests/SDPTests/Fixtures/subscribe-answers-generate.py chromium [OFFER]
where OFFER is an offer file's name without ".sdp" (e.g. subscribe-offer-data), prints the
answer SDP (CRLF lines) on standard output. Only the offer is read: no network is used (the
peers gather loopback candidates only and never connect).
"""
import asyncio
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def read_offer(name):
    with open(os.path.join(HERE, name + ".sdp"), newline="") as f:
        lines = [line.rstrip("\r\n") for line in f if line.strip() and not line.startswith("#")]
    return "\r\n".join(lines) + "\r\n"


async def aiortc_answer(offer):
    import aioice.ice
    aioice.ice.get_host_addresses = lambda use_ipv4=True, use_ipv6=False: ["127.0.0.1"]
    from aiortc import RTCBundlePolicy, RTCConfiguration, RTCPeerConnection, RTCSessionDescription
    pc = RTCPeerConnection(RTCConfiguration(bundlePolicy=RTCBundlePolicy.MAX_BUNDLE))
    await pc.setRemoteDescription(RTCSessionDescription(sdp=offer, type="offer"))
    await pc.setLocalDescription(await pc.createAnswer())
    sdp = pc.localDescription.sdp
    await pc.close()
    return sdp


PAGE = """<html><body><script>
(async () => {
  try {
    const pc = new RTCPeerConnection({bundlePolicy: "max-bundle"});
    await pc.setRemoteDescription({type: "offer", sdp: OFFER});
    await pc.setLocalDescription(await pc.createAnswer());
    await new Promise(r => { if (pc.iceGatheringState === "complete") r();
      pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === "complete") r(); };
      setTimeout(r, 3000); });
    console.log("SDPANSWER " + JSON.stringify(pc.localDescription.sdp));
  } catch (e) { console.log("SDPERROR " + JSON.stringify(String(e))); }
})();
</script></body></html>"""


def chromium_answer(offer):
    with tempfile.TemporaryDirectory() as directory:
        page = os.path.join(directory, "answer.html")
        with open(page, "w") as f:
            f.write(PAGE.replace("OFFER", json.dumps(offer)))
        process = subprocess.Popen(
            ["chromium", "--headless=new", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--allow-loopback-in-peer-connection", "--enable-logging=stderr", "--v=0",
             "--user-data-dir=" + os.path.join(directory, "profile"), "file://" + page],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            for line in process.stderr:
                for marker in ("SDPANSWER ", "SDPERROR "):
                    if marker in line:
                        text = line.split(marker, 1)[1]
                        value = json.JSONDecoder().raw_decode(text)[0]
                        if marker == "SDPERROR ":
                            sys.exit("chromium refused the offer: " + value)
                        return value
            sys.exit("chromium printed no answer")
        finally:
            process.kill()
            process.wait()


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[1] not in ("aiortc", "chromium"):
        sys.exit(__doc__)
    offer = read_offer(sys.argv[2] if len(sys.argv) == 3 else "subscribe-offer-audio-video-inactive-data")
    if sys.argv[1] == "aiortc":
        answer = asyncio.run(aiortc_answer(offer))
    else:
        answer = chromium_answer(offer)
    sys.stdout.write(answer)


main()
