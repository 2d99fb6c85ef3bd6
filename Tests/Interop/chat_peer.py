"""An interactive aiortc participant of a Switchboard room that chats over data channels.

It opens the participant's event stream, publishes a data-only offer with one reliable ordered
channel "chat" (POST …/publish) and subscribes on a second RTCPeerConnection (POST …/subscribe,
PUT the answer; again on every `renegotiate` event): the negotiation is data_peer.py's. Each line
read from stdin is sent on "chat" as one text message. The server relays every other
participant's channel to this one as a channel with the same label whose DCEP protocol is the
sender's participant id (API.md "Data channels"); each message received on one is printed as

  <protocol>: <text>

(a binary message as `<protocol>: [N bytes of binary]`), and a line starting with `*` tells when a
participant's channel opens or closes (a participant id never starts with `*`). EOF on stdin,
Ctrl-C or SIGTERM ends it: it closes its channel and both connections and exits, 0 unless
something failed (then the reasons go to stderr and it exits 1). Lines typed before the channel
is open are sent once it is. Every wait is bounded.
"""
import argparse
import asyncio
import os
import signal
import sys
import threading
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

# conference_peer (imported by data_peer) patches aioice to gather 127.0.0.1 (INTEROP.md).
from conference_peer import EventStream, call  # noqa: E402
from data_peer import DataParticipant  # noqa: E402

from aiortc import RTCPeerConnection, RTCSessionDescription  # noqa: E402

CHANNEL_LABEL = "chat"
CLOSE_TIMEOUT = 5.0


def show(line):
    print(line, flush=True)


def start_line_reader(loop, lines):
    """Reads stdin on a daemon thread (it may block in a read until the process exits) and puts
    each line, without its line break, into the queue `lines`; None marks the end of input."""
    def read():
        try:
            for line in sys.stdin:
                loop.call_soon_threadsafe(lines.put_nowait, line.rstrip("\r\n"))
            loop.call_soon_threadsafe(lines.put_nowait, None)
        except (OSError, ValueError):
            loop.call_soon_threadsafe(lines.put_nowait, None)  # stdin closed under the reader
        except RuntimeError:
            pass  # the loop is closed: nobody reads the queue any more

    threading.Thread(target=read, name="stdin", daemon=True).start()


