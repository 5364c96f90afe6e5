"""The entry points: :func:`main` runs one command line and maps what it raises to an exit status."""

from __future__ import annotations

import sys

import typer
from typer.exceptions import TyperException

from cameo_events.cli.app import app

# Each command module registers its commands on the app when imported.
from cameo_events.cli.build import build
from cameo_events.cli.check import check
from cameo_events.cli.code import code
from cameo_events.cli.codebook import codebook
from cameo_events.cli.convert import convert
from cameo_events.cli.evaluate import evaluate
from cameo_events.cli.status import show_error
from cameo_events.cli.train import train
from cameo_events.schema import SCHEMA_VERSION

__all__ = ["COMMANDS", "main", "run", "version"]


@app.command()
def version() -> None:
    """Print the package and schema versions."""
    from cameo_events import __version__

    typer.echo(f"cameo-events {__version__} (schema {SCHEMA_VERSION})")


#: The top-level commands, as registered (``schema`` is a group of its own).
COMMANDS = (build, check, code, codebook, convert, evaluate, train, version)


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
    except Exception as exc:
        # Only the errors EXIT_STATUS names are shown as one line; a bug keeps its traceback.
        return show_error(exc, sys.stderr)
    return result if isinstance(result, int) else 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
