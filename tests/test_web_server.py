"""`thidua.web.server.HeadWithBody` on a real socket: a response's head waits for its body
(one write for both), and goes alone at the event loop's next turn when nothing follows."""

from __future__ import annotations

import asyncio
import socket

from thidua.web.server import HEAD_BYTES, HeadWithBody


def pending(peer: socket.socket) -> bytes:
    """What the peer can read now, without waiting."""
    try:
        return peer.recv(1 << 20, socket.MSG_DONTWAIT)
    except BlockingIOError:
        return b""


async def exchange() -> list[bytes]:
    ours, peer = socket.socketpair()
    transport, _ = await asyncio.get_running_loop().connect_accepted_socket(asyncio.Protocol, ours)
    wrapped = HeadWithBody(transport, asyncio.get_running_loop())  # type: ignore[arg-type]
    seen = []
    wrapped.write(b"HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\n")
    seen.append(pending(peer))  # held
    wrapped.write(b"x" * 5000)
    seen.append(pending(peer))  # both, in the order written
    wrapped.write(b"HTTP/1.1 304 Not Modified\r\n\r\n")
    seen.append(pending(peer))  # held
    await asyncio.sleep(0)  # the loop's next turn
    seen.append(pending(peer))
    wrapped.write(b"y" * HEAD_BYTES)  # large enough to go at once
    seen.append(pending(peer))
    wrapped.write(b"bye")
    wrapped.close()  # what is held goes before the end
    await asyncio.sleep(0)
    peer.settimeout(5)
    seen.append(peer.recv(100) + peer.recv(100))
    peer.close()
    return seen


def test_a_head_waits_for_its_body_or_for_the_next_turn() -> None:
    seen = asyncio.run(exchange())
    assert seen == [
        b"",
        b"HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\n" + b"x" * 5000,
        b"",
        b"HTTP/1.1 304 Not Modified\r\n\r\n",
        b"y" * HEAD_BYTES,
        b"bye",
    ]
