"""Cost of HTML extraction and of mapping spans of its text back to the HTML source.

    python benchmarks/html_map.py [--paragraphs 20000] [--repeat 5]

The page is ``<p>扫黑险恶</p>`` repeated ``--paragraphs`` times. Each iteration times
``htmltext.extract`` on it, then maps the span of every occurrence of 扫黑险恶 in the
extracted text back to the source with ``to_source`` (one lookup per paragraph), and checks
once that every span is the paragraph's text. No scanning: extraction and mapping only.
Target: all paragraphs extracted and mapped in under a second. Medians over ``--repeat``
iterations, with a ``gc.collect()`` before each (outside the timing).
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import time

from wording_guard import htmltext

WORD = "扫黑险恶"
TARGET_SECONDS = 1.0


def occurrences(text: str, word: str) -> list[int]:
    starts = []
    pos = text.find(word)
    while pos != -1:
        starts.append(pos)
        pos = text.find(word, pos + len(word))
    return starts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=20_000, help="paragraphs in the page")
    parser.add_argument("--repeat", type=int, default=5, help="timed iterations")
    args = parser.parse_args(argv)

    html = f"<p>{WORD}</p>" * args.paragraphs
    extract_times: list[float] = []
    map_times: list[float] = []
    for iteration in range(args.repeat):
        gc.collect()
        began = time.perf_counter()
        extracted = htmltext.extract(html)
        extracted_at = time.perf_counter()
        spans = [
            extracted.to_source(start, start + len(WORD))
            for start in occurrences(extracted.text, WORD)
        ]
        mapped_at = time.perf_counter()
        extract_times.append(extracted_at - began)
        map_times.append(mapped_at - extracted_at)
        if iteration == 0 and (
            len(spans) != args.paragraphs or any(html[a:b] != WORD for a, b in spans)
        ):
            raise SystemExit("mapping is wrong: a span does not point at its paragraph")

    extract_median = statistics.median(extract_times)
    map_median = statistics.median(map_times)
    total_median = statistics.median(e + m for e, m in zip(extract_times, map_times, strict=True))
    print(
        f"HTML extraction and mapping: {args.paragraphs:,} × <p>{WORD}</p> "
        f"({len(html):,} chars of HTML), median of {args.repeat}, "
        f"Python {platform.python_version()}"
    )
    verdict = "meets" if total_median < TARGET_SECONDS else "MISSES"
    rows = [
        ("extract", extract_median),
        (f"map {len(spans):,} spans", map_median),
        ("extract + map", total_median),
    ]
    for label, seconds in rows:
        print(f"  {label:<22}{seconds * 1000:9.1f} ms")
    print(f"  {verdict} the target: extract + map under {TARGET_SECONDS:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
