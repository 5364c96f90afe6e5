"""The one map from error to exit status, and how an error is shown.

=====  =====================================================================
0      done; a check found no error (warnings allowed)
1      the data has problems: violations, rejected rows, unfit gold, a
       release that failed its checks (:class:`~cameo_events.errors.DataError`)
2      usage or I/O error: bad argument or option, missing file, a release
       that cannot be published or read as asked
=====  =====================================================================

Examples
--------
>>> from cameo_events.errors import GoldError, RecipeError
>>> exit_status(GoldError("bad gold")), exit_status(RecipeError("no recipe")), exit_status(OSError())
(1, 2, 2)
"""

from __future__ import annotations

from typing import TextIO

from cameo_events.errors import CameoEventsError, DataError, UsageError

__all__ = ["EXIT_STATUS", "FINDINGS_SHOWN", "exit_status", "show_error"]

#: Error classes and their exit status, most specific first.
EXIT_STATUS: tuple[tuple[type[BaseException], int], ...] = (
    (DataError, 1),
    (UsageError, 2),
    (CameoEventsError, 2),
    (OSError, 2),
)
#: Findings of a DataError printed before its one-line message.
FINDINGS_SHOWN = 20


def exit_status(error: BaseException) -> int | None:
    """The exit status of ``error``, or None for an error no one expected (a bug)."""
    for kind, status in EXIT_STATUS:
        if isinstance(error, kind):
            return status
    return None


def show_error(error: BaseException, stderr: TextIO) -> int:
    """Print ``error`` as the CLI shows it (findings first, then one line); return its status."""
    status = exit_status(error)
    if status is None:
        raise error
    if isinstance(error, DataError):
        for finding in error.findings[:FINDINGS_SHOWN]:
            print(finding, file=stderr)
        if len(error.findings) > FINDINGS_SHOWN:
            print(f"... and {len(error.findings) - FINDINGS_SHOWN} more", file=stderr)
    print(f"cameo-events: error: {error}", file=stderr)
    return status
