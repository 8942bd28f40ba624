"""Worker processes that run the HTTP service's checks.

A check runs in a worker process, never in the server's own threads, so that one past its
deadline can be stopped: its process is killed and replaced, and the CPU it held is free
before the client gets its 503. The pool also bounds the work: as many checks run at once
as there are workers, and a bounded number wait for one; past that a check is refused at
once.

On Linux the workers are forked from a small *zygote* process, itself forked from the
server while the server is still single-threaded (when the app is created) and holding the
loaded scanner: a worker costs a fork (milliseconds, its memory shared with the server until
written) and nothing has to be built or loaded again. Forking the replacements from the
zygote rather than from the server keeps every fork in a single-threaded process (the
server runs uvicorn's and anyio's threads by then). Elsewhere each worker is a spawned
process that builds its scanner from the given options.

Two lanes share the workers: checks of large inputs may hold all workers but one, so
ordinary requests always find a worker within a check's time, and when a worker comes free
ordinary checks waiting get it first.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import multiprocessing
import os
import pickle
import signal
import socket
import sys
import threading
import time
import traceback
import weakref
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool

# what a scanner loads on first use is loaded before forking, so the workers share it
from .batch import WARM_UP
from .scanner import Scanner, default_scanner

log = logging.getLogger(__name__)

_HEADER = 8  # bytes of the length before each message on a worker's socket
_ZYGOTE_WAIT_S = 5.0


def default_workers() -> int:
    """The cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def forks() -> bool:
    """Whether workers are forked from the loaded scanner (Linux; macOS offers fork too,
    but some of its system libraries are not safe to use in a forked child)."""
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


# -- errors the pool reports ---------------------------------------------------------------


class CheckRefused(Exception):
    """The check did not run to completion: the queue was full or its time ran out.
    ``retry_after`` is the seconds to suggest to the client."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class WorkerLost(Exception):
    """The worker process running the check ended without answering."""


class CheckCrashed(Exception):
    """The check raised an exception the job did not handle. The message holds the
    exception's type only; ``frames`` its traceback without the exception's message (which
    may quote the text)."""

    def __init__(self, kind: str, frames: str) -> None:
        super().__init__(kind)
        self.frames = frames


# -- inside a worker -----------------------------------------------------------------------


def _recv_exactly(sock: socket.socket, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            raise EOFError
        got += n
    return buffer


def _send_message(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(len(payload).to_bytes(_HEADER, "big"))
    sock.sendall(payload)


def serve_checks(sock: socket.socket, scanner: Scanner) -> None:
    """A worker's loop: read a job (a function and its arguments), run it with the scanner,
    send back ``("ok", result)`` or ``("crashed", type name, traceback frames)``. Returns
    when the server closes its end."""
    while True:
        try:
            size = int.from_bytes(_recv_exactly(sock, _HEADER), "big")
            job, args = pickle.loads(_recv_exactly(sock, size))
        except (EOFError, ConnectionError):
            return
        try:
            reply: tuple[Any, ...] = ("ok", job(scanner, *args))
        except Exception as exc:  # reported to the server, which answers 500 and logs it
            reply = ("crashed", type(exc).__name__, "".join(traceback.format_tb(exc.__traceback__)))
        _send_message(sock, pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))


def _as_worker() -> None:
    # Ctrl-C in a terminal reaches the whole process group: the server shuts the workers
    # down itself, and a worker's KeyboardInterrupt would only print a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _kill_and_reap(pid: int) -> int:
    """SIGKILL one of this process's children and wait for it; its exit code (negative:
    the signal that ended it)."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _zygote(control: socket.socket, scanner: Scanner) -> None:
    """Fork a worker for each ``S`` message (which carries the worker's socket) and answer
    with its pid; kill and reap one for each ``K`` + pid and answer with its exit code.
    On ``Q``, or when the server's end closes (it died), kill the workers left and return.
    Only this process reaps the workers, so a pid it is asked to kill is never reused."""
    _as_worker()
    gc.freeze()  # the collector would otherwise write to every shared object in each worker
    children: set[int] = set()
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(control, 16, 1)
        except OSError:
            message, fds = b"", []
        if not message:
            break
        if message[:1] == b"S":
            [fd] = fds
            try:
                pid = os.fork()
            except OSError:  # out of processes or memory: the server hears pid 0
                pid = -1
            if pid == 0:
                try:
                    control.close()
                    serve_checks(socket.socket(fileno=fd), scanner)
                finally:
                    os._exit(0)
            os.close(fd)
            if pid > 0:
                children.add(pid)
            control.sendall(max(pid, 0).to_bytes(8, "big"))
        elif message[:1] == b"Q":
            break
        elif message[:1] == b"K":
            pid = int.from_bytes(message[1:9], "big")
            code = _kill_and_reap(pid) if pid in children else 0
            children.discard(pid)
            control.sendall(code.to_bytes(8, "big", signed=True))
    for pid in children:
        _kill_and_reap(pid)


