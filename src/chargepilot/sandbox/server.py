"""Serve an ASGI app on a loopback port from a background thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn

LOOPBACK = "127.0.0.1"


@contextmanager
def serve_in_thread(
    app: Any, port: int = 0, *, host: str = LOOPBACK, startup_timeout: float = 10.0
) -> Iterator[str]:
    """Run `app` until the block ends; yields its base address.

    Port 0 picks a free port. Only loopback hosts are accepted so that a
    sandbox can never listen on a public interface by mistake.
    """
    if host not in {LOOPBACK, "localhost", "::1"}:
        raise ValueError(f"sandbox servers listen on loopback only, not {host!r}")
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"sandbox:{port}", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{_wait_for_port(server, thread, startup_timeout)}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _wait_for_port(
    server: uvicorn.Server, thread: threading.Thread, timeout: float
) -> int:
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("sandbox server did not start")
        time.sleep(0.01)
    socket = server.servers[0].sockets[0]
    return int(socket.getsockname()[1])
