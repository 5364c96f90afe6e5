"""Shared test fixtures.

Tests that read ``../shared`` (real corpora and other datasets' files) use the
``shared_dir`` fixture: skipped with a reason when the folder is absent (a
user's fresh clone), but failing when ``CAMEO_EVENTS_SHARED`` is set and the
folder or a file is missing, so CI cannot skip them silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared_dir() -> Path | None:
    configured = os.environ.get("CAMEO_EVENTS_SHARED")
    if configured:
        path = Path(configured)
        if not path.is_absolute():
            path = (REPO / path).resolve()
        if not path.is_dir():
            raise RuntimeError(f"CAMEO_EVENTS_SHARED={configured!r} but {path} is not a folder")
        return path
    default = REPO.parent / "shared"
    return default if default.is_dir() else None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder; skips the test when it is absent and not required."""
    path = _shared_dir()
    if path is None:
        pytest.skip("../shared is absent and CAMEO_EVENTS_SHARED is not set")
    return path


def shared_file(shared: Path, relative: str) -> Path:
    """A file under ../shared that must exist (fails rather than skips)."""
    path = shared / relative
    if not path.is_file():
        pytest.fail(f"required shared file is missing: {path}")
    return path


# Timing varies on a busy 2-core CI machine; speed is measured in bench/, not here.
settings.register_profile("default", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
