"""``cameo-events code``: news text in, one JSON line per coded event out."""

from __future__ import annotations

import contextlib
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cameo_events.cli.app import app
from cameo_events.errors import UsageError

if TYPE_CHECKING:
    from cameo_events.coder.core import Coder

__all__ = ["ActorsOption", "AgentsOption", "code", "user_coder"]

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


def user_coder(actors: list[Path] | None, agents: list[Path] | None) -> Coder | None:
    """A coder with the user's dictionaries merged in; None when there are none."""
    if not actors and not agents:
        return None
    from cameo_events.coder.core import Coder
    from cameo_events.coder.petrarch import PetrarchFormatError, skip_counts

    for path in [*(actors or []), *(agents or [])]:
        if not path.is_file():
            raise UsageError(f"{path}: no such dictionary file")
    try:
        coder = Coder(user_actors=actors or [], user_agents=agents or [])
    except (OSError, PetrarchFormatError) as exc:
        raise UsageError(str(exc)) from exc
    if coder.dictionary_skips:
        counts = ", ".join(
            f"{n} {r}" for r, n in sorted(skip_counts(coder.dictionary_skips).items())
        )
        typer.echo(f"cameo-events: dictionary lines skipped: {counts}", err=True)
    return coder


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
    actors: ActorsOption = None,
    agents: AgentsOption = None,
) -> int:
    """Code news text into CAMEO events, one JSON line per event."""
    from cameo_events.coding import code_lines

    coder = user_coder(actors, agents)

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
