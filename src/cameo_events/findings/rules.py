"""The one rules table: stable rule ids with severity, stage and message.

The rules are data, one YAML file per area in ``data/`` beside this module
(``check.yaml``: the checker's; ``sources.yaml``: GDELT, ICEWS and Phoenix
rows; ``build.yaml``: documents and gold annotations a build refuses).
:func:`load_rules` joins them into one table and refuses an id defined twice.
Code only looks rules up by id, so a reviewer reads every message a user may
see in those files.

Examples
--------
>>> from cameo_events.findings import load_rules
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

from cameo_events.errors import CameoEventsError
from cameo_events.findings.finding import Finding

__all__ = [
    "RULE_FILES",
    "SEVERITIES",
    "STAGES",
    "Rule",
    "RuleError",
    "Rules",
    "finding",
    "load_rules",
    "parse_rules",
]

Severity = Literal["error", "warning"]
Stage = Literal["structure", "values", "release"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning")
STAGES: tuple[Stage, ...] = ("structure", "values", "release")


class RuleError(CameoEventsError, KeyError):
    """A rule id that is not in the rules table (a bug in the code or the table)."""

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
    area: str = ""  # the rule file it comes from: "check", "sources" or "build"

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
                f"rule id {check_id!r} is not in the rules table; add it to one of"
                " cameo_events/findings/data/*.yaml"
            ) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._rules)

    def finding(
        self,
        check_id: str,
        *,
        file: str,
        record: str = "",
        field: str = "",
        value: object = "",
        at: str | None = None,
        **params: object,
    ) -> Finding:
        """The finding of rule ``check_id`` for one record, its message filled in.

        ``at`` says where the record is in the message (``record`` by default);
        ``params`` fill the rule's other template slots (``expected``, ``detail``).
        """
        rule = self[check_id]
        message = rule.render(file=file, record=at or record, field=field, value=value, **params)
        return Finding(check_id, rule.severity, file, record, field, str(value), message)

    def __len__(self) -> int:
        return len(self._rules)


def parse_rules(text: str, origin: str = "rules.yaml", area: str = "") -> Rules:
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
            area=area,
        )
    return Rules(rules)


#: The rule files, by area; every id starts with one of the area's prefixes.
RULE_FILES = {
    "check.yaml": (),
    "sources.yaml": ("gdelt.", "icews.", "phoenix.", "source."),
    "build.yaml": ("document.", "gold."),
}


@cache
def load_rules() -> Rules:
    """The packaged rules table, every area joined (cached: it never changes at run time)."""
    folder = resources.files("cameo_events.findings").joinpath("data")
    rules: dict[str, Rule] = {}
    for name, prefixes in RULE_FILES.items():
        origin = f"cameo_events/findings/data/{name}"
        text = folder.joinpath(name).read_text("utf-8")
        table = parse_rules(text, origin=origin, area=name.removesuffix(".yaml"))
        clash = sorted(set(table) & set(rules))
        if clash:
            raise ValueError(f"{origin} redefines rules {clash}; rename them")
        bad = sorted(cid for cid in table if prefixes and not cid.startswith(prefixes))
        if bad:
            raise ValueError(f"{origin}: ids {bad} must start with one of {prefixes}")
        rules.update(table)
    return Rules(rules)


def finding(
    check_id: str,
    *,
    file: str,
    record: str = "",
    field: str = "",
    value: object = "",
    at: str | None = None,
    **params: object,
) -> Finding:
    """The finding of a packaged rule (:meth:`Rules.finding` on :func:`load_rules`).

    >>> str(finding("gold.invalid", file="gold.jsonl", record="line 3", detail="no code"))
    'gold.invalid: gold.jsonl, line 3: invalid annotation (no code); fix it following seeds/gold/GUIDELINES.md'
    """
    rules = load_rules()
    return rules.finding(
        check_id, file=file, record=record, field=field, value=value, at=at, **params
    )
