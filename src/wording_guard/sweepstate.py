"""What a sweep remembers between runs, in one SQLite file (no server): per page its key (a
path or URL), a hash of its content, the fingerprint of the engine, lexicons and options
that checked it, and its outcome (``records``); per sweep its counts, for the trend.

A page whose content and fingerprint are unchanged is not scanned again: its stored outcome
is reused. Each finding of a sweep is *new* (not among the page's findings when it was last
swept), or *open* (still there), and the findings that were there and are gone are *fixed*.
A finding is the same when its page, rule and (masked) text are: lines move as a page is
edited, so positions are not compared.

Pages that earlier sweeps saw and this one did not are left as they were (a sweep of one
folder does not mark another folder's findings fixed); :attr:`SweepSummary.not_swept` counts
them. Like the pages themselves, the state keeps the text around each finding with personal
numbers unmasked, so the file is created readable by its owner only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache, records
from .batch import Outcome
from .errors import ConfigError
from .lexicon.paths import shipped_lexicon_dir
from .results import FileResult, masked_results

SCHEMA = 1

_TABLES = """
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pages (
    key TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    record TEXT NOT NULL,
    findings INTEGER NOT NULL,
    last_sweep INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sweeps (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    fingerprint TEXT NOT NULL,
    pages INTEGER,
    rescanned INTEGER,
    findings INTEGER,
    serious INTEGER,
    improper INTEGER,
    notice INTEGER,
    new INTEGER,
    fixed INTEGER,
    not_scanned INTEGER
);
"""

_COMMIT_EVERY_S = 2.0
"""Seconds between commits during a sweep: an interrupted sweep keeps what it checked."""

Key = tuple[str, str, str]
"""What makes two findings the same across sweeps: (path as shown, rule id, text as shown)."""


def fingerprint(scanner_options: Mapping[str, Any], **settings: object) -> str:
    """The engine, lexicons and options a page's findings depend on: a page checked under
    another fingerprint is checked again. ``settings`` are further options (the date given
    for all pages, the findings limit)."""
    dirs = [Path(d) for d in scanner_options.get("lexicon_dirs", ())]
    if scanner_options.get("include_shipped", True):
        dirs = [shipped_lexicon_dir(), *dirs]
    options = {k: v for k, v in scanner_options.items() if k != "lexicon_dirs"}
    digest = hashlib.sha256(cache.cache_key(dirs).encode())
    digest.update(json.dumps([options, settings], sort_keys=True, default=str).encode())
    return digest.hexdigest()[:32]


@dataclass
class FixedFinding:
    path: str
    rule_id: str
    text: str


@dataclass
class SweepSummary:
    """What changed since the last sweep of the same state."""

    sweep: int
    previous: int | None
    """The sweep compared with (None: the first one)."""
    pages: int
    rescanned: int
    new: int
    open: int
    fixed: list[FixedFinding]
    statuses: list[list[str]]
    """Per result, per finding: ``new`` or ``open``."""
    not_swept: int
    """Pages earlier sweeps saw that this one did not (their findings left as they were)."""
    history: list[dict[str, Any]] = field(default_factory=list)
    """Every finished sweep, oldest first: id, started, pages, findings by severity, new,
    fixed."""
    compared_with: str | None = None
    """What the previous sweep is called where it has no number in a state (the previous
    ``--out`` folder of a Spark sweep)."""

    @property
    def reused(self) -> int:
        return self.pages - self.rescanned

    def as_dict(self) -> dict[str, Any]:
        return {
            "sweep": self.sweep,
            "previous": self.previous,
            "pages": self.pages,
            "rescanned": self.rescanned,
            "unchanged": self.reused,
            "new": self.new,
            "open": self.open,
            "fixed": len(self.fixed),
            "not_swept": self.not_swept,
            "fixed_findings": [
                {"path": f.path, "rule_id": f.rule_id, "text": f.text} for f in self.fixed
            ],
            "history": self.history,
        }


class SweepState:
    """The state file of a sweep, open for one sweep: :meth:`lookup` each page (its stored
    outcome when unchanged), :meth:`remember` the outcome of each page scanned, then
    :meth:`finish` with all the results of the sweep."""

    def __init__(self, path: Path, fingerprint: str, timeout: float = 30.0) -> None:
        """Open (or create) the state at ``path`` for a sweep under ``fingerprint``; a state
        another sweep is writing is waited for up to ``timeout`` seconds."""
        self.path = path
        self.fingerprint = fingerprint
        new_file = not path.exists()
        if new_file:
            try:  # readable by its owner only: it holds text around personal numbers
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as exc:
                raise ConfigError(f"{path}: cannot create the sweep state: {exc}") from None
        try:
            self._db = sqlite3.connect(path, timeout=timeout)
            self._db.executescript(_TABLES)
            schema = self._db.execute("SELECT value FROM info WHERE key='schema'").fetchone()
            if schema is None:
                self._db.execute("INSERT INTO info VALUES ('schema', ?)", (str(SCHEMA),))
            elif schema[0] != str(SCHEMA):
                raise ConfigError(
                    f"{path}: a sweep state of another version ({schema[0]}); start a new one"
                )
            previous = self._db.execute(
                "SELECT max(id) FROM sweeps WHERE finished IS NOT NULL"
            ).fetchone()[0]
            cur = self._db.execute(
                "INSERT INTO sweeps (started, fingerprint) VALUES (?, ?)",
                (_now(), fingerprint),
            )
            self._db.commit()
        except sqlite3.OperationalError as exc:
            raise ConfigError(f"{path}: sweep state: {exc} (is another sweep using it?)") from None
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{path}: not a sweep state file: {exc}") from None
        self.sweep = int(cur.lastrowid or 0)
        self.previous: int | None = previous
        self._committed = time.monotonic()
        self._seen: list[str] = []
        self._rescanned = 0
        self._before: dict[str, Counter[tuple[str, str]]] = {}
        """Per result path as shown: the (rule, text) of its findings when last swept."""
        self._not_compared: set[str] = set()
        self._looked_up: set[str] = set()
        self._paths_of: dict[str, list[str]] = {}
        """Per page key: the result paths its findings were under when last swept (an
        attachment's units)."""

    def lookup(self, key: str, digest: str) -> Outcome | None:
        """The stored outcome of the page when its content and the fingerprint are the same
        as when it was stored (the page need not be scanned), else None."""
        with self._failing():
            return self._lookup(key, digest)

    def _lookup(self, key: str, digest: str) -> Outcome | None:
        row = self._db.execute(
            "SELECT digest, fingerprint, record FROM pages WHERE key=?", (key,)
        ).fetchone()
        if row is None or key in self._looked_up:
            return None
        self._looked_up.add(key)
        try:
            outcome = records.outcome_from_record(json.loads(row[2]))
        except ValueError:  # a damaged record: the page is scanned again
            return None
        self._remember_before(key, outcome)
        if row[0] != digest or row[1] != self.fingerprint:
            return None
        self._seen.append(key)
        self._db.execute("UPDATE pages SET last_sweep=? WHERE key=?", (self.sweep, key))
        self._maybe_commit()
        return outcome

    def remember(self, key: str, digest: str, outcome: Outcome) -> None:
        """Store the outcome of a page scanned in this sweep (not one that was not scanned:
        it is tried again next time, and its earlier findings are not compared)."""
        with self._failing():
            self._remember(key, digest, outcome)

    def _remember(self, key: str, digest: str, outcome: Outcome) -> None:
        self._seen.append(key)
        self._rescanned += 1
        if outcome.not_scanned is not None:
            # what it had before is unknown now: neither fixed nor open
            self._not_compared.update(self._paths_of.get(key, ()))
            self._not_compared.update(r.path for r in _shown(outcome.results))
            return
        record = json.dumps(records.outcome_record(outcome), ensure_ascii=False)
        found = sum(len(r.findings) for r in outcome.results)
        self._db.execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?)",
            (key, digest, self.fingerprint, record, found, self.sweep),
        )
        self._maybe_commit()

    def finish(self, results: Sequence[FileResult], not_scanned: int = 0) -> SweepSummary:
        """Compare the sweep's results with what the pages had before, record the sweep and
        its counts, and close the state."""
        with self._failing():
            return self._finish(results, not_scanned)

    def _finish(self, results: Sequence[FileResult], not_scanned: int) -> SweepSummary:
        statuses: list[list[str]] = []
        before = self._before
        new = still_open = 0
        by_severity: Counter[str] = Counter()
        for shown in _shown(results):
            known = before.get(shown.path, Counter())
            marks = []
            for f in shown.findings:
                by_severity[f.severity.value] += 1
                if known[f.rule_id, f.text] > 0:
                    known[f.rule_id, f.text] -= 1
                    marks.append("open")
                    still_open += 1
                else:
                    marks.append("new")
                    new += 1
            statuses.append(marks)
        fixed = [
            FixedFinding(path, rule_id, text)
            for path, known in before.items()
            if path not in self._not_compared
            for (rule_id, text), count in sorted(known.items())
            for _ in range(count)
        ]
        db = self._db
        not_swept = db.execute(
            "SELECT count(*) FROM pages WHERE last_sweep<>?", (self.sweep,)
        ).fetchone()[0]
        pages = len(set(self._seen))
        db.execute(
            "UPDATE sweeps SET finished=?, pages=?, rescanned=?, findings=?, serious=?, "
            "improper=?, notice=?, new=?, fixed=?, not_scanned=? WHERE id=?",
            (
                _now(),
                pages,
                self._rescanned,
                sum(by_severity.values()),
                by_severity["serious"],
                by_severity["improper"],
                by_severity["notice"],
                new,
                len(fixed),
                not_scanned,
                self.sweep,
            ),
        )
        db.commit()
        history = [
            dict(zip(HISTORY_COLUMNS, row, strict=True))
            for row in db.execute(
                f"SELECT {', '.join(HISTORY_COLUMNS)} FROM sweeps "
                "WHERE finished IS NOT NULL ORDER BY id"
            )
        ]
        self.close()
        return SweepSummary(
            self.sweep,
            self.previous,
            pages,
            self._rescanned,
            new,
            still_open,
            fixed,
            statuses,
            not_swept,
            history,
        )

    def close(self) -> None:
        self._db.commit()
        self._db.close()

    @contextlib.contextmanager
    def _failing(self) -> Iterator[None]:
        """A database error as a ConfigError that names the state file."""
        try:
            yield
        except sqlite3.Error as exc:
            hint = " (is another sweep using it?)" if "locked" in str(exc) else ""
            raise ConfigError(f"{self.path}: sweep state: {exc}{hint}") from None

    def _remember_before(self, key: str, outcome: Outcome) -> None:
        for shown in _shown(outcome.results):
            if shown.findings:
                counts = self._before.setdefault(shown.path, Counter())
                counts.update((f.rule_id, f.text) for f in shown.findings)
                self._paths_of.setdefault(key, []).append(shown.path)

    def _maybe_commit(self) -> None:
        if time.monotonic() - self._committed > _COMMIT_EVERY_S:
            self._db.commit()
            self._committed = time.monotonic()


HISTORY_COLUMNS = (  # what SweepSummary.history holds of each sweep
    "id",
    "started",
    "pages",
    "rescanned",
    "findings",
    "serious",
    "improper",
    "notice",
    "new",
    "fixed",
    "not_scanned",
)


def _shown(results: Sequence[FileResult]) -> Sequence[FileResult]:
    # compared as shown (personal numbers masked): as a baseline compares them
    return masked_results(results, False)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


__all__ = ["FixedFinding", "SweepState", "SweepSummary", "fingerprint"]
