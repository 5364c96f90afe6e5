"""Event patterns: load ``data/patterns.yaml``, validate it and index it by trigger lemma.

A pattern names a trigger lemma (a verb or a noun), the CAMEO code it stands for, the
intent code used when the action is only planned, threatened or promised, and where the
target sits in the dependency structure. See the header of ``patterns.yaml`` for every
field.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "CONTROL_KINDS",
    "Pattern",
    "PatternSet",
    "default_pattern_path",
    "known_event_codes",
    "load_patterns",
]

#: How a verb governs an embedded action ("threatens to strike", "urges X to release").
CONTROL_KINDS = frozenset({"intent", "appeal", "demand", "refuse", "order"})

_FIELDS = {
    "id",
    "verb",
    "noun",
    "code",
    "intent",
    "object",
    "particle",
    "prep",
    "no_dobj",
    "source_role",
    "reciprocal",
    "statement",
    "control",
    "light",
    "weight",
    "note",
    "modifier",
    "by_role",
    "light_only",
    "self_target",
    "topic",
    "by_target",
    "about",
    "crowd",
    "yield_to",
}


@dataclass(frozen=True)
class Pattern:
    """One event pattern (see ``patterns.yaml`` for the meaning of each field)."""

    id: str
    pos: str  # "verb" or "noun"
    lemma: str
    code: str
    intent: str
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    preps: tuple[str, ...] = ()
    no_dobj: bool = False
    source_role: str | None = None
    reciprocal: bool = False
    statement: bool = False
    control: str | None = None
    light: frozenset[str] = frozenset()
    weight: float = 1.0
    modifiers: frozenset[str] = frozenset()
    by_role: Mapping[str, str] = field(default_factory=dict)
    light_only: bool = False
    self_target: bool = False
    topic: bool = False
    by_target: Mapping[str, str] = field(default_factory=dict)
    about: Mapping[str, str] = field(default_factory=dict)
    crowd: bool = False
    yield_to: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Patterns that ask more of the sentence are tried first."""
        return 2 * bool(self.objects) + 2 * bool(self.modifiers) + bool(self.particle)

    def code_for(self, source: str, hypothetical: bool, target: str = "") -> str:
        """The code for the actors' codes: intent when hypothetical, else by the source's
        role, else by the target's first atom (``by_target``: "withdraws from" an
        international organisation is 160, from a place 0874)."""
        if hypothetical:
            return self.intent
        if source[3:6] in self.by_role:
            return self.by_role[source[3:6]]
        return self.by_target.get(target[:3], self.code)


