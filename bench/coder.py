"""Benchmark the coder end to end on the Current Events corpus (read in place).

Prints sentences per second for one process and for ``n_process=2`` (parse included), and
the share of single-process time spent in spaCy versus in our own code.

Usage::

    CAMEO_EVENTS_SHARED=../shared python bench/coder.py [--limit 3000] [--batch-size 64]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

from cameo_events.coder import code_texts
from cameo_events.coder.core import default_coder

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared data folder: $CAMEO_EVENTS_SHARED, else ../shared next to the repo."""
    configured = os.environ.get("CAMEO_EVENTS_SHARED")
    path = Path(configured) if configured else REPO.parent / "shared"
    if not path.is_absolute():
        path = (REPO / path).resolve()
    if not path.is_dir():
        sys.exit(f"shared folder not found: {path} (set CAMEO_EVENTS_SHARED)")
    return path


def read_items(limit: int) -> list[tuple[str, str, datetime.date]]:
    """The first ``limit`` corpus items as (id, text, published)."""
    corpus = shared_dir() / "corpora" / "wcep-2025-2026" / "events.jsonl"
    items = []
    with corpus.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if lineno > limit:
                break
            rec = json.loads(line)
            items.append((str(lineno), rec["text"], datetime.date.fromisoformat(rec["date"])))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=3000, help="corpus items to code")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    items = read_items(args.limit)
    coder = default_coder()  # loading (hash check, dictionaries, gazetteer) is not timed
    texts = [coder.prepare(text) for _, text, _ in items]
    list(coder.nlp.pipe(texts[:200], batch_size=args.batch_size))  # warm up allocations

    # Single process, split into spaCy time and our time.
    start = time.perf_counter()
    docs = list(coder.nlp.pipe(texts, batch_size=args.batch_size))
    spacy_s = time.perf_counter() - start
    sentences = sum(1 for doc in docs for _ in doc.sents)
    start = time.perf_counter()
    events = sum(
        len(coder.code_doc(doc, day)) for doc, (_, _, day) in zip(docs, items, strict=True)
    )
    ours_s = time.perf_counter() - start
    total = spacy_s + ours_s
    print(f"items {len(items)}, sentences {sentences}, events {events}")
    print(
        f"1 process : {sentences / total:7.1f} sentences/s "
        f"(spaCy {spacy_s:.1f} s = {spacy_s / total:.0%}, our code {ours_s:.1f} s = "
        f"{ours_s / total:.0%})"
    )

    for n_process in (1, 2):
        start = time.perf_counter()
        for _ in code_texts(items, n_process=n_process, batch_size=args.batch_size):
            pass
        wall = time.perf_counter() - start
        print(f"code_texts n_process={n_process}: {sentences / wall:7.1f} sentences/s end to end")


if __name__ == "__main__":
    main()
