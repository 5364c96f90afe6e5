"""The learned event filter: keep a rule candidate only when it is probably a real event.

The rules (patterns, clause and noun rules) propose candidate events; this model, a
logistic regression trained on the team's gold by ``cameo-events train``, scores each
candidate from features of its parse and its rule, and the coder keeps the candidates
scoring at least the model's threshold. The weights are a reviewable JSON file
(``data/event_model.json``): feature name → weight, plus the bias, the threshold and how
the model was trained. Scoring needs no scikit-learn: it is a sum and a logistic.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Span, Token

from cameo_events.coder.clauses import RawEvent
from cameo_events.coder.events import CodedEvent
from cameo_events.coder.fallback import FALLBACK_PREFIX

__all__ = [
    "EventModel",
    "Scored",
    "default_model_path",
    "event_features",
    "load_model",
    "select",
]

_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "pcomp", "ccomp", "xcomp", "csubj", "conj"})


def _clause_path(tok: Token) -> list[str]:
    """Dependency labels from ``tok`` up to the sentence root."""
    labels: list[str] = []
    while tok.head.i != tok.i and len(labels) < 8:
        labels.append(tok.dep_)
        tok = tok.head
    return labels


def _role(code: str) -> str:
    if code[:3] in {"IGO", "NGO", "IMG"}:
        return code[:3]
    return code[3:6] or "none"


def _bucket(n: int) -> str:
    return str(n) if n < 4 else "4+" if n < 8 else "8+"


def event_features(ev: RawEvent, sent: Span, n_candidates: int) -> list[str]:
    """The features of one candidate event: rule, codes, actors, parse and flags.

    Feature names are ``group=value`` strings; the same function serves training and
    coding, so both see exactly the same features.
    """
    trig = ev.trigger
    src = ev.source.source_code or ""
    tgt = ev.target.target_code or ""
    path = _clause_path(trig)
    src_tok = sent.doc.char_span(ev.source.start, ev.source.end, alignment_mode="expand")
    tgt_tok = sent.doc.char_span(ev.target.start, ev.target.end, alignment_mode="expand")
    d_src = abs(src_tok.root.i - trig.i) if src_tok is not None and len(src_tok) else 99
    d_tgt = abs(tgt_tok.root.i - trig.i) if tgt_tok is not None and len(tgt_tok) else 99
    feats = [
        "bias_rule=1",
        f"fallback={ev.fallback}",
        f"fallback_root={ev.fallback}|{ev.code[:2]}",
        f"fallback_pattern={ev.fallback}|{ev.pattern.id}",
        f"pattern={ev.pattern.id}",
        f"pos={ev.pattern.pos}",
        f"lemma={trig.lemma_.lower()}",
        f"code={ev.code}",
        f"root={ev.code[:2]}",
        f"root_pos={ev.code[:2]}|{ev.pattern.pos}",
        f"src_role={_role(src)}",
        f"tgt_role={_role(tgt)}",
        f"roles={_role(src)}>{_role(tgt)}",
        f"root_tgt_role={ev.code[:2]}|{_role(tgt)}",
        f"root_src_role={ev.code[:2]}|{_role(src)}",
        f"same_country={src[:3] == tgt[:3]}",
        f"root_same_country={ev.code[:2]}|{src[:3] == tgt[:3]}",
        f"dep={trig.dep_}",
        f"head_lemma={trig.head.lemma_.lower()}",
        f"depth={_bucket(len(path))}",
        f"subordinate={any(label in _SUBORDINATE for label in path)}",
        f"hypothetical={ev.hypothetical}",
        f"reported={ev.reported}",
        f"src_context={ev.source.from_context}",
        f"tgt_context={ev.target.from_context}",
        f"src_unnamed={ev.source.unnamed}",
        f"src_dist={_bucket(d_src)}",
        f"tgt_dist={_bucket(d_tgt)}",
        f"src_after_trigger={ev.source.start > trig.idx}",
        f"tgt_before_trigger={ev.target.start < trig.idx}",
        f"candidates={_bucket(n_candidates)}",
        f"confidence={round(ev.confidence, 1)}",
        f"sent_first={sent.start == 0}",
    ]
    feats.extend(f"path={label}" for label in path[:3])
    lemma = trig.lemma_.lower()
    for name, span in (("src", src_tok), ("tgt", tgt_tok)):
        if span is not None and len(span):
            root = span.root
            feats.append(f"{name}_dep={root.dep_}")
            feats.append(f"{name}_head={root.lemma_.lower()}")
            if root.dep_ == "pobj":
                feats.append(f"{name}_prep={root.head.lower_}")
                feats.append(f"{name}_prep_lemma={root.head.lower_}|{lemma}")
    if src_tok is not None and len(src_tok):
        sp = dep_path(src_tok.root, trig)
        feats += [
            f"src_path={sp}",
            f"src_path_pos={sp}|{ev.pattern.pos}",
            f"src_path_lemma={sp}|{lemma}",
        ]
    if tgt_tok is not None and len(tgt_tok):
        tp = dep_path(tgt_tok.root, trig)
        feats += [
            f"tgt_path={tp}",
            f"tgt_path_pos={tp}|{ev.pattern.pos}",
            f"tgt_path_lemma={tp}|{lemma}",
        ]
        if src_tok is not None and len(src_tok):
            feats.append(f"paths={sp}||{tp}")
    return feats


def dep_path(a: Token, b: Token, limit: int = 4) -> str:
    """The dependency path from ``a`` up to the common ancestor and down to ``b``.

    Examples: ``nsubj^`` (``a`` is the subject of ``b``), ``dobj^``, ``pobj^prep^``;
    ``long`` past ``limit`` steps.
    """
    up_a = [a]
    while up_a[-1].head.i != up_a[-1].i and len(up_a) < 12:
        up_a.append(up_a[-1].head)
    index = {t.i: n for n, t in enumerate(up_a)}
    down: list[Token] = []
    tok = b
    while tok.i not in index and tok.head.i != tok.i and len(down) < 12:
        down.append(tok)
        tok = tok.head
    if tok.i not in index:
        return "none"
    ups = [t.dep_ + "^" for t in up_a[: index[tok.i]]]
    downs = ["v" + t.dep_ for t in reversed(down)]
    steps = ups + downs
    return "".join(steps) if len(steps) <= limit else "long"


@dataclass(frozen=True)
class EventModel:
    """A trained filter: weights per feature, bias, and the keep threshold."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    meta: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, features: Sequence[str]) -> float:
        """P(the candidate is a real event), by the logistic of the summed weights."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-z))

    def emit(self, candidates: Sequence[tuple[CodedEvent, Sequence[str]]]) -> list[CodedEvent]:
        """The candidates the coder emits (see :func:`select`), in input order."""
        scored = [
            Scored(
                ev.sentence_index,
                ev.trigger_span[0],
                ev.pattern_id.startswith(FALLBACK_PREFIX),
                (ev.source[:3], ev.target[:3], ev.code[:2]),
                self.probability(f),
            )
            for ev, f in candidates
        ]
        return [candidates[i][0] for i in select(scored, self.threshold)]

    def to_json(self) -> str:
        """The model file's text: stable key order, weights rounded to 6 places."""
        data = {
            "kind": "cameo-events event filter (logistic regression)",
            "meta": dict(self.meta),
            "bias": round(self.bias, 6),
            "threshold": round(self.threshold, 4),
            "weights": {k: round(v, 6) for k, v in sorted(self.weights.items()) if v},
        }
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


