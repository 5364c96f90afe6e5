"""The source rules (``rules.yaml``) joined with the checker's own rules.

GDELT, ICEWS and Phoenix findings have their own stable check ids
(``gdelt.quad_class``, ``icews.intensity``, ...) in ``rules.yaml`` beside this
module, in the same format as ``cameo_events/check/rules.yaml``. A
:class:`~cameo_events.check.report.Report` built with :func:`load_source_rules`
knows both tables, so a converter can report ``file.unreadable`` as well as
``gdelt.coordinates``.

Examples
--------
>>> from cameo_events.convert.rules import load_source_rules, source_report
>>> load_source_rules()["gdelt.quad_class"].severity
'error'
>>> source_report().rules["code.unknown"].stage
'values'
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from cameo_events.check.report import DEFAULT_CAP, Report
from cameo_events.check.rules import Rules, load_rules, parse_rules

__all__ = ["SOURCE_PREFIXES", "load_source_rules", "source_report"]

#: Every source rule id starts with one of these.
SOURCE_PREFIXES = ("gdelt.", "icews.", "phoenix.", "source.")


@cache
def load_source_rules() -> Rules:
    """The checker's rules plus the source rules (cached: the files never change at run time)."""
    text = resources.files("cameo_events.convert").joinpath("rules.yaml").read_text("utf-8")
    ours = parse_rules(text, origin="cameo_events/convert/rules.yaml")
    theirs = load_rules()
    clash = sorted(set(ours) & set(theirs))
    if clash:
        raise ValueError(f"convert/rules.yaml redefines checker rules {clash}; rename them")
    bad = sorted(cid for cid in ours if not cid.startswith(SOURCE_PREFIXES))
    if bad:
        raise ValueError(f"convert/rules.yaml ids {bad} must start with one of {SOURCE_PREFIXES}")
    return Rules({**theirs, **ours})


def source_report(cap: int = DEFAULT_CAP) -> Report:
    """An empty report that knows the source rules."""
    return Report(cap=cap, rules=load_source_rules())
