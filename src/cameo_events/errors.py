"""Every error cameo-events raises on purpose, in one hierarchy.

::

    CameoEventsError
    ├── UsageError            the request cannot be carried out as given (exit status 2)
    │   └── RecipeError       a recipe file is missing, malformed or names what does not exist
    ├── UnknownCodeError      a CAMEO event code that is not in the codebook (a KeyError)
    ├── DataError             the data breaks rules; carries the findings (exit status 1)
    │   ├── GoldError         gold annotations that do not fit their documents
    │   └── ReleaseCheckError a staged release failed its checks and was not published
    └── ReleaseError          a release cannot be published or read as asked (exit status 2)
        ├── ReleaseExistsError a different release is already published under this id
        └── ChecksumError     a file's sha256 differs from the one its manifest lists

Each class also derives from the built-in exception a caller would expect
(``ValueError``, ``KeyError``, ``FileExistsError``), so ``except ValueError``
keeps working. The command line maps these classes to exit statuses in one
table (:data:`cameo_events.cli.status.EXIT_STATUS`); no other code chooses an
exit status.

Examples
--------
>>> from cameo_events.errors import CameoEventsError, RecipeError, UsageError
>>> issubclass(RecipeError, UsageError) and issubclass(UsageError, CameoEventsError)
True
>>> str(DataError("2 findings", findings=["a", "b"])), len(DataError("x").findings)
('2 findings', 0)
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "CameoEventsError",
    "ChecksumError",
    "DataError",
    "GoldError",
    "RecipeError",
    "ReleaseCheckError",
    "ReleaseError",
    "ReleaseExistsError",
    "UnknownCodeError",
    "UsageError",
]


class CameoEventsError(Exception):
    """The base of every error cameo-events raises on purpose."""


class UsageError(CameoEventsError, ValueError):
    """The request cannot be carried out as given: a bad argument, path or option."""


class RecipeError(UsageError):
    """A recipe file is missing, malformed or names something that does not exist."""


class UnknownCodeError(CameoEventsError, KeyError):
    """A CAMEO event code that is not in the codebook."""

    def __str__(self) -> str:
        # KeyError would quote the message; it is a sentence.
        return str(self.args[0]) if self.args else ""


class DataError(CameoEventsError, ValueError):
    """The data breaks rules: ``findings`` lists each break.

    The findings are :class:`~cameo_events.findings.Finding` records (or
    lines of text); whoever shows the error prints ``str()`` of each. This
    module imports nothing of the package, so every module may raise these.
    """

    def __init__(self, message: str, findings: Sequence[object] = ()) -> None:
        super().__init__(message)
        self.findings = list(findings)


class GoldError(DataError):
    """Gold annotations that do not fit their documents (the gold file must be fixed)."""


class ReleaseCheckError(DataError):
    """The staged release failed its checks, so it was not published."""

    def __init__(self, release_id: str, findings: Sequence[object]) -> None:
        self.release_id = release_id
        shown = "; ".join(str(f) for f in list(findings)[:5])
        more = f" (and {len(findings) - 5} more)" if len(findings) > 5 else ""
        super().__init__(
            f"release {release_id} failed its checks and was not published: {shown}{more};"
            " fix them, or build with --no-check to inspect the release",
            findings,
        )

    @property
    def problems(self) -> list[str]:
        """The findings as one line each."""
        return [str(f) for f in self.findings]


class ReleaseError(CameoEventsError):
    """A release cannot be published or read as asked."""


class ReleaseExistsError(ReleaseError, FileExistsError):
    """A release with this id is already published with different content."""


class ChecksumError(ReleaseError, ValueError):
    """A file's sha256 differs from the one its release manifest lists."""
