"""Fixtures for the coder tests: one real spaCy pipeline and coder per session."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from cameo_events.coder import CodedEvent, Coder
from cameo_events.coder.core import default_coder

DATA = Path(__file__).resolve().parent / "data"
#: A Wednesday, after the 2025 US inauguration.
PUBLISHED = datetime.date(2025, 3, 12)


@pytest.fixture(scope="session")
def coder() -> Coder:
    """The default coder: verified en_core_web_sm, packaged dictionaries and patterns."""
    return default_coder()


@pytest.fixture(scope="session")
def tiny_coder(coder: Coder) -> Coder:
    """A coder on the same pipeline with the tiny test actor dictionary."""
    return Coder(coder.nlp, actor_dir=DATA / "actors")


def triples(events: list[CodedEvent]) -> list[tuple[str, str, str]]:
    """(source, code, target) of each event, in order."""
    return [(e.source, e.code, e.target) for e in events]
