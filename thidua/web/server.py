"""How uvicorn serves the app: its own HTTP protocol, with a response's head and the first
part of its body sent in one write.

uvicorn writes a response's head (status line and headers, a few hundred bytes) and its body
in two writes. Each write to a TCP socket with Nagle off (uvicorn's and uvloop's default)
sends a segment at once: the client is woken for the head alone and again for the body,
and on a feed of 1.3 MB under wrk that was one wakeup in two on both sides for nothing.
`HeadWithBody` holds a small write until the next one (then both go in one
``writelines``, a single system call) or until the event loop's next turn (a 304, a HEAD,
an error page: nothing follows). The bytes on the wire are the same.

``python -m thidua.web.server APP PORT [APP_DIR]`` serves an app factory this way on
127.0.0.1 (the feeds bench: the service and the bench's pre-rendered ceiling on one stack).
"""

from __future__ import annotations

import asyncio
import importlib.util
import sys
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEAD_BYTES = 4096  # a write this small is held: a response's head, or 100 Continue

if importlib.util.find_spec("httptools") is not None:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as _Base
else:  # pragma: no cover - httptools is a dependency; uvicorn works without it
    _Base = H11Protocol  # type: ignore[assignment,misc]


class HeadWithBody:
    """A transport that holds a small write for the write that follows it."""

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._held: bytes | None = None

    def write(self, data: bytes) -> None:
        held = self._held
        if held is not None:
            self._held = None
            self._transport.writelines((held, data))
        elif len(data) < HEAD_BYTES:
            self._held = bytes(data)
            self._loop.call_soon(self.flush)
        else:
            self._transport.write(data)

    def flush(self) -> None:
        held = self._held
        if held is not None:
            self._held = None
            self._transport.write(held)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)  # the rest as the transport has it


class HttpProtocol(_Base):
    """uvicorn's HTTP protocol (httptools' parser) on a `HeadWithBody` transport."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        loop = asyncio.get_running_loop()
        super().connection_made(HeadWithBody(transport, loop))  # type: ignore[arg-type]


def main(argv: list[str]) -> None:
    """Serve the app factory ``argv[0]`` on 127.0.0.1:``argv[1]``, without an access log."""
    app, port, *app_dir = argv
    sys.path[:0] = app_dir
    uvicorn.run(
        app,
        factory=True,
        host="127.0.0.1",
        port=int(port),
        access_log=False,
        log_level="warning",
        http=HttpProtocol,
    )


if __name__ == "__main__":
    main(sys.argv[1:])
