"""Work for the spawned processes of the concurrency test (importable by a fresh interpreter)."""

from __future__ import annotations

import os
from typing import Any


def load_after_barrier(url: str, cache: str, barrier: Any, results: Any) -> None:
    """Wait until every process is ready, then load the release from ``url`` into ``cache``."""
    os.environ["CAMEO_EVENTS_CACHE"] = cache
    from cameo_events.load import load_events

    barrier.wait(timeout=120)
    try:
        results.put(("ok", load_events(source=url, as_="arrow").num_rows))
    except Exception as error:  # reported to the parent test, which fails with it
        results.put(("error", repr(error)))
