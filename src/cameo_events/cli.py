"""The ``cameo-events`` command line: a thin layer over the library.

Exit status: 0 success (or a clean check), 1 violations found, 2 usage or I/O
error. Errors are one line on stderr: ``cameo-events: error: <what and fix>``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from typer.exceptions import TyperException

from cameo_events.schema import SCHEMA_VERSION, UnknownCodeError, load_codebook
from cameo_events.schema.codebook import EventCode
from cameo_events.schema.export import document_json_schema, event_json_schema, export_schema

if TYPE_CHECKING:
    from cameo_events.coder.core import Coder

app = typer.Typer(
    name="cameo-events",
    help="Build, load and check CAMEO-coded political event releases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
schema_app = typer.Typer(help="Show or export the versioned record schema.", no_args_is_help=True)
app.add_typer(schema_app, name="schema")


class UsageProblem(Exception):
    """A user error: bad argument, missing file. Printed as one line, exit status 2."""


class TableFormat(str, Enum):
    csv = "csv"
    json = "json"
    table = "table"


CODEBOOK_COLUMNS = [
    "code",
    "label",
    "goldstein",
    "quad_class",
    "root_code",
    "base_code",
    "parent",
    "origin",
    "description",
]


def _code_row(entry: EventCode) -> dict[str, object]:
    return {name: getattr(entry, name) for name in CODEBOOK_COLUMNS}


@app.command()
def codebook(
    code: Annotated[str | None, typer.Argument(help="Show one code, e.g. 036.")] = None,
    format: Annotated[
        TableFormat, typer.Option("--format", "-f", help="Output format.")
    ] = TableFormat.table,
) -> None:
    """Print the CAMEO event codebook, or one code."""
    book = load_codebook()
    try:
        entries = [book[code]] if code is not None else list(book.values())
    except UnknownCodeError as exc:
        raise UsageProblem(f"{exc}; list the codes with 'cameo-events codebook'") from None
    rows = [_code_row(e) for e in entries]
    if format is TableFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=CODEBOOK_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif format is TableFormat.json:
        typer.echo(json.dumps(rows[0] if code else rows, indent=2, ensure_ascii=False))
    else:
        _print_codebook_table(entries)


def _print_codebook_table(entries: list[EventCode]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "label", "goldstein", "quad", "root", box=None, pad_edge=False)
    for e in entries:
        table.add_row(e.code, e.label, f"{e.goldstein:+.1f}", str(e.quad_class), e.root_code)
    console = Console(width=200 if not sys.stdout.isatty() else None)
    console.print(table)
    if len(entries) == 1:
        console.print(f"\n{entries[0].description}", soft_wrap=True)


@schema_app.command("export")
def schema_export(
    directory: Annotated[Path, typer.Argument(help="Folder that receives <version>/.")] = Path(
        "schema"
    ),
) -> None:
    """Write the JSON Schema and codebook tables of this schema version."""
    for path in export_schema(directory):
        typer.echo(str(path))


class RecordKind(str, Enum):
    event = "event"
    document = "document"


@schema_app.command("show")
def schema_show(
    record: Annotated[
        RecordKind, typer.Option("--record", help="Which record's schema.")
    ] = RecordKind.event,
) -> None:
    """Print the JSON Schema of a record type."""
    schema = event_json_schema() if record is RecordKind.event else document_json_schema()
    typer.echo(json.dumps(schema, indent=2, ensure_ascii=False))


@app.command()
def build(
    recipe: Annotated[Path, typer.Argument(help="Recipe TOML, e.g. builders/seed.toml.")],
    out: Annotated[
        Path, typer.Option("--out", help="Dataset folder that receives releases/<id>.")
    ] = Path("dataset"),
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Check the release before publishing it.")
    ] = True,
) -> int:
    """Build the release a recipe describes, check it, and add it to the catalog."""
    from rich.console import Console

    from cameo_events.release import (
        RecipeError,
        ReleaseCheckError,
        ReleaseExistsError,
        build_release,
    )

    console = Console(stderr=True)
    validate = _release_validator() if check else None
    try:
        with console.status("building") as status:

            def progress(message: str) -> None:
                status.update(message)
                console.log(message)

            result = build_release(recipe, dataset=out, validate=validate, progress=progress)
    except (RecipeError, ReleaseExistsError) as exc:
        raise UsageProblem(str(exc)) from None
    except ReleaseCheckError as exc:
        for problem in exc.problems[:20]:
            console.print(problem, markup=False)
        typer.echo(
            f"cameo-events: {exc.release_id} was not published: {len(exc.problems)} error(s);"
            " fix them, or build with --no-check to inspect the release",
            err=True,
        )
        return 1
    read = result.read
    for reject in read.rejects:
        console.print(f"rejected {reject.path} [{reject.key}]: {reject.reason}", markup=False)
    state = "built" if result.release.created else "already published (identical content)"
    typer.echo(
        f"{result.release.release_id}: {state} at {result.release.path} — "
        f"{len(read.documents)} documents, {result.events} events, "
        f"{len(read.rejects)} rejected, {len(read.duplicates)} duplicates collapsed"
    )
    if check:
        from cameo_events.check import run_check

        return run_check(result.release.path, fmt="table")
    return 0


def _release_validator() -> Callable[[Path], list[str]]:
    from cameo_events.check import check_path

    def validate(folder: Path) -> list[str]:
        report = check_path(folder)
        return [f"{v.check_id}: {v.message}" for v in report.violations if v.severity == "error"]

    return validate


class CheckFormat(str, Enum):
    table = "table"
    json = "json"


class Source(str, Enum):
    gdelt = "gdelt"
    icews = "icews"
    phoenix = "phoenix"


@app.command()
def check(
    path: Annotated[
        Path, typer.Argument(help="Release or dataset folder, Parquet file or folder, or JSONL.")
    ],
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Report format.")
    ] = CheckFormat.table,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also write violations as Parquet.")
    ] = None,
    source: Annotated[
        Source | None, typer.Option("--source", help="Check a GDELT / ICEWS / Phoenix file.")
    ] = None,
) -> int:
    """Check records or a release; exit 0 clean, 1 violations, 2 usage or I/O error."""
    from cameo_events.check import run_check

    return run_check(path, fmt=format.value, output=output, source=source.value if source else None)


class ConvertKind(str, Enum):
    gdelt = "gdelt"
    gdelt_mentions = "gdelt-mentions"
    icews = "icews"
    phoenix = "phoenix"


@app.command()
def convert(
    kind: Annotated[ConvertKind, typer.Argument(help="Which dataset the files come from.")],
    files: Annotated[list[Path], typer.Argument(help="Input files (.zip read directly).")],
    out: Annotated[Path, typer.Option("--out", help="Dataset folder that receives the release.")],
) -> int:
    """Convert GDELT, ICEWS or Phoenix files into a release in our schema."""
    from cameo_events.convert import run_convert

    return run_convert(kind.value, files, out)


class CodeFormat(str, Enum):
    triples = "triples"
    events = "events"


ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        metavar="FILE",
        help="A PETRARCH / Phoenix actor dictionary to merge with ours (repeatable).",
    ),
]
AgentsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--agents",
        metavar="FILE",
        help="A PETRARCH / Phoenix agent dictionary to merge with ours (repeatable).",
    ),
]


def _user_coder(actors: list[Path] | None, agents: list[Path] | None) -> Coder | None:
    """A coder with the user's dictionaries merged in; None when there are none."""
    if not actors and not agents:
        return None
    from cameo_events.coder.core import Coder
    from cameo_events.coder.petrarch import PetrarchFormatError, skip_counts

    for path in [*(actors or []), *(agents or [])]:
        if not path.is_file():
            raise UsageProblem(f"{path}: no such dictionary file")
    try:
        coder = Coder(user_actors=actors or [], user_agents=agents or [])
    except (OSError, PetrarchFormatError) as exc:
        raise UsageProblem(str(exc)) from exc
    if coder.dictionary_skips:
        counts = ", ".join(
            f"{n} {r}" for r, n in sorted(skip_counts(coder.dictionary_skips).items())
        )
        typer.echo(f"cameo-events: dictionary lines skipped: {counts}", err=True)
    return coder


