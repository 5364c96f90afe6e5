"""Findings: one record breaking one rule, and the one rules table every rule id lives in.

Used by everything that judges data: the checker, the converters, the
document readers and the gold reader. Rules are data
(``data/*.yaml``: id, severity, stage, message).

Examples
--------
>>> from cameo_events.findings import load_rules
>>> load_rules()["manifest.sha256"].stage, load_rules()["gdelt.quad_class"].severity
('release', 'error')
"""

from __future__ import annotations

from cameo_events.findings.finding import Finding
from cameo_events.findings.report import DEFAULT_CAP, FINDING_SCHEMA, Report
from cameo_events.findings.rules import Rule, RuleError, Rules, finding, load_rules

__all__ = [
    "DEFAULT_CAP",
    "FINDING_SCHEMA",
    "Finding",
    "Report",
    "Rule",
    "RuleError",
    "Rules",
    "finding",
    "load_rules",
]
