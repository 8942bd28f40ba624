from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests build lexicons from source every session into a private cache dir, so a stale user
# cache can never hide a broken lexicon.
os.environ.setdefault("WORDING_GUARD_CACHE_DIR", str(Path(__file__).parent / ".cache"))

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def scanner():  # type: ignore[no-untyped-def]
    import wording_guard

    return wording_guard.scanner.default_scanner()