@app.command()
def code(
    file: Annotated[
        str, typer.Argument(help='JSON lines {"id", "text", "published"}; - reads stdin.')
    ],
    format: Annotated[
        CodeFormat, typer.Option("--format", "-f", help="One line per event.")
    ] = CodeFormat.triples,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Parser processes.")] = 1,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
) -> int:
    """Code news text into CAMEO events, one JSON line per event."""
    from cameo_events.coding import code_lines

    coder = _user_coder(actors, agents)

    problems: list[str] = []

    def report(message: str) -> None:
        problems.append(message)
        typer.echo(f"cameo-events: skipped {message}", err=True)

    with contextlib.ExitStack() as stack:
        handle = (
            sys.stdin if file == "-" else stack.enter_context(Path(file).open(encoding="utf-8"))
        )
        lines = code_lines(
            handle, fmt=format.value, n_process=n_process, problems=report, coder=coder
        )
        for line in lines:
            typer.echo(line)
    return 1 if problems else 0


@app.command()
def evaluate(
    gold_root: Annotated[
        Path, typer.Option("--gold", help="Gold folder holding sets.toml and the gold sets.")
    ] = Path("seeds/gold"),
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared",
            help="Shared data folder with corpora/ (default: $CAMEO_EVENTS_SHARED or ../shared).",
        ),
    ] = None,
    seed: Annotated[
        Path, typer.Option("--seed", help="Seed recipe whose gold is also scored.")
    ] = Path("builders/seed-gold.toml"),
    format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text (table) or json.")
    ] = CheckFormat.table,
    detail: Annotated[
        bool,
        typer.Option(
            "--detail/--summary", help="Per-root scores, root confusions and worst patterns."
        ),
    ] = True,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Parser processes.")] = 1,
    actors: ActorsOption = None,
    agents: AgentsOption = None,
) -> int:
    """Score the coder against the gold sets: precision, recall and F1 at two levels.

    L1 matches (source country, target country, CAMEO root) per item: who did
    roughly what to whom. L2 matches the full actor codes and the full event code.
    Sets marked "held out" were never used to tune the coder; the annotator
    agreement line is the same measure between two independent human annotators.
    """
    from cameo_events.evaluate import evaluate_seed, evaluate_sets

    shared_dir = shared or _shared_dir()
    results = {"seed (tuned on)": evaluate_seed(seed)}
    try:
        coder = _user_coder(actors, agents)
        results.update(evaluate_sets(gold_root, shared_dir, coder, n_process=n_process))
    except ValueError as exc:
        raise UsageProblem(str(exc)) from exc
    if format is CheckFormat.json:
        typer.echo(json.dumps({k: v.to_dict() for k, v in results.items()}, indent=2))
    else:
        typer.echo(
            "L1 = (source country, target country, CAMEO root) per item; "
            "L2 = full actor codes and full event code.\n"
        )
        for name, scores in results.items():
            typer.echo(
                f"== {name} ==\n{scores.to_text(detail=detail and 'agreement' not in name)}\n"
            )
    return 0


