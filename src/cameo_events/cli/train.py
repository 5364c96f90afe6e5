"""``cameo-events train``: fit the learned event filter on the tuning gold."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cameo_events.cli.app import app
from cameo_events.cli.evaluate import shared_dir_of
from cameo_events.errors import UsageError

__all__ = ["train"]

_NEEDS_SKLEARN = (
    "training needs scikit-learn ({}); install it with: pip install 'cameo-events[train]'"
)


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
    from cameo_events.coder.learned import default_model_path
    from cameo_events.train import train as fit_model

    target = out or default_model_path()
    try:
        model = fit_model(gold_root, shared_dir_of(shared), target, n_process=n_process)
    except ImportError as exc:  # scikit-learn is an optional dependency
        raise UsageError(_NEEDS_SKLEARN.format(exc)) from exc
    except ValueError as exc:
        raise UsageError(str(exc)) from exc
    meta = model.meta
    typer.echo(
        f"wrote {target}: {meta['candidates']} candidates from {', '.join(meta['trained_on'])}, "
        f"C={meta['C']}, threshold={model.threshold:.2f}; cross-validated L1 F1 "
        f"{meta['cv_l1_f1_rules_alone']:.3f} rules alone -> {meta['cv_l1_f1_with_filter']:.3f} "
        "with the model"
    )
    return 0
