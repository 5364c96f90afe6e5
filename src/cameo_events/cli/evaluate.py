"""``cameo-events evaluate``: score the coder against the gold sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from cameo_events.cli.app import app
from cameo_events.cli.check import CheckFormat
from cameo_events.cli.code import ActorsOption, AgentsOption, user_coder
from cameo_events.errors import UsageError

__all__ = ["evaluate"]


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
        coder = user_coder(actors, agents)
        results.update(evaluate_sets(gold_root, shared_dir, coder, n_process=n_process))
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
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


def shared_dir_of(shared: Path | None) -> Path:
    """``shared`` or the default shared data folder; a usage error when it has no corpora."""
    return shared or _shared_dir()


def _shared_dir() -> Path:
    import os

    shared = Path(os.environ.get("CAMEO_EVENTS_SHARED", "../shared"))
    if not (shared / "corpora").is_dir():
        raise UsageError(
            f"{shared}/corpora not found; pass --shared or set CAMEO_EVENTS_SHARED to the "
            "shared data folder"
        )
    return shared
