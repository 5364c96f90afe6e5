"""The public surface is exactly what __all__ says (httpx's habit)."""

from __future__ import annotations

import types

import cameo_events


def test_all_is_the_public_surface() -> None:
    public = {
        name
        for name, value in vars(cameo_events).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public == set(cameo_events.__all__) - {"__version__"}
