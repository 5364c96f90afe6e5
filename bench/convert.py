"""Benchmark: GDELT 2.0 conversion and source check, against pandas.read_csv, with peak memory.

The input is the GDELT 2.0 sample from ../shared repeated until it holds
``--rows`` rows (each copy gets new GLOBALEVENTIDs and a marked SOURCEURL so
the copies are distinct events, not duplicates), written to a temporary
folder. Each phase runs in its own process so its peak RSS is its own:

- ``pandas.read_csv``: the file read as strings, nothing checked (the floor);
- ``check --source gdelt``: every row parsed, judged and validated, nothing kept;
- ``convert gdelt``: the same plus the release written, streamed in record
  batches (``ReleaseWriter``: spill files sorted out of core by DuckDB);
- ``convert gdelt, collected first``: every event collected in memory
  (``convert.collect``), then written by the same writer, for comparison:
  its peak grows with the row count, the streamed one's not.

Run:  python bench/convert.py [--rows 200000 800000] [--shared ../shared] [--no-list]
Not a test: timings depend on the machine; nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from multiprocessing.process import BaseProcess
from pathlib import Path
from queue import Empty

SAMPLE = "external/gdelt/gdelt2_events_en_sample100.export.CSV"


def make_file(sample: Path, rows: int, target: Path) -> int:
    """Write ``rows`` rows built from ``sample``; return the number written."""
    lines = [line.split("\t") for line in sample.read_text("utf-8").splitlines()]
    written = 0
    with target.open("w", encoding="utf-8") as out:
        copy = 0
        while written < rows:
            for fields in lines:
                if written == rows:
                    break
                row = list(fields)
                row[0] = str(int(row[0]) + copy * 10_000_000)
                row[-1] = f"{row[-1]}#copy{copy}"
                out.write("\t".join(row) + "\n")
                written += 1
            copy += 1
    return written


def _peak_mib() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # ru_maxrss is KiB on Linux, bytes on macOS.
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def _pandas(path: str, queue: multiprocessing.Queue[tuple[str, float, float]]) -> None:
    import pandas as pd

    start = time.perf_counter()
    frame = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False)
    elapsed = time.perf_counter() - start
    queue.put(("pandas.read_csv (dtype=str)", len(frame) / elapsed, _peak_mib()))


def _check(path: str, queue: multiprocessing.Queue[tuple[str, float, float]]) -> None:
    from cameo_events.convert import check_source

    start = time.perf_counter()
    report = check_source(path, "gdelt")
    elapsed = time.perf_counter() - start
    queue.put(("check --source gdelt (streaming)", report.records / elapsed, _peak_mib()))


def _convert(path: str, queue: multiprocessing.Queue[tuple[str, float, float]]) -> None:
    from cameo_events.findings import Report
    from cameo_events.release.imported import convert_files

    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        converted, _ = convert_files("gdelt", [Path(path)], Path(out), Report())
    elapsed = time.perf_counter() - start
    rows = sum(c.read for c in converted.counts.values())
    queue.put(("convert gdelt (streamed release)", rows / elapsed, _peak_mib()))


def _convert_lists(path: str, queue: multiprocessing.Queue[tuple[str, float, float]]) -> None:
    from cameo_events.convert import collect
    from cameo_events.findings import Report
    from cameo_events.release import write_release
    from cameo_events.release.imported import _spec

    start = time.perf_counter()
    converted = collect("gdelt", [Path(path)], Report())
    versions = {e.coder_version for e in converted.events}
    spec = _spec("gdelt", converted.files, converted.counts, versions, 0)
    with tempfile.TemporaryDirectory() as out:
        write_release(Path(out), spec, list(converted.documents.values()), converted.events)
    elapsed = time.perf_counter() - start
    rows = sum(c.read for c in converted.counts.values())
    queue.put(("convert gdelt, collected first", rows / elapsed, _peak_mib()))


def _result(
    queue: multiprocessing.Queue[tuple[str, float, float]], process: BaseProcess
) -> tuple[str, float, float] | None:
    """The phase's figures, or None if its process died without sending them."""
    while True:
        try:
            return queue.get(timeout=5)
        except Empty:
            if not process.is_alive():
                return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000])
    parser.add_argument(
        "--no-list", action="store_true", help="skip the collected-first comparison (memory hungry)"
    )
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("CAMEO_EVENTS_SHARED", "../shared"))
    )
    args = parser.parse_args()
    sample = args.shared / SAMPLE
    if not sample.is_file():
        sys.exit(f"bench/convert.py: {sample} not found; pass --shared PATH to the shared folder")
    context = multiprocessing.get_context("spawn")
    phases = [_pandas, _check, _convert] + ([] if args.no_list else [_convert_lists])
    for count in args.rows:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "gdelt2_large.export.CSV"
            rows = make_file(sample, count, path)
            size = path.stat().st_size / (1 << 20)
            print(f"{rows:,} GDELT 2.0 rows, {size:.1f} MiB ({path.name})")
            for phase in phases:
                queue: multiprocessing.Queue[tuple[str, float, float]] = context.Queue()
                process = context.Process(target=phase, args=(str(path), queue))
                process.start()
                result = _result(queue, process)
                process.join()
                if result is None:
                    print(f"  {phase.__name__}: failed (exit code {process.exitcode})")
                    continue
                name, rate, peak = result
                print(f"  {name:<38} {rate:>10,.0f} rows/s   peak RSS {peak:>7,.0f} MiB")


if __name__ == "__main__":
    main()
