"""The typer application every command module registers on."""

from __future__ import annotations

import typer

__all__ = ["app", "schema_app"]

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
