"""The checker's rules table: stable check ids with severity, stage and message.

The rules are data (``rules.yaml`` beside this module); the engine only looks
them up by id, so a reviewer can read every message a user may see in one file.

Examples
--------
>>> from cameo_events.check.rules import load_rules
>>> rule = load_rules()["code.unknown"]
>>> rule.severity, rule.stage
('error', 'values')
>>> "codebook" in rule.render(file="a.parquet", record="e1", field="cameo_code", value="'999'")
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, cast

import yaml

__all__ = ["SEVERITIES", "STAGES", "Rule", "RuleError", "Rules", "load_rules"]

Severity = Literal["error", "warning"]
Stage = Literal["structure", "values", "release"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
STAGES: tuple[Stage, ...] = ("structure", "values", "release")


class RuleError(KeyError):
    """A check id that is not in the rules table (a bug in the engine or the table)."""

    def __str__(self) -> str:
        return str(self.args[0])


class _Defaults(dict[str, str]):
    """Template parameters; a missing one renders as '?' rather than raising mid-report."""

    def __missing__(self, key: str) -> str:
        return "?"


@dataclass(frozen=True)
class Rule:
    """One check: its id, how bad it is, when it runs and what it says."""

    check_id: str
    severity: Severity
    stage: Stage
    message: str

    def render(self, **params: object) -> str:
        """Fill the message template (``{file}``, ``{record}``, ``{field}``, ``{value}``, ...)."""
        return self.message.format_map(_Defaults({k: str(v) for k, v in params.items()}))


class Rules(Mapping[str, Rule]):
    """The rules, by check id."""

    def __init__(self, rules: Mapping[str, Rule]) -> None:
        self._rules = dict(rules)

    def __getitem__(self, check_id: str) -> Rule:
        try:
            return self._rules[check_id]
        except KeyError:
            raise RuleError(
                f"check id {check_id!r} is not in the rules table; add it to"
                " cameo_events/check/rules.yaml"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def __len__(self) -> int:
        return len(self._rules)


def parse_rules(text: str, origin: str = "rules.yaml") -> Rules:
    """Parse and validate a rules table written in YAML.

    >>> parse_rules("x.y: {severity: warning, stage: values, message: hi}")["x.y"].severity
    'warning'
    """
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"{origin}: expected a mapping of check id to rule")
    rules: dict[str, Rule] = {}
    for check_id, entry in data.items():
        if not isinstance(entry, dict) or set(entry) != {"severity", "stage", "message"}:
            raise ValueError(f"{origin}: rule {check_id!r} needs exactly severity, stage, message")
        if entry["severity"] not in SEVERITIES or entry["stage"] not in STAGES:
            raise ValueError(
                f"{origin}: rule {check_id!r} has severity {entry['severity']!r} and stage"
                f" {entry['stage']!r}; use one of {SEVERITIES} and one of {STAGES}"
            )
        rules[str(check_id)] = Rule(
            check_id=str(check_id),
            severity=cast(Severity, entry["severity"]),
            stage=cast(Stage, entry["stage"]),
            message=str(entry["message"]),
        )
    return Rules(rules)


@cache
def load_rules() -> Rules:
    """The packaged rules table (cached: it never changes at run time)."""
    text = resources.files("cameo_events.check").joinpath("rules.yaml").read_text("utf-8")
    return parse_rules(text)
