"""``cameo-events code``: news text in, one JSON line per coded event out."""

from __future__ import annotations

import contextlib
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from cameo_events.cli.app import app

__all__ = ["code"]


class CodeFormat(str, Enum):
    triples = "triples"
    events = "events"


@app.command()
def code(
    file: Annotated[
        str, typer.Argument(help='JSON lines {"id", "text", "published"}; - reads stdin.')
    ],
    format: Annotated[
        CodeFormat, typer.Option("--format", "-f", help="One line per event.")
    ] = CodeFormat.triples,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Parser processes.")] = 1,
) -> int:
    """Code news text into CAMEO events, one JSON line per event."""
    from cameo_events.coding import code_lines

    problems: list[str] = []

    def report(message: str) -> None:
        problems.append(message)
        typer.echo(f"cameo-events: skipped {message}", err=True)

    with contextlib.ExitStack() as stack:
        handle = (
            sys.stdin if file == "-" else stack.enter_context(Path(file).open(encoding="utf-8"))
        )
        for line in code_lines(handle, fmt=format.value, n_process=n_process, problems=report):
            typer.echo(line)
    return 1 if problems else 0