def _spawned_worker(options: dict[str, object], sock: socket.socket) -> None:
    _as_worker()
    scanner = Scanner(**options) if options else default_scanner()  # type: ignore[arg-type]
    scanner.scan(WARM_UP)
    serve_checks(sock, scanner)


# -- starting and stopping worker processes ------------------------------------------------


class Launcher(Protocol):
    def start(self) -> tuple[int, socket.socket]:
        """A new worker: its pid and the server's end of its socket."""

    def stop(self, pid: int) -> int:
        """Kill a worker and wait for it to end; its exit code (negative: the signal)."""

    def close(self) -> None:
        """Stop every worker (idempotent)."""


class ForkedWorkers:
    """Workers forked from a zygote holding the scanner (see the module's docstring)."""

    def __init__(self, scanner: Scanner) -> None:
        scanner.scan(WARM_UP)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        pid = os.fork()
        if pid == 0:
            try:
                ours.close()
                _zygote(theirs, scanner)
            finally:
                os._exit(0)
        theirs.close()
        self.zygote_pid = pid
        self._control = ours
        self._lock = threading.Lock()  # one exchange with the zygote at a time
        self._closed = False

    def start(self) -> tuple[int, socket.socket]:
        ours, theirs = socket.socketpair()
        try:
            with self._lock:
                socket.send_fds(self._control, [b"S"], [theirs.fileno()])
                pid = int.from_bytes(self._control.recv(8), "big")
        finally:
            theirs.close()
        if not pid:
            raise OSError("the zygote process could not fork a worker, or is gone")
        return pid, ours

    def stop(self, pid: int) -> int:
        with self._lock:
            if self._closed:  # the zygote has killed and reaped them all
                return -signal.SIGKILL
            try:
                self._control.sendall(b"K" + pid.to_bytes(8, "big"))
                answer = self._control.recv(8)
            except OSError:
                answer = b""
        if len(answer) == 8:
            return int.from_bytes(answer, "big", signed=True)
        # the zygote is gone: the worker is not our child, but kill it all the same
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        return -signal.SIGKILL

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            # the zygote kills its workers, reaps them and exits. Said, not left to the end
            # of the socket: a process forked later (another app's zygote) may hold a copy
            with contextlib.suppress(OSError):
                self._control.sendall(b"Q")
            self._control.close()
        deadline = time.monotonic() + _ZYGOTE_WAIT_S
        while True:
            try:
                done, _ = os.waitpid(self.zygote_pid, os.WNOHANG)
            except ChildProcessError:
                return
            if done:
                return
            if time.monotonic() > deadline:
                os.kill(self.zygote_pid, signal.SIGKILL)
                os.waitpid(self.zygote_pid, 0)
                return
            time.sleep(0.01)


