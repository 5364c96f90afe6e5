"""Benchmark the consistency checker against per-row JSON Schema validation.

Generates a release of N events (default 2 million; Parquet written by
pyarrow with the real schema, codes, Goldstein values and actors drawn from
the codebook, spans pointing into real document text, a few percent faulty),
checks it with ``cameo_events.check.check_path`` and, in the same run,
validates a sample of rows one by one with ``jsonschema``'s
Draft202012Validator over the exported event JSON Schema.

The release is generated in a child process so that this process's peak RSS
(``resource.getrusage``) is the checker's own.

Usage::

    python bench/check.py [--rows 2000000] [--sample 20000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cameo_events.check import check_path
from cameo_events.schema import (
    document_schema,
    event_json_schema,
    event_schema,
    make_doc_id,
    make_event_id,
    packaged_codebook,
)
from cameo_events.schema.actors import actor_country

SENTENCES_PER_DOC = 20
ACTORS = [
    ("Russia", "RUS"),
    ("Moscow", "RUSGOV"),
    ("Sergei Lavrov", "RUSGOV"),
    ("Washington", "USAGOV"),
    ("Marco Rubio", "USAGOV"),
    ("the Pentagon", "USAMIL"),
    ("Beijing", "CHNGOV"),
    ("Chinese troops", "CHNMIL"),
    ("Ukraine", "UKR"),
    ("Kyiv", "UKRGOV"),
    ("the United Nations", "IGOUNO"),
    ("Berlin", "DEUGOV"),
    ("Paris", "FRAGOV"),
    ("Iran", "IRN"),
    ("Israeli forces", "ISRMIL"),
    ("Indian soldiers", "INDMIL"),
    ("the Élysée", "FRAGOV"),
    ("Turkey", "TUR"),
    ("Brazil", "BRA"),
    ("Nigerian police", "NGACOP"),
]
VERBS = ["met", "criticised", "praised", "attacked", "accused", "appealed to", "warned"]


def _rss_mib(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def generate(folder: Path, rows: int, faulty: float, seed: int = 7) -> None:
    """Write a release of ``rows`` events with about ``faulty`` of them broken."""
    rng = random.Random(seed)
    book = packaged_codebook()
    codes = sorted(book)
    n_docs = (rows + SENTENCES_PER_DOC - 1) // SENTENCES_PER_DOC
    doc_rows = []
    cols: dict[str, list[object]] = {name: [] for name in event_schema().names}
    made = 0
    for d in range(n_docs):
        published = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(9000))
        parts: list[str] = []
        offset = 0
        pending = []
        for s in range(min(SENTENCES_PER_DOC, rows - made)):
            (src, src_code), (tgt, tgt_code) = rng.sample(ACTORS, 2)
            verb = rng.choice(VERBS)
            sentence = f"{src} {verb} {tgt} on Monday, officials said. "
            src_at = offset
            verb_at = src_at + len(src) + 1
            tgt_at = verb_at + len(verb) + 1
            pending.append((s, src, src_code, src_at, verb, verb_at, tgt, tgt_code, tgt_at))
            parts.append(sentence)
            offset += len(sentence)
        text = "".join(parts).strip()
        doc_id = make_doc_id(text)
        doc_rows.append(
            {
                "doc_id": doc_id,
                "title": f"Report {d}",
                "publisher": "Bench Wire",
                "url": None,
                "published": published,
                "language": "en",
                "licence": "CC0-1.0",
                "text": text,
                "source_corpus": "bench",
                "source_key": f"doc-{d}",
            }
        )
        for s, src, src_code, src_at, verb, verb_at, tgt, tgt_code, tgt_at in pending:
            code = rng.choice(codes)
            entry = book[code]
            trigger = (verb_at, verb_at + len(verb))
            row = {
                "event_id": make_event_id(
                    doc_id, s, (src_code, src_at), (tgt_code, tgt_at), code, trigger
                ),
                "doc_id": doc_id,
                "sentence_index": s,
                "event_date": published - datetime.timedelta(days=rng.randrange(3)),
                "date_granularity": "day",
                "date_phrase": "on Monday",
                "source_actor": src_code,
                "source_country": actor_country(src_code),
                "source_text": src,
                "source_start": src_at,
                "source_end": src_at + len(src),
                "target_actor": tgt_code,
                "target_country": actor_country(tgt_code),
                "target_text": tgt,
                "target_start": tgt_at,
                "target_end": tgt_at + len(tgt),
                "cameo_code": code,
                "base_code": code[:3],
                "root_code": code[:2],
                "quad_class": entry.quad_class,
                "goldstein": entry.goldstein,
                "trigger_text": verb,
                "trigger_start": trigger[0],
                "trigger_end": trigger[1],
                "place": None,
                "place_country": None,
                "latitude": None,
                "longitude": None,
                "negated": False,
                "hypothetical": False,
                "reported": False,
                "confidence": 0.9,
                "pattern_id": "bench",
                "coding_method": "coder",
                "coder_version": "0.1.0",
                "dictionary_version": "bench",
            }
            if rng.random() < faulty:
                _break(row, rng, cols)
            for name, value in row.items():
                cols[name].append(value)
            made += 1
    events = pa.table(cols, schema=event_schema())
    _write_release(folder, events, pa.Table.from_pylist(doc_rows, schema=document_schema()))


def _break(row: dict[str, object], rng: random.Random, cols: dict[str, list[object]]) -> None:
    fault = rng.randrange(8)
    if fault == 0:
        row.update(cameo_code="099", base_code="099", root_code="09")  # code.unknown
    elif fault == 1:
        row["quad_class"] = 5 - int(str(row["quad_class"]))  # quad_class.mismatch
    elif fault == 2:
        row["goldstein"] = float(str(row["goldstein"])) + 0.5  # goldstein.mismatch
    elif fault == 3:
        row["target_actor"] = str(row["target_actor"])[:3] + "XQZ"  # actor.bad_atom
    elif fault == 4:
        row["source_end"] = int(str(row["source_end"])) + 1  # span.length
    elif fault == 5 and cols["event_id"]:
        row["event_id"] = cols["event_id"][-1]  # event_id.duplicate
    elif fault == 6:
        row["source_country"] = "ZZZ"  # actor.country_mismatch
    else:
        row["trigger_text"] = "x" * len(str(row["trigger_text"]))  # span.text_mismatch


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_release(folder: Path, events: pa.Table, documents: pa.Table) -> None:
    options = {"compression": "zstd", "write_statistics": True, "row_group_size": 128_000}
    rows: dict[str, int] = {}
    years = pc.year(events.column("event_date"))
    for year in sorted(set(years.unique().to_pylist())):
        part = events.filter(pc.equal(years, year)).sort_by(
            [("event_date", "ascending"), ("doc_id", "ascending"), ("sentence_index", "ascending")]
        )
        relative = f"events/year={year}/part-0.parquet"
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(part, folder / relative, **options)
        rows[relative] = part.num_rows
    pq.write_table(documents, folder / "documents.parquet", **options)
    rows["documents.parquet"] = documents.num_rows
    files = [
        {"path": p, "sha256": _sha256(folder / p), "bytes": (folder / p).stat().st_size, "rows": n}
        for p, n in sorted(rows.items())
    ]
    manifest = {
        "manifest_version": 1,
        "release_id": folder.name,
        "line": "bench",
        "schema_version": "1.0.0",
        "counts": {"events": events.num_rows, "documents": documents.num_rows},
        "files": files,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def jsonschema_rate(release: Path, sample: int) -> tuple[float, int, int]:
    """Rows/s of per-row Draft 2020-12 validation of ``sample`` rows; invalid and sampled rows."""
    from jsonschema import Draft202012Validator

    tables, have = [], 0
    for path in sorted((release / "events").rglob("*.parquet")):
        for batch in pq.ParquetFile(path).iter_batches(batch_size=sample - have):
            tables.append(batch)
            have += batch.num_rows
            break
        if have >= sample:
            break
    rows = json.loads(json.dumps(pa.Table.from_batches(tables).to_pylist(), default=str))
    validator = Draft202012Validator(
        event_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    start = time.perf_counter()
    invalid = sum(1 for row in rows if next(validator.iter_errors(row), None) is not None)
    return len(rows) / (time.perf_counter() - start), invalid, len(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000, help="events to generate")
    parser.add_argument("--sample", type=int, default=20_000, help="rows for jsonschema")
    parser.add_argument("--faulty", type=float, default=0.03, help="share of broken rows")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the release here")
    parser.add_argument("--generate", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate is not None:  # the child process
        generate(args.generate, args.rows, args.faulty)
        return 0
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="cameo-check-bench-"))
    release = workdir / f"bench-{args.rows}"
    if not (release / "manifest.json").is_file():
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                __file__,
                "--rows",
                str(args.rows),
                "--faulty",
                str(args.faulty),
                "--generate",
                str(release),
            ],
            check=True,
        )
        print(
            f"generated {args.rows:,} events in {time.perf_counter() - start:.1f} s"
            f" (generator peak RSS {_rss_mib(resource.RUSAGE_CHILDREN):.0f} MiB)"
        )
    base_rss = _rss_mib()
    start = time.perf_counter()
    report = check_path(release)
    seconds = time.perf_counter() - start
    check_rss = _rss_mib()
    events = args.rows
    rate = events / seconds
    print(f"checker: {events:,} events (+ documents) in {seconds:.1f} s = {rate:,.0f} events/s")
    print(f"checker peak RSS: {check_rss:.0f} MiB (before the check: {base_rss:.0f} MiB)")
    summary = report.summary()
    print(f"violations: {summary['errors']:,} errors, by check {summary['by_check']}")
    js_rate, invalid, sampled = jsonschema_rate(release, args.sample)
    print(
        f"jsonschema Draft202012Validator, one row at a time: {js_rate:,.0f} rows/s"
        f" ({invalid} of {sampled:,} sampled rows invalid)"
    )
    print(
        f"ratio: the checker is {rate / js_rate:,.1f}x faster per row (and checks more:"
        " codebook, cross-field, duplicates, spans against text, manifest)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