@dataclass(frozen=True)
class PatternSet:
    """All patterns, indexed for lookup by (part of speech, lemma)."""

    patterns: tuple[Pattern, ...]
    by_verb: Mapping[str, tuple[Pattern, ...]]
    by_noun: Mapping[str, tuple[Pattern, ...]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    refine: Mapping[str, Mapping[str, str]]
    weapons: Mapping[str, str] = field(default_factory=dict)

    @property
    def codes(self) -> frozenset[str]:
        """Every CAMEO code some pattern (or its intent) can emit."""
        out = {p.code for p in self.patterns} | {p.intent for p in self.patterns}
        for p in self.patterns:
            out.update(p.by_role.values())
            out.update(p.by_target.values())
            out.update(p.about.values())
        for table in self.refine.values():
            out.update(table.values())
        out.update(self.weapons.values())
        return frozenset(out)

    def refined(self, kind: str, inner_code: str) -> str | None:
        """Map an embedded action's code to the appeal / demand / refusal code about it.

        The longest matching code prefix in the ``refine`` table wins.

        Examples
        --------
        >>> ps = load_patterns()
        >>> ps.refined("appeal", "0871"), ps.refined("demand", "0841")
        ('0256', '1053')
        """
        table = self.refine.get(kind, {})
        for n in range(len(inner_code), 1, -1):
            hit = table.get(inner_code[:n])
            if hit is not None:
                return hit
        return table.get("*")


def default_pattern_path() -> Path:
    """The packaged pattern file."""
    return Path(str(resources.files("cameo_events.coder").joinpath("data", "patterns.yaml")))


def known_event_codes() -> frozenset[str]:
    """CAMEO codes from the project codebook (``schema/data/event_codes.csv``)."""
    path = resources.files("cameo_events.schema").joinpath("data", "event_codes.csv")
    with path.open(encoding="utf-8") as handle:
        return frozenset(row["code"] for row in csv.DictReader(handle))


def _words(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            message = (
                f"expected words, got {value!r}: quote words YAML reads as other types "
                '(on, off, yes, no, numbers), e.g. prep: ["on"]'
            )
            raise ValueError(message)
        return tuple(value)
    message = f"expected a word or a list of words, got {value!r}"
    raise ValueError(message)


def _pattern(rec: Mapping[str, Any], where: str, codes: frozenset[str]) -> Pattern:
    unknown = set(rec) - _FIELDS
    if unknown:
        message = f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(_FIELDS)}"
        raise ValueError(message)
    if ("verb" in rec) == ("noun" in rec):
        message = f"{where}: give exactly one of 'verb' or 'noun'"
        raise ValueError(message)
    for key in ("code", "intent"):
        value = rec.get(key)
        if not isinstance(value, str) or value not in codes:
            message = (
                f"{where}: {key} {value!r} is not a CAMEO code of the codebook "
                "(quote codes as strings: '036', not 36)"
            )
            raise ValueError(message)
    control = rec.get("control")
    if control is not None and control not in CONTROL_KINDS:
        message = f"{where}: control {control!r} must be one of {sorted(CONTROL_KINDS)}"
        raise ValueError(message)
    by_role = {str(k): str(v) for k, v in (rec.get("by_role") or {}).items()}
    by_target = {str(k): str(v) for k, v in (rec.get("by_target") or {}).items()}
    about = {str(k): str(v) for k, v in (rec.get("about") or {}).items()}
    for kind, table in (("by_role", by_role), ("by_target", by_target), ("about", about)):
        for atom, code in table.items():
            if code not in codes:
                message = f"{where}: {kind}.{atom}: {code!r} is not a CAMEO code of the codebook"
                raise ValueError(message)
    pos = "verb" if "verb" in rec else "noun"
    return Pattern(
        id=str(rec["id"]),
        pos=pos,
        lemma=str(rec[pos]),
        code=rec["code"],
        intent=rec["intent"],
        objects=frozenset(_words(rec.get("object"))),
        particle=rec.get("particle"),
        preps=_words(rec.get("prep")),
        no_dobj=bool(rec.get("no_dobj", False)),
        source_role=rec.get("source_role"),
        reciprocal=bool(rec.get("reciprocal", False)),
        statement=bool(rec.get("statement", False)),
        control=control,
        light=frozenset(_words(rec.get("light"))),
        weight=float(rec.get("weight", 1.0)),
        modifiers=frozenset(_words(rec.get("modifier"))),
        by_role=by_role,
        by_target=by_target,
        about=about,
        crowd=bool(rec.get("crowd", False)),
        yield_to=frozenset(_words(rec.get("yield_to"))),
        light_only=bool(rec.get("light_only", False)),
        self_target=bool(rec.get("self_target", False)),
        topic=bool(rec.get("topic", False)),
    )


def load_patterns(path: Path | None = None) -> PatternSet:
    """Load and validate a pattern file (default: the packaged one).

    Raises
    ------
    ValueError
        Naming the file, the record and the field when a pattern is malformed, uses a code
        that is not in the codebook, or reuses an id.
    """
    path = path or default_pattern_path()
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    # lexicon/*.yaml beside the pattern file: the codebook's ordinary verbs and nouns,
    # root by root; after patterns.yaml in file order, so a hand-tuned pattern wins a tie.
    records = [(path, i, rec) for i, rec in enumerate(data["patterns"])]
    for lexicon in sorted(path.parent.glob("lexicon/*.yaml")):
        with lexicon.open(encoding="utf-8") as handle:
            extra = yaml.safe_load(handle) or {}
        records += [(lexicon, i, rec) for i, rec in enumerate(extra.get("patterns") or [])]
    codes = known_event_codes()
    patterns: list[Pattern] = []
    seen: set[str] = set()
    for source, i, rec in records:
        where = f"{source} pattern {i + 1} ({rec.get('id')!r})"
        pattern = _pattern(rec, where, codes)
        if pattern.id in seen:
            message = f"{where}: duplicate id; pattern ids must be unique"
            raise ValueError(message)
        seen.add(pattern.id)
        patterns.append(pattern)
    refine: dict[str, dict[str, str]] = {}
    for kind, table in (data.get("refine") or {}).items():
        for prefix, code in table.items():
            if code not in codes:
                message = f"{path}: refine.{kind}.{prefix}: {code!r} is not a codebook code"
                raise ValueError(message)
        refine[str(kind)] = {str(k): str(v) for k, v in table.items()}

    weapons = {str(k): str(v) for k, v in (data.get("weapons") or {}).items()}
    for word, code in weapons.items():
        if code not in codes:
            message = f"{path}: weapons.{word}: {code!r} is not a codebook code"
            raise ValueError(message)

    def index(pos: str) -> dict[str, tuple[Pattern, ...]]:
        out: dict[str, list[Pattern]] = {}
        for p in patterns:
            if p.pos == pos:
                out.setdefault(p.lemma, []).append(p)
        # Most specific first; file order breaks ties, so the result is deterministic.
        return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in out.items()}

    return PatternSet(
        patterns=tuple(patterns),
        by_verb=index("verb"),
        by_noun=index("noun"),
        light_verbs=frozenset(_words(data.get("light_verbs"))),
        speech_verbs=frozenset(p.lemma for p in patterns if p.statement),
        refine=refine,
        weapons=weapons,
    )
