"""Schema versions: the current one and every one published in ``schema/``.

The policy for what makes a major, minor or patch change is in
``schema/VERSIONING.md``.
"""

from __future__ import annotations

__all__ = ["PUBLISHED_SCHEMA_VERSIONS", "SCHEMA_VERSION"]

#: The version of the record models and codebook in this package (SemVer).
SCHEMA_VERSION = "1.0.0"

#: Every schema version published in the repository's ``schema/`` folder, oldest first.
PUBLISHED_SCHEMA_VERSIONS = ("1.0.0",)
