"""The one finding type: one record breaking one rule."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Finding"]


@dataclass(frozen=True)
class Finding:
    """One record breaking one rule.

    ``message`` is the rule's message filled in for this record; ``str()`` of
    a finding is ``"<check_id>: <message>"``.
    """

    check_id: str
    severity: str
    file: str
    record: str
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.check_id}: {self.message}"
