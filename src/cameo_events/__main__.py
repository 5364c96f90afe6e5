"""``python -m cameo_events`` runs the command line."""

from cameo_events.cli import run

run()