class ChatParticipant(DataParticipant):
    """A participant that sends stdin's lines on its channel "chat" and prints what others send.

    Invariants: at most one publish and one subscribe connection; `channel` is the publish
    connection's only channel; a line is sent only while that channel is open.
    """

    def __init__(self, args):
        super().__init__(args)
        self.channel = None
        self.channel_open = asyncio.Event()
        self.channel_closed = asyncio.Event()
        self.leaving = False

    # Publishing: one reliable ordered channel.

    async def publish(self):
        pc = RTCPeerConnection(self.configuration())
        self.publish_pc = pc
        self.channel = pc.createDataChannel(CHANNEL_LABEL, ordered=True)
        self.channel.on("open", self.channel_open.set)
        self.channel.on("close", self.channel_closed.set)
        await pc.setLocalDescription(await pc.createOffer())
        code, answer = await asyncio.to_thread(call, "POST", f"{self.base}/publish", self.args.token,
                                               pc.localDescription.sdp.encode(), "application/sdp")
        if code not in (200, 201):
            self.errors.append(f"publish answered {code}: {answer.strip()}")
            return False
        await pc.setRemoteDescription(RTCSessionDescription(sdp=answer, type="answer"))
        try:
            await asyncio.wait_for(self.channel_open.wait(), timeout=self.args.connect_timeout)
        except asyncio.TimeoutError:
            self.errors.append(f"channel {CHANNEL_LABEL!r} not open after {self.args.connect_timeout} s "
                               f"(publish connection {pc.connectionState})")
            return False
        return True

    # Receiving: the channels the server relays from the others.

    async def subscribe(self):
        pc = RTCPeerConnection(self.configuration())
        self.subscribe_pc = pc
        self.subscribe_result = {"connectedAtMs": None, "negotiations": []}

        @pc.on("connectionstatechange")
        def on_state():
            if pc.connectionState == "connected":
                self.subscribe_connected.set()

        pc.on("datachannel", self.on_datachannel)
        await self.negotiate()

    def on_datachannel(self, channel):
        sender, label = channel.protocol or "?", channel.label
        show(f"* {sender} opened {label}")

        @channel.on("message")
        def on_message(message):
            if isinstance(message, str):
                show(f"{sender}: {message}")
            else:
                show(f"{sender}: [{len(message)} bytes of binary]")

        @channel.on("close")
        def on_close():
            if not self.leaving:  # leaving closes every channel here: not the sender's doing
                show(f"* {sender} closed {label}")

    # The run

    async def run(self):
        loop = asyncio.get_running_loop()
        url = f"{self.base}/events?token={urllib.parse.quote(self.args.token)}"
        # The stream stays open for the whole chat; a long read timeout keeps it so while idle.
        self.events = EventStream(url, loop, self.on_event, read_timeout=24 * 3600)
        self.events.start()
        room = asyncio.ensure_future(self.room_event.wait())
        ended = asyncio.ensure_future(self.events.ended.wait())
        await asyncio.wait({room, ended}, timeout=self.args.connect_timeout, return_when=asyncio.FIRST_COMPLETED)
        room.cancel()
        ended.cancel()
        if not self.room_event.is_set():
            self.errors.append(f"no room event: {self.events.error or self.events.status or 'timed out'}")
            return
        await self.subscribe()
        self.negotiation_tasks.add(asyncio.ensure_future(self.keep_subscribing()))
        if not await self.publish():
            return
        try:
            await asyncio.wait_for(self.subscribe_connected.wait(), timeout=self.args.connect_timeout)
        except asyncio.TimeoutError:
            print(f"chat_peer: not receiving yet: subscribe connection {self.subscribe_pc.connectionState} "
                  f"after {self.args.connect_timeout} s", file=sys.stderr, flush=True)
        show(f"* joined {self.args.room} as {self.args.participant}: type a line to send it, Ctrl-D to leave")
        lines = asyncio.Queue()
        start_line_reader(loop, lines)
        await self.chat(lines)

    async def chat(self, lines):
        """Sends each line until EOF or the channel closing."""
        closed = asyncio.ensure_future(self.channel_closed.wait())
        line = None
        try:
            while True:
                line = asyncio.ensure_future(lines.get())
                await asyncio.wait({line, closed}, return_when=asyncio.FIRST_COMPLETED)
                if line.done() and line.result() is None:
                    return
                if closed.done():
                    self.errors.append(f"channel {CHANNEL_LABEL!r} closed "
                                       f"(publish connection {self.publish_pc.connectionState})")
                    return
                self.channel.send(line.result())
        finally:
            closed.cancel()
            if line is not None:
                line.cancel()

    async def leave(self):
        """Closes the own channel (the server then closes its relays), then both connections."""
        self.leaving = True
        if self.channel is not None and self.channel.readyState == "open":
            self.channel.close()
            try:
                await asyncio.wait_for(self.channel_closed.wait(), timeout=CLOSE_TIMEOUT)
            except asyncio.TimeoutError:
                pass  # closing the connections below ends it anyway
        await self.close()


async def main_async(args):
    """Runs the chat until it ends or a signal stops it, then leaves; returns the errors."""
    participant = ChatParticipant(args)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    running = asyncio.ensure_future(participant.run())
    stopping = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
        if running.done():
            running.result()
    except Exception as error:  # reported after the connections are closed
        participant.errors.append(f"{type(error).__name__}: {error}")
    finally:
        running.cancel()
        stopping.cancel()
        await asyncio.gather(running, return_exceptions=True)
        await participant.leave()
    return participant.errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base-url", required=True, help="http://127.0.0.1:PORT")
    parser.add_argument("--room", required=True)
    parser.add_argument("--participant", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--connect-timeout", type=float, default=10.0)
    args = parser.parse_args()
    errors = asyncio.run(main_async(args))
    for error in errors:
        print(f"chat_peer: {error}", file=sys.stderr, flush=True)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
