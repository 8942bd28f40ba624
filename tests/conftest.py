from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests judge behaviour, not speed (benchmarks/ measures that): on a shared,
# loaded machine hypothesis's per-example deadline would fail correct code.
settings.register_profile("wording_guard", deadline=None)
settings.load_profile("wording_guard")

# Tests build lexicons from source every session into a private cache dir, so a stale user
# cache can never hide a broken lexicon.
os.environ.setdefault("WORDING_GUARD_CACHE_DIR", str(Path(__file__).parent / ".cache"))

REPO = Path(__file__).resolve().parent.parent
# Real texts the tests read, shipped with the repository (origins in tests/data/SOURCES.md).
DATA = REPO / "tests" / "data"


@pytest.fixture(scope="session")
def scanner():  # type: ignore[no-untyped-def]
    from wording_guard.scanner import default_scanner

    return default_scanner()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(scanner) -> Iterator[str]:  # type: ignore[no-untyped-def]
    import httpx
    import uvicorn

    from wording_guard.service import create_app

    port = _free_port()
    config = uvicorn.Config(
        # a generous time per check: the tests here read answers, not speed, and a burst of
        # 50 queued checks on a shared 2-core machine under load can wait well past 10 s
        create_app(scanner, max_bytes=200_000, timeout=60),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