class SpawnedWorkers:
    """Workers started as fresh processes, each building its scanner from ``options``
    (the keyword arguments of Scanner; empty: the default scanner)."""

    def __init__(self, options: dict[str, object]) -> None:
        self._options = options
        self._context = multiprocessing.get_context("spawn")
        self._processes: dict[int, Any] = {}
        self._lock = threading.Lock()

    def start(self) -> tuple[int, socket.socket]:
        ours, theirs = socket.socketpair()
        process = self._context.Process(
            target=_spawned_worker, args=(self._options, theirs), daemon=True
        )
        process.start()
        theirs.close()
        assert process.pid is not None
        with self._lock:
            self._processes[process.pid] = process
        return process.pid, ours

    def stop(self, pid: int) -> int:
        with self._lock:
            process = self._processes.pop(pid, None)
        if process is None:
            return 0
        process.kill()
        process.join()
        return int(process.exitcode or 0)

    def close(self) -> None:
        with self._lock:
            pids = list(self._processes)
        for pid in pids:
            self.stop(pid)


# -- the pool the service awaits -----------------------------------------------------------


@dataclass(eq=False)
class _Worker:
    pid: int
    sock: socket.socket


@dataclass(eq=False)
class _Lane:
    name: str
    max_running: int
    max_waiting: int
    retry_after: int
    running: int = 0
    waiting: deque[asyncio.Future[_Worker]] = field(default_factory=deque)


