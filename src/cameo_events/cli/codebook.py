"""``cameo-events codebook`` and ``cameo-events schema``: the package's own codebook and schema."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cameo_events.cli.app import app, schema_app
from cameo_events.errors import UnknownCodeError, UsageError
from cameo_events.schema import packaged_codebook
from cameo_events.schema.codebook import EventCode
from cameo_events.schema.export import document_json_schema, event_json_schema, export_schema

__all__ = ["CODEBOOK_COLUMNS", "codebook", "schema_export", "schema_show"]


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
    book = packaged_codebook()
    try:
        entries = [book[code]] if code is not None else list(book.values())
    except UnknownCodeError as exc:
        raise UsageError(f"{exc}; list the codes with 'cameo-events codebook'") from None
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
