"""cameo-events: a versioned, validated, CAMEO-coded political event dataset."""

from __future__ import annotations

__version__ = "0.1.0"