@dataclass(frozen=True)
class Scored:
    """What :func:`select` needs of a candidate."""

    sentence: int
    trigger: int  # the trigger's start offset
    fallback: bool
    l1: tuple[str, str, str]  # (source country, target country, root)
    probability: float


def select(scored: Sequence[Scored], threshold: float) -> list[int]:
    """Which candidates to emit; indices in input order.

    Every rule event is kept (the rules decide what they can). For a trigger the rules
    found no actors for, the model's most probable fallback pairing is kept when it
    reaches ``threshold`` and its (countries, root) is not already coded in the sentence.

    Examples
    --------
    >>> S = Scored
    >>> select([S(0, 5, False, ("ISR", "PSE", "19"), 0.1),
    ...         S(0, 40, True, ("USA", "CHN", "03"), 0.6),
    ...         S(0, 40, True, ("CHN", "USA", "03"), 0.8),
    ...         S(0, 60, True, ("ISR", "PSE", "19"), 0.9)], 0.5)
    [0, 2]
    """
    ruled = {(c.sentence, c.trigger) for c in scored if not c.fallback}
    seen = {(c.sentence, c.l1) for c in scored if not c.fallback}
    best: dict[tuple[int, int], int] = {}
    for i, c in enumerate(scored):
        if c.fallback and c.probability >= threshold and (c.sentence, c.trigger) not in ruled:
            key = (c.sentence, c.trigger)
            if key not in best or c.probability > scored[best[key]].probability:
                best[key] = i
    out = [i for i, c in enumerate(scored) if not c.fallback]
    for i in sorted(best.values(), key=lambda i: -scored[i].probability):
        c = scored[i]
        if (c.sentence, c.l1) not in seen:
            seen.add((c.sentence, c.l1))
            out.append(i)
    return sorted(out)


def default_model_path() -> Path:
    """The packaged model file."""
    return Path(str(resources.files("cameo_events.coder").joinpath("data", "event_model.json")))


def load_model(path: Path | None = None) -> EventModel | None:
    """Read a model file; ``None`` when the default one is absent (rules alone).

    Raises
    ------
    ValueError
        Naming the file when it is not a model file.
    """
    path = path or default_model_path()
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        return EventModel(weights, float(data["bias"]), float(data["threshold"]), data["meta"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{path}: not an event model file ({exc!r})") from exc
