"""The ``cameo-events`` command line: a thin layer over the library, and the only code that prints.

One module per command group (``codebook``, ``schema``, ``build``, ``check``,
``convert``, ``code``, ``evaluate``), each registering its commands on the one
:data:`~cameo_events.cli.app.app`; :mod:`~cameo_events.cli.status` holds the
one map from error class to exit status. To add a command, write a module
here that decorates functions with ``@app.command()`` and import it in
:mod:`~cameo_events.cli.main`.

Exit status: 0 success (or a clean check), 1 the data has problems
(violations, rejected rows, unfit gold annotations), 2 usage or I/O error.
Errors are one line on stderr: ``cameo-events: error: <what and fix>``.
"""

from __future__ import annotations

from cameo_events.cli.main import main, run

__all__ = ["main", "run"]
