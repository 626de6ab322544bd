"""Several uvicorn worker processes on one port, each accepting on its own socket.

uvicorn's own ``--workers`` has every worker accept from one shared socket. Under a burst of
new connections (a load balancer opening its keep-alive pool, a class opening the chat at
once) the first worker to wake up accepts nearly all of them, and keeps them: measured with 32
keep-alive connections, one worker answered every request while the other sat idle. Here the
parent binds one ``SO_REUSEPORT`` socket per worker on the same address, and the kernel spreads
new connections evenly across them (by a hash of the client's address and port).

The parent keeps every socket open and listening, so a connection reaching a worker that died
waits in that socket's queue until its replacement starts. It restarts a worker that dies, and
gives up (the workers' own error is above it in the log) when one cannot start its app, or
keeps dying.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import multiprocessing
import signal
import socket
import time
from multiprocessing.context import SpawnProcess
from types import FrameType
from typing import Any

from advisor.errors import AdvisorError

__all__ = ["STARTUP_FAILURE", "WorkerPool", "WorkersFailed", "bind_sockets"]

logger = logging.getLogger("advisor.serving.workers")

# A worker whose app could not start (bad index, bad setting) exits with this code:
# starting another would only fail again.
STARTUP_FAILURE = 3
# A worker dying this many times within _CRASH_WINDOW seconds is not restarted again.
_MAX_CRASHES = 5
_CRASH_WINDOW = 60.0
_STOP_TIMEOUT = 15.0
_BACKLOG = 2048


class WorkersFailed(AdvisorError):
    """The worker processes could not start or kept dying."""


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def bind_sockets(host: str, port: int, count: int) -> list[socket.socket]:
    """``count`` listening sockets sharing ``host:port`` through ``SO_REUSEPORT``.

    With ``SO_REUSEPORT`` a second server started on the same port by mistake would silently
    share it instead of failing, so the port is first checked free with a plain socket.
    """
    family = _family(host)
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            reason = "in use" if error.errno == errno.EADDRINUSE else error.strerror
            raise WorkersFailed(f"cannot listen on {host}:{port}: {reason}") from None
    sockets = []
    for _ in range(count):
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        sock.listen(_BACKLOG)
        sock.set_inheritable(True)
        sockets.append(sock)
    return sockets


def _ignore(signum: int, frame: FrameType | None) -> None:
    pass


def _serve(config: Any, sock: socket.socket) -> None:
    """A worker process: uvicorn on its own socket (the app comes from the config's factory)."""
    import uvicorn

    config.configure_logging()  # a spawned process starts with Python's default logging
    # Once it has shut down, uvicorn raises again the signal that stopped it. With the default
    # handler that kills the process before multiprocessing's exit handlers run, and the named
    # semaphores libraries create (tqdm's lock, through bm25s) are left behind in /dev/shm.
    # The shutdown is done by then: let the process end normally.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, _ignore)
    server = uvicorn.Server(config)
    server.run(sockets=[sock])
    if not server.started:  # the app failed to start (its error is logged): say so
        raise SystemExit(STARTUP_FAILURE)


class WorkerPool:
    """Starts ``len(sockets)`` workers running ``config`` (a :class:`uvicorn.Config` whose app
    is an import string), restarts any that dies, and stops them all on SIGINT or SIGTERM."""

    def __init__(self, config: Any, sockets: list[socket.socket]) -> None:
        self.config = config
        self.sockets = sockets
        self._context = multiprocessing.get_context("spawn")
        self._processes: list[SpawnProcess | None] = [None] * len(sockets)
        self._crashes: list[list[float]] = [[] for _ in sockets]
        self._stopping = False

    def _start(self, slot: int) -> None:
        process = self._context.Process(
            target=_serve, args=(self.config, self.sockets[slot]), name=f"advisor-worker-{slot}"
        )
        process.start()
        self._processes[slot] = process

    def _stop(self, signum: int, frame: FrameType | None) -> None:
        self._stopping = True

    def run(self) -> None:
        """Serve until SIGINT or SIGTERM; raises :class:`WorkersFailed` if they cannot start."""
        # Sockets go to the workers as inherited descriptors (multiprocessing's reduction).
        multiprocessing.allow_connection_pickling()
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for slot in range(len(self.sockets)):
                self._start(slot)
            while not self._stopping:
                time.sleep(0.2)
                self._watch()
        finally:
            self._terminate()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            for sock in self.sockets:
                sock.close()

    def pids(self) -> list[int]:
        return [p.pid for p in self._processes if p is not None and p.pid is not None]

    def _watch(self) -> None:
        for slot, process in enumerate(self._processes):
            if process is None or process.is_alive() or self._stopping:
                continue
            if process.exitcode == STARTUP_FAILURE:
                raise WorkersFailed(f"worker {process.pid} could not start: see its error above")
            now = time.monotonic()
            crashes = [t for t in self._crashes[slot] if now - t < _CRASH_WINDOW] + [now]
            self._crashes[slot] = crashes
            if len(crashes) >= _MAX_CRASHES:
                raise WorkersFailed(
                    f"worker {process.pid} exited with code {process.exitcode}, the "
                    f"{len(crashes)}th worker to die within {_CRASH_WINDOW:.0f} s: giving up"
                )
            logger.warning(
                "worker %s exited (code %s): starting another", process.pid, process.exitcode
            )
            self._start(slot)

    def _terminate(self) -> None:
        alive = [p for p in self._processes if p is not None and p.is_alive()]
        for process in alive:
            with contextlib.suppress(ProcessLookupError):
                process.terminate()  # SIGTERM: uvicorn finishes the requests under way
        deadline = time.monotonic() + _STOP_TIMEOUT
        for process in alive:
            process.join(max(0.1, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(5)
