"""Train the learned event filter on the tuning gold: ``cameo-events train``.

The rules code every item of the gold sets whose role is ``tune`` (never a ``test``
set); each candidate is labelled by whether it matches a gold event of its item at L1
(source country, target country, root), greedily in text order. A logistic regression
(scikit-learn, ``liblinear``, fixed seed) is fitted on the candidates' features; its
regularisation and keep-threshold are chosen by 5-fold cross-validation grouped by item,
maximising L1 F1 *including the gold events no candidate reached*. The same inputs give
the same weights file, byte for byte.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cameo_events.coder.events import CodedEvent
from cameo_events.coder.learned import EventModel, Scored, select
from cameo_events.evaluate import GoldEvent, GoldItem, load_gold_sets, predict_items

__all__ = ["TrainingData", "collect", "fit", "train"]

_C_GRID = (0.1, 0.3, 1.0)
_FOLDS = 5
SEED = 20261202


@dataclass(frozen=True)
class TrainingData:
    """Candidates' features, labels, items and L1/L2 tuples, and each item's gold."""

    features: list[list[str]]
    labels: list[int]
    groups: list[int]
    tuples: list[tuple[str, str, str]]  # the candidate's (source, target, code)
    sentences: list[int]
    triggers: list[int]  # the candidate's trigger start offset
    gold: list[Counter[tuple[str, str, str]]]  # per item (group): gold L1 tuples
    sources: dict[str, str]  # gold set name -> digest of its annotations

    @property
    def gold_events(self) -> int:
        return sum(sum(g.values()) for g in self.gold)


def _l1(source: str, target: str, code: str) -> tuple[str, str, str]:
    return source[:3], target[:3], code[:2]


def _label(ev: CodedEvent, gold: Sequence[GoldEvent]) -> int:
    """1 when a gold event of the item has the candidate's L1 tuple and its trigger
    overlaps the candidate's (or gives no trigger span)."""
    key = _l1(ev.source, ev.target, ev.code)
    start, end = ev.trigger_span
    for g in gold:
        if _l1(g.source, g.target, g.code) != key:
            continue
        span = g.trigger_span
        if span is None or (span[0] < end and start < span[1]):
            return 1
    return 0


def collect(gold_root: Path, shared: Path, *, n_process: int = 1) -> TrainingData:
    """Rules' and fallback candidates of every ``tune`` gold item, labelled."""
    from cameo_events.coder.core import Coder

    coder = Coder(use_model=False)
    coder.fallback = True
    sets, _ = load_gold_sets(gold_root, frozenset({"tune"}))
    items: list[GoldItem] = []
    sources: dict[str, str] = {}
    for gs in sets:
        if gs.role != "tune":
            continue
        items.extend(gs.items)
        digest = hashlib.sha256(repr(sorted(map(repr, gs.items))).encode()).hexdigest()
        sources[gs.name] = digest
    candidates = predict_items(items, shared, coder, n_process=n_process)
    data = TrainingData([], [], [], [], [], [], [], sources)
    for group, it in enumerate(items):
        data.gold.append(Counter(_l1(e.source, e.target, e.code) for e in it.events))
        for ev, feats in candidates[it.key]:
            data.features.append(feats)
            data.labels.append(_label(ev, it.events))
            data.groups.append(group)
            data.tuples.append((ev.source, ev.target, ev.code))
            data.sentences.append(ev.sentence_index)
            data.triggers.append(ev.trigger_span[0])
    return data


def _f1_at(data: TrainingData, probs: Sequence[float], threshold: float) -> float:
    """Item-level L1 F1 of what the coder would emit at ``threshold`` (see ``select``)."""
    scored = [
        Scored(
            data.groups[i] * 10_000 + data.sentences[i],
            data.triggers[i],
            "fallback=True" in data.features[i],
            _l1(*data.tuples[i]),
            p,
        )
        for i, p in enumerate(probs)
    ]
    kept: dict[int, list[tuple[str, str, str]]] = {}
    for i in select(scored, threshold):
        kept.setdefault(data.groups[i], []).append(data.tuples[i])
    tp = fp = 0
    for group, gold in enumerate(data.gold):
        pred = Counter(_l1(*t) for t in kept.get(group, ()))
        hit = sum((pred & gold).values())
        tp += hit
        fp += sum(pred.values()) - hit
    fn = data.gold_events - tp
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _best_threshold(data: TrainingData, probs: Sequence[float]) -> tuple[float, float]:
    """The threshold maximising item-level L1 F1, and that F1."""
    best = (0.5, 0.0)
    for step in range(5, 46):
        t = step / 50
        f1 = _f1_at(data, probs, t)
        if f1 > best[1]:
            best = (t, f1)
    return best


def fit(data: TrainingData) -> EventModel:
    """Fit the filter: C and threshold by grouped cross-validation, then on all data."""
    import sklearn
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in data.features]).tocsr()
    # liblinear takes 32-bit sparse indices only
    x.indices = x.indices.astype("int32")
    x.indptr = x.indptr.astype("int32")
    y = data.labels
    choice: tuple[float, float, float] | None = None  # (cv F1, C, threshold)
    for c in _C_GRID:
        oof = [0.0] * len(y)
        for train_idx, test_idx in GroupKFold(n_splits=_FOLDS).split(x, y, data.groups):
            clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED)
            clf.fit(x[train_idx], [y[i] for i in train_idx])
            for i, p in zip(test_idx, clf.predict_proba(x[test_idx])[:, 1], strict=True):
                oof[i] = float(p)
        threshold, f1 = _best_threshold(data, oof)
        if choice is None or f1 > choice[0]:
            choice = (f1, c, threshold)
    assert choice is not None
    cv_f1, c, threshold = choice
    clf = LogisticRegression(C=c, solver="liblinear", random_state=SEED).fit(x, y)
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True)}
    rules_f1 = _f1_at(data, [0.0] * len(y), 1.0)
    meta = {
        "trained_on": data.sources,
        "candidates": len(y),
        "positives": int(sum(y)),
        "gold_events": data.gold_events,
        "C": c,
        "cv_l1_f1_rules_alone": round(rules_f1, 4),
        "cv_l1_f1_with_filter": round(cv_f1, 4),
        "seed": SEED,
        "scikit_learn": sklearn.__version__,
    }
    return EventModel(weights, float(clf.intercept_[0]), threshold, meta)


def train(gold_root: Path, shared: Path, out: Path, *, n_process: int = 1) -> EventModel:
    """Collect, fit and write the model file to ``out``; returns the model."""
    from cameo_events.coder.core import CODER_VERSION, dictionary_version

    model = fit(collect(gold_root, shared, n_process=n_process))
    meta = {
        **model.meta,
        "coder_version": CODER_VERSION,
        "dictionaries": dictionary_version(include_model=False),
    }
    model = EventModel(model.weights, model.bias, model.threshold, meta)
    tmp = out.with_suffix(".tmp")
    tmp.write_text(model.to_json(), encoding="utf-8")
    tmp.replace(out)
    return model