class CheckPool:
    """``workers`` worker processes; checks of ``large`` inputs run on at most
    ``workers - 1`` of them (all of them when there is one). At most ``queue`` ordinary
    checks and ``min(queue, workers)`` large ones wait for a worker; more are refused at
    once. ``timeout`` bounds a check's whole stay, waiting included. Used from one event
    loop at a time."""

    def __init__(self, launcher: Launcher, *, workers: int, queue: int, timeout: float) -> None:
        if workers < 1 or queue < 0:
            raise ValueError("workers must be 1 or more and queue 0 or more")
        self._launcher = launcher
        self._timeout = timeout
        self._late = f"check took longer than {timeout:g} s"
        self._small = _Lane("ordinary", workers, queue, retry_after=1)
        self._large = _Lane(
            "large", max(1, workers - 1), min(queue, workers), retry_after=math.ceil(timeout)
        )
        self._idle: list[_Worker] = []
        self._workers: dict[int, _Worker] = {}
        self._closed = False
        # if the app is never shut down (a test client used without its context), its
        # workers still end with the pool or at interpreter exit
        self._finalizer = weakref.finalize(self, launcher.close)
        for _ in range(workers):
            self._add(*launcher.start())

    def pids(self) -> list[int]:
        """The worker processes' ids (for tests and monitoring)."""
        return sorted(self._workers)

    def close(self) -> None:
        self._closed = True
        for lane in (self._small, self._large):
            while lane.waiting:
                lane.waiting.popleft().cancel()
        for worker in self._workers.values():
            worker.sock.close()  # idle workers end on their own
        self._workers.clear()
        self._idle.clear()
        self._finalizer()

    async def run(self, job: Callable[..., Any], args: Sequence[Any], *, large: bool) -> Any:
        """``job(scanner, *args)`` in a worker; its result. ``job`` must be a module-level
        function (it is pickled by name)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._timeout
        lane = self._large if large else self._small
        message = pickle.dumps((job, tuple(args)), protocol=pickle.HIGHEST_PROTOCOL)
        worker = await self._acquire(lane, deadline)
        if loop.time() >= deadline:  # granted just as its time ran out: it never started
            lane.running -= 1
            self._release(worker)
            raise CheckRefused(self._late, lane.retry_after)
        try:
            reply = await asyncio.wait_for(self._exchange(worker, message), deadline - loop.time())
        except asyncio.TimeoutError:
            lane.running -= 1
            await self._replace(worker)
            raise CheckRefused(self._late, self._large.retry_after) from None
        except (EOFError, OSError):
            lane.running -= 1
            code = await self._replace(worker)
            raise WorkerLost(_ended(code)) from None
        except BaseException:  # cancelled mid-check (shutdown): the worker's state is unknown
            lane.running -= 1
            self._swap(worker)
            raise
        lane.running -= 1
        self._release(worker)
        if reply[0] == "crashed":
            raise CheckCrashed(reply[1], reply[2])
        return reply[1]

    # -- internals ---------------------------------------------------------------------

    def _add(self, pid: int, sock: socket.socket) -> None:
        sock.setblocking(False)
        worker = _Worker(pid, sock)
        self._workers[pid] = worker
        self._release(worker)

    async def _acquire(self, lane: _Lane, deadline: float) -> _Worker:
        if self._closed:
            raise CheckRefused("the service is shutting down", lane.retry_after)
        if self._idle and lane.running < lane.max_running and not lane.waiting:
            lane.running += 1
            return self._idle.pop()
        if len(lane.waiting) >= lane.max_waiting:
            raise CheckRefused(
                f"too many {lane.name} checks waiting; try again shortly", lane.retry_after
            )
        loop = asyncio.get_running_loop()
        granted: asyncio.Future[_Worker] = loop.create_future()
        lane.waiting.append(granted)
        try:
            await asyncio.wait({granted}, timeout=max(0.0, deadline - loop.time()))
        except BaseException:  # cancelled while waiting: hand back a worker granted meanwhile
            self._withdraw(lane, granted)
            raise
        if not granted.done() or granted.cancelled():  # it never started
            self._withdraw(lane, granted)
            reason = "the service is shutting down" if self._closed else self._late
            raise CheckRefused(reason, lane.retry_after)
        return granted.result()  # _dispatch counted it as running

    def _withdraw(self, lane: _Lane, granted: asyncio.Future[_Worker]) -> None:
        if granted.done() and not granted.cancelled():
            lane.running -= 1
            self._release(granted.result())
            return
        granted.cancel()
        with contextlib.suppress(ValueError):  # close() may have taken it off already
            lane.waiting.remove(granted)

    def _release(self, worker: _Worker) -> None:
        if not self._closed and worker.pid in self._workers:
            self._idle.append(worker)
            self._dispatch()

    def _dispatch(self) -> None:
        """Give idle workers to waiting checks: ordinary ones first, then large ones while
        their lane may run one more."""
        while self._idle:
            lane = next(
                (x for x in (self._small, self._large) if x.waiting and x.running < x.max_running),
                None,
            )
            if lane is None:
                return
            granted = lane.waiting.popleft()
            if not granted.done():
                lane.running += 1
                granted.set_result(self._idle.pop())

    async def _exchange(self, worker: _Worker, message: bytes) -> Any:
        loop = asyncio.get_running_loop()
        await loop.sock_sendall(worker.sock, len(message).to_bytes(_HEADER, "big") + message)
        size = int.from_bytes(await _receive(loop, worker.sock, _HEADER), "big")
        return pickle.loads(await _receive(loop, worker.sock, size))

    async def _replace(self, worker: _Worker) -> int:
        """Kill ``worker`` (its CPU is free before the client hears of it) and start
        another in its place; the old one's exit code."""
        self._forget(worker)
        code, started = await run_in_threadpool(self._swap_processes, worker.pid)
        if started is not None:
            self._add(*started)
        return code

    def _swap(self, worker: _Worker) -> None:
        self._forget(worker)
        _, started = self._swap_processes(worker.pid)
        if started is not None:
            self._add(*started)

    def _forget(self, worker: _Worker) -> None:
        self._workers.pop(worker.pid, None)
        worker.sock.close()

    def _swap_processes(self, pid: int) -> tuple[int, tuple[int, socket.socket] | None]:
        """(In a thread: the zygote answers within milliseconds, a spawn takes longer.)"""
        code = self._launcher.stop(pid)
        if self._closed:
            return code, None
        try:
            return code, self._launcher.start()
        except OSError:
            log.exception("could not start a worker process in place of %d", pid)
            return code, None


async def _receive(loop: asyncio.AbstractEventLoop, sock: socket.socket, size: int) -> bytearray:
    buffer = bytearray(size)
    view = memoryview(buffer)
    got = 0
    while got < size:
        n = await loop.sock_recv_into(sock, view[got:])
        if n == 0:
            raise EOFError
        got += n
    return buffer


def _ended(code: int) -> str:
    if code < 0:
        try:
            return f"ended by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"ended by signal {-code}"
    return f"exited with code {code}"