@app.command()
def train(
    gold_root: Annotated[
        Path, typer.Option("--gold", help="Gold folder holding sets.toml and the gold sets.")
    ] = Path("seeds/gold"),
    shared: Annotated[
        Path | None,
        typer.Option(
            "--shared",
            help="Shared data folder with corpora/ (default: $CAMEO_EVENTS_SHARED or ../shared).",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Model file to write (default: the package's own)."),
    ] = None,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Parser processes.")] = 1,
) -> int:
    """Train the learned event filter on the tuning gold (never on a test set).

    Codes every item of the sets whose role is "tune" with the rules, labels each
    candidate against the gold, and fits a seeded logistic regression; the same
    gold and code give the same weights file, byte for byte.
    """
    try:
        from cameo_events.train import train as fit_model
    except ImportError as exc:  # scikit-learn is an optional dependency
        raise UsageProblem(
            f"training needs scikit-learn ({exc}); install it with: pip install 'cameo-events[train]'"
        ) from exc
    from cameo_events.coder.learned import default_model_path

    target = out or default_model_path()
    try:
        model = fit_model(gold_root, shared or _shared_dir(), target, n_process=n_process)
    except ImportError as exc:
        raise UsageProblem(
            f"training needs scikit-learn ({exc}); install it with: pip install 'cameo-events[train]'"
        ) from exc
    except ValueError as exc:
        raise UsageProblem(str(exc)) from exc
    meta = model.meta
    typer.echo(
        f"wrote {target}: {meta['candidates']} candidates from {', '.join(meta['trained_on'])}, "
        f"C={meta['C']}, threshold={model.threshold:.2f}; cross-validated L1 F1 "
        f"{meta['cv_l1_f1_rules_alone']:.3f} rules alone -> {meta['cv_l1_f1_with_filter']:.3f} "
        "with the model"
    )
    return 0


def _shared_dir() -> Path:
    import os

    shared = Path(os.environ.get("CAMEO_EVENTS_SHARED", "../shared"))
    if not (shared / "corpora").is_dir():
        raise UsageProblem(
            f"{shared}/corpora not found; pass --shared or set CAMEO_EVENTS_SHARED to the "
            "shared data folder"
        )
    return shared


@app.command()
def version() -> None:
    """Print the package and schema versions."""
    from cameo_events import __version__

    typer.echo(f"cameo-events {__version__} (schema {SCHEMA_VERSION})")


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit status instead of raising SystemExit."""
    try:
        result = app(args=argv, prog_name="cameo-events", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        typer.echo("cameo-events: aborted", err=True)
        return 130
    except TyperException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":
            typer.echo(exc.format_message())
            return 2
        # Usage errors: one line, not click's usage block, so scripts can parse it.
        typer.echo(f"cameo-events: error: {exc.format_message()}", err=True)
        return 2
    except (UsageProblem, OSError) as exc:
        typer.echo(f"cameo-events: error: {exc}", err=True)
        return 2
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
