"""Where a cold ``wording-guard scan`` of a short text spends its CPU time, phase by phase.

    python benchmarks/cold_phases.py [--base SRC] [--rounds N]

Each round starts a fresh interpreter per side (this checkout's ``src``, and ``--base``, the
``src`` of another checkout such as a worktree of an earlier revision), the compiled-lexicon
cache warm (each side its own cache directory), and measures inside it, as the command line
runs (inside ``regex_cache``):

* ``pydantic``: importing pydantic itself;
* ``models``: creating the pydantic model classes while the engine is imported (the kinds'
  rule-file schemas, the config, Finding), counted by wrapping pydantic's metaclass;
* ``imports``: the rest of importing the command line and the batch runner;
* ``tables``: unpickling the compiled tables (``cache.load_mapped``, first call);
* ``automaton``: reading and checking the automaton file (on its own thread, overlapped);
* ``finders``: the kinds' finders built over the tables;
* ``scanner``: the rest of building the default scanner;
* ``scan 1`` / ``scan 2``: the first scan of a 1 KB text (the lazy loads it triggers) and
  a second one;
* ``rest``: what the phases above leave out of the process's CPU time from the first import
  on (the command line's own work is not run: this is the library path it takes).

CPU time (``time.process_time``, all threads; the automaton's own thread by
``time.thread_time``) rather than wall time: the machine these figures come from is shared,
and only CPU time and ratios of alternating rounds mean anything there. Medians of the
rounds are printed side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "\n".join(
    ["关于做好2024年春季防汛工作的通知", "各乡镇人民政府，县直各单位："]
    + ["为认真部署今年防汛工作，切实保障人民群众生命财产安全，现将有关事项通知如下。"] * 9
)[:1000]
PHASES = ("pydantic", "models", "imports", "tables", "automaton", "finders", "scanner")
PHASES += ("scan 1", "scan 2", "rest", "total")

# run in the measured process (its engine from PYTHONPATH); prints one JSON object
CHILD = """
import json, sys, time
from collections import Counter
cpu = time.process_time
spent = Counter()
start = cpu()

def timed(owner, name, label, clock=cpu, once=False):
    original = getattr(owner, name)
    def wrapper(*args, **kwargs):
        t = clock()
        try:
            return original(*args, **kwargs)
        finally:
            if not (once and label in spent):
                spent[label] += clock() - t
    setattr(owner, name, wrapper)

t = cpu()
import pydantic
from pydantic._internal._model_construction import ModelMetaclass
spent["pydantic"] = cpu() - t
timed(ModelMetaclass, "__new__", "models")
from wording_guard.startup import regex_cache
with regex_cache():
    t = cpu()
    import wording_guard.batch, wording_guard.cli
    spent["imports"] = cpu() - t - spent["models"]
    import wording_guard.cache as cache, wording_guard.scanner as scanner
    from wording_guard.kinds import KINDS
    timed(cache, "load_mapped", "tables", clock=time.thread_time, once=True)
    timed(cache, "_read_ahead", "automaton", clock=time.thread_time)
    for kind in KINDS.values():
        timed(kind, "finder", "finders")
    t = cpu()
    built = scanner.default_scanner()
    spent["scanner"] = cpu() - t - spent["tables"] - spent["finders"] - spent["automaton"]
    text = sys.argv[1]
    for label in ("scan 1", "scan 2"):
        t = cpu()
        built.scan(text)
        spent[label] = cpu() - t
spent["total"] = cpu() - start
spent["rest"] = spent["total"] - sum(v for k, v in spent.items() if k not in ("total", "rest"))
print(json.dumps(spent))
"""


def measure(src: Path, cache: Path) -> dict[str, float]:
    # bytecode cached, as an installed package runs (see run.py's cold start)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(src), WORDING_GUARD_CACHE_DIR=str(cache))
    out = subprocess.run(
        [sys.executable, "-c", CHILD, SAMPLE], env=env, check=True, capture_output=True, text=True
    )
    figures: dict[str, float] = json.loads(out.stdout.splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--base", type=Path, help="the src directory of another checkout")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    sides = {"this": ROOT / "src"}
    if args.base is not None:
        sides["base"] = args.base.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        caches = {name: Path(tmp) / name for name in sides}
        for name, src in sides.items():
            measure(src, caches[name])  # builds the cache and the bytecode
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in sides}
        for _ in range(args.rounds):
            for name, src in sides.items():
                runs[name].append(measure(src, caches[name]))
    medians = {
        name: {p: statistics.median(r.get(p, 0.0) for r in rows) for p in PHASES}
        for name, rows in runs.items()
    }
    print(f"CPU seconds, medians of {args.rounds} rounds")
    print("| phase | " + " | ".join(sides) + (" | this/base |" if "base" in sides else " |"))
    print("|---" * (len(sides) + 1 + ("base" in sides)) + "|")
    for phase in PHASES:
        cells = [f"{medians[name][phase]:.3f}" for name in sides]
        if "base" in sides:
            base = medians["base"][phase]
            cells.append(f"{medians['this'][phase] / base:.2f}×" if base else "–")
        print(f"| {phase} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
