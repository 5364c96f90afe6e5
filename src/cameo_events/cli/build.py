"""``cameo-events build``: build, check and publish the release a recipe describes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cameo_events.cli.app import app
from cameo_events.cli.check import release_validator
from cameo_events.findings import Report

__all__ = ["build"]


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
    """Build the release a recipe describes, check it, and add it to the catalog.

    The staged release is checked once, before it is published; a release
    already published with the same content is verified by a check instead.
    """
    from rich.console import Console

    from cameo_events.release import build_release

    console = Console(stderr=True)
    reports: list[Report] = []
    with console.status("building") as status:

        def progress(message: str) -> None:
            status.update(message)
            console.log(message)

        result = build_release(
            recipe,
            dataset=out,
            validate=release_validator(reports) if check else None,
            progress=progress,
        )
    read = result.read
    for reject in read.rejects:
        console.print(f"rejected {reject}", markup=False)
    state = "built" if result.release.created else "already published (identical content)"
    typer.echo(
        f"{result.release.release_id}: {state} at {result.release.path} — "
        f"{len(read.documents)} documents, {result.events} events, "
        f"{len(read.rejects)} rejected, {len(read.duplicates)} duplicates collapsed"
    )
    if not check:
        return 0
    if not reports:  # already published: nothing was staged, so check what is there
        from cameo_events.check import check_path

        reports.append(check_path(result.release.path))
    typer.echo(reports[-1].to_table(), nl=False)
    return 1 if reports[-1].errors else 0
