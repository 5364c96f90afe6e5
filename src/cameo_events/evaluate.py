"""Measure the coder against gold annotations (``seeds/gold/``).

Two levels, each scored as precision / recall / F1 over multisets of tuples per item:

- **L1** ``(item, source country, target country, root code)`` — did we get who fought /
  talked to whom, at the level of countries and CAMEO roots;
- **L2** ``(item, full source code, full target code, full event code)``.

Per-root counts (gold, predicted, matched at L1) show where the errors are. Gold files
follow ``seeds/gold/GUIDELINES.md``; the corpus is read in place (never copied).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from spacy.language import Language

    from cameo_events.coder import CodedEvent
    from cameo_events.coder.core import Coder
    from cameo_events.coder.learned import EventModel

__all__ = [
    "GoldEvent",
    "GoldItem",
    "GoldSet",
    "LevelScore",
    "Scores",
    "agreement",
    "evaluate_seed",
    "evaluate_sets",
    "evaluate_wcep",
    "keep",
    "load_gold",
    "load_gold_items",
    "load_gold_sets",
    "predict_items",
    "predict_wcep",
    "score",
]

Key = int | str


class EventLike(Protocol):
    """Anything with actor and event codes: gold events and coded events alike."""

    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def code(self) -> str: ...


@dataclass(frozen=True)
class GoldEvent:
    """One hand-coded event."""

    source: str
    target: str
    code: str
    date: datetime.date | None = None
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    trigger_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class GoldItem:
    """One annotated item: its key, text checksum, date and events."""

    item: Key
    sha256: str
    published: datetime.date
    events: tuple[GoldEvent, ...]
    corpus: str = "wcep-2025-2026"

    @property
    def key(self) -> tuple[str, Key]:
        """``(corpus, item)``: unique across corpora."""
        return self.corpus, self.item


def _span(value: object) -> tuple[int, int] | None:
    if isinstance(value, list) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def _gold_files(path_or_dir: str | Path) -> list[Path]:
    path = Path(path_or_dir)
    if path.is_dir():
        return sorted(path.glob("*.jsonl"))
    return [path]


def load_gold_items(path_or_dir: str | Path) -> list[GoldItem]:
    """Read gold JSON Lines (a file, or every ``*.jsonl`` of a folder, in name order).

    Raises
    ------
    ValueError
        Naming file and line when a record is malformed or an item appears twice.
    """
    items: list[GoldItem] = []
    seen: set[tuple[str, Key]] = set()
    for path in _gold_files(path_or_dir):
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                events = tuple(
                    GoldEvent(
                        source=str(e["source"]),
                        target=str(e["target"]),
                        code=str(e["code"]),
                        date=datetime.date.fromisoformat(e["date"]) if e.get("date") else None,
                        source_span=_span(e.get("source_span")),
                        target_span=_span(e.get("target_span")),
                        trigger_span=_span(e.get("trigger_span")),
                    )
                    for e in rec["events"]
                )
                item = GoldItem(
                    rec["item"],
                    str(rec["sha256"]),
                    datetime.date.fromisoformat(rec["published"][:10]),
                    events,
                    str(rec.get("corpus", "wcep-2025-2026")),
                )
            except (KeyError, TypeError, ValueError) as exc:
                message = f"{path}:{lineno}: malformed gold record ({exc!r}); see GUIDELINES.md"
                raise ValueError(message) from exc
            if item.key in seen:
                message = f"{path}:{lineno}: item {item.item!r} is annotated twice"
                raise ValueError(message)
            seen.add(item.key)
            items.append(item)
    return items


def load_gold(path_or_dir: str | Path) -> dict[Key, list[GoldEvent]]:
    """Gold events per item key (``events: []`` items are kept: they count for precision)."""
    return {it.item: list(it.events) for it in load_gold_items(path_or_dir)}


@dataclass(frozen=True)
class LevelScore:
    """Counts and rates at one level of matching."""

    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    """Evaluation result: L1 and L2 scores, per-root scores, root confusions, patterns.

    ``confusion[gold_root][predicted_root]`` counts gold and predicted events of one item
    and one country dyad that disagree on the root; ``"-"`` as the predicted root is a gold
    event the coder missed, as the gold root an event the coder invented. ``patterns``
    holds, per pattern id, ``(right, wrong)`` predictions at L1.
    """

    items: int
    l1: LevelScore
    l2: LevelScore
    per_root: Mapping[str, LevelScore] = field(default_factory=dict)
    confusion: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    patterns: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def worst_patterns(self, n: int = 10) -> list[tuple[str, int, int]]:
        """The ``n`` patterns with the most wrong predictions: ``(id, right, wrong)``."""
        ranked = sorted(self.patterns.items(), key=lambda kv: (-kv[1][1], kv[0]))
        return [(pid, right, wrong) for pid, (right, wrong) in ranked[:n] if wrong]

    def to_dict(self) -> dict[str, object]:
        """Counts and rates (rates rounded to 4 places)."""

        def level(s: LevelScore) -> dict[str, float | int]:
            out: dict[str, float | int] = asdict(s)
            out.update(
                precision=round(s.precision, 4), recall=round(s.recall, 4), f1=round(s.f1, 4)
            )
            return out

        return {
            "items": self.items,
            "l1": level(self.l1),
            "l2": level(self.l2),
            "per_root": {root: level(s) for root, s in sorted(self.per_root.items())},
            "confusion": {
                g: dict(sorted(row.items())) for g, row in sorted(self.confusion.items())
            },
            "worst_patterns": [
                {"pattern": pid, "right": right, "wrong": wrong}
                for pid, right, wrong in self.worst_patterns()
            ],
        }

    def to_json(self) -> str:
        """:meth:`to_dict` as JSON, keys sorted."""
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)

    def to_text(self, *, detail: bool = True) -> str:
        """Tables for the terminal: levels; with ``detail``, roots, confusions, patterns."""
        lines = [f"items: {self.items}", "level  gold  pred  match  precision  recall  F1"]
        for name, s in (("L1", self.l1), ("L2", self.l2)):
            lines.append(
                f"{name:<5} {s.gold:>5} {s.predicted:>5} {s.matched:>6} "
                f"{s.precision:>10.3f} {s.recall:>7.3f} {s.f1:>5.3f}"
            )
        if not detail:
            return "\n".join(lines)
        lines.append("root   gold  pred  match  precision  recall  F1")
        for root, s in sorted(self.per_root.items()):
            lines.append(
                f"{root:<5} {s.gold:>5} {s.predicted:>5} {s.matched:>6} "
                f"{s.precision:>10.3f} {s.recall:>7.3f} {s.f1:>5.3f}"
            )
        pairs = sorted(
            ((n, g, p) for g, row in self.confusion.items() for p, n in row.items()),
            key=lambda t: (-t[0], t[1], t[2]),
        )
        lines.append("confusions (gold root -> coded root; '-' = none), most frequent first")
        lines.extend(f"  {g:>2} -> {p:<2} {n:>4}" for n, g, p in pairs[:15])
        lines.append("patterns with the most wrong events (L1): pattern  right  wrong")
        lines.extend(f"  {pid:<28} {r:>5} {w:>6}" for pid, r, w in self.worst_patterns())
        return "\n".join(lines)


def _l1(e: EventLike) -> tuple[str, str, str]:
    return e.source[:3], e.target[:3], e.code[:2]


def _l2(e: EventLike) -> tuple[str, str, str]:
    return e.source, e.target, e.code


def _confusions(
    gold: Counter[tuple[str, str, str]],
    pred: Counter[tuple[str, str, str]],
    out: Counter[tuple[str, str]],
) -> None:
    """Pair the unmatched gold and predicted L1 tuples of one item by their dyad."""
    g_left, p_left = gold - pred, pred - gold
    for (src, tgt, root), n in sorted(g_left.items()):
        for _ in range(n):
            other = next((k for k in sorted(p_left) if k[:2] == (src, tgt) and p_left[k]), None)
            if other is None:
                out[(root, "-")] += 1
            else:
                p_left[other] -= 1
                out[(root, other[2])] += 1
    for (_, _, root), n in p_left.items():
        if n > 0:
            out[("-", root)] += n


def score(
    gold: Mapping[Any, Sequence[EventLike]], predicted: Mapping[Any, Sequence[EventLike]]
) -> Scores:
    """Score predictions against gold; only items present in ``gold`` count.

    Examples
    --------
    >>> g = {1: [GoldEvent("ISRMIL", "PSECVL", "195")]}
    >>> p = {1: [GoldEvent("ISR", "PSECVL", "190")], 2: [GoldEvent("USA", "CHN", "036")]}
    >>> s = score(g, p)
    >>> (s.l1.matched, s.l2.matched, s.l1.predicted)
    (1, 0, 1)
    """
    counts = {"l1": [0, 0, 0], "l2": [0, 0, 0]}
    roots: dict[str, list[int]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    patterns: dict[str, list[int]] = {}
    for key, gold_events in gold.items():
        pred_events = predicted.get(key, ())
        for name, fn in (("l1", _l1), ("l2", _l2)):
            g, p = Counter(map(fn, gold_events)), Counter(map(fn, pred_events))
            c = counts[name]
            c[0] += sum(g.values())
            c[1] += sum(p.values())
            c[2] += sum((g & p).values())
        g1, p1 = Counter(map(_l1, gold_events)), Counter(map(_l1, pred_events))
        for k, n in g1.items():
            roots.setdefault(k[2], [0, 0, 0])[0] += n
        for k, n in p1.items():
            roots.setdefault(k[2], [0, 0, 0])[1] += n
        for k, n in (g1 & p1).items():
            roots[k[2]][2] += n
        _confusions(g1, p1, confusion)
        left = Counter(g1)
        for ev in pred_events:
            pid = str(getattr(ev, "pattern_id", "") or "")
            if not pid:
                continue
            right = left[_l1(ev)] > 0
            left[_l1(ev)] -= right
            patterns.setdefault(pid, [0, 0])[0 if right else 1] += 1
    table: dict[str, dict[str, int]] = {}
    for (g_root, p_root), n in confusion.items():
        table.setdefault(g_root, {})[p_root] = n
    return Scores(
        items=len(gold),
        l1=LevelScore(*counts["l1"]),
        l2=LevelScore(*counts["l2"]),
        per_root={root: LevelScore(*c) for root, c in sorted(roots.items())},
        confusion=table,
        patterns={pid: (c[0], c[1]) for pid, c in sorted(patterns.items())},
    )


def _read_corpus(corpus_path: Path, wanted: set[int]) -> dict[int, str]:
    texts: dict[int, str] = {}
    with corpus_path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if lineno in wanted:
                texts[lineno] = json.loads(line)["text"]
    return texts


def _check_items(
    items: Iterable[GoldItem], texts: Mapping[int, str], corpus: Path
) -> Iterator[str]:
    for it in items:
        text = texts.get(int(it.item))
        if text is None:
            yield f"item {it.item}: no line {it.item} in {corpus}"
            continue
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if not digest.startswith(it.sha256):
            yield f"item {it.item}: text sha256 {digest[:16]} != gold {it.sha256}"


def predict_wcep(
    gold_dir: str | Path,
    corpus_path: str | Path,
    nlp: Language | None = None,
    *,
    n_process: int = 1,
) -> tuple[list[GoldItem], dict[Key, list[CodedEvent]], dict[int, str]]:
    """Code every gold item of the Current Events corpus: (gold items, predictions, texts).

    Raises
    ------
    ValueError
        When an item's text is missing from the corpus or its checksum differs (the corpus
        changed under the annotation).
    """
    from cameo_events.coder import code_texts

    corpus = Path(corpus_path)
    items = [it for it in load_gold_items(gold_dir) if isinstance(it.item, int)]
    texts = _read_corpus(corpus, {int(it.item) for it in items})
    problems = list(_check_items(items, texts, corpus))
    if problems:
        message = (
            f"{len(problems)} gold item(s) do not match {corpus}: "
            + "; ".join(problems[:5])
            + ". Re-check the annotations against this corpus version."
        )
        raise ValueError(message)
    requests = ((str(it.item), texts[int(it.item)], it.published) for it in items)
    predicted: dict[Key, list[CodedEvent]] = {
        int(key): events for key, events in code_texts(requests, nlp=nlp, n_process=n_process)
    }
    return items, predicted, texts


def evaluate_wcep(
    gold_dir: str | Path,
    corpus_path: str | Path,
    nlp: Language | None = None,
    *,
    n_process: int = 1,
) -> Scores:
    """Code the gold items of the Current Events corpus and score them."""
    items, predicted, _ = predict_wcep(gold_dir, corpus_path, nlp, n_process=n_process)
    return score({it.item: list(it.events) for it in items}, predicted)


def evaluate_seed(recipe_path: str | Path, nlp: Language | None = None) -> Scores:
    """Code the documents of a recipe whose gold is keyed by ``doc_id`` and score them.

    The documents are read exactly as the release builder reads them (page
    furniture removed), so gold offsets and coder offsets point into the same text.
    """
    from cameo_events.coder import code_texts
    from cameo_events.documents import read_documents
    from cameo_events.release.recipe import load_recipe

    recipe = load_recipe(recipe_path)
    if recipe.events.gold is None:
        raise ValueError(f"{recipe_path} names no gold file to evaluate against")
    documents = read_documents(recipe.documents).documents
    gold: dict[Key, list[GoldEvent]] = {
        str(it.item): list(it.events) for it in load_gold_items(recipe.events.gold)
    }
    requests = ((d.doc_id, d.text, d.published) for d in documents if d.doc_id in gold)
    predicted: dict[Key, list[CodedEvent]] = {
        key: [e for e in events if not e.negated] for key, events in code_texts(requests, nlp=nlp)
    }
    return score(gold, predicted)


Candidates = dict[tuple[str, Key], list[tuple["CodedEvent", list[str]]]]


def predict_items(
    items: Sequence[GoldItem],
    shared: Path,
    coder: Coder | None = None,
    *,
    n_process: int = 1,
) -> Candidates:
    """The rules' candidate events (with model features) of every gold item, read in
    place from ``shared``; :func:`keep` turns them into the coder's output.

    Raises
    ------
    ValueError
        When an item's text is missing or its checksum differs from the annotation's.
    """
    from cameo_events.coder.core import default_coder
    from cameo_events.gold.corpora import read_texts

    coder = coder or default_coder()
    texts = read_texts(shared, [it.key for it in items])
    problems = []
    for it in items:
        digest = hashlib.sha256(texts[it.key].encode("utf-8")).hexdigest()
        if not digest.startswith(it.sha256):
            problems.append(f"{it.corpus}:{it.item}: text sha256 {digest[:16]} != gold {it.sha256}")
    if problems:
        message = (
            f"{len(problems)} gold item(s) do not match the corpora under {shared}: "
            + "; ".join(problems[:5])
        )
        raise ValueError(message)
    pairs = ((coder.prepare(texts[it.key]), it) for it in items)
    out: Candidates = {}
    for doc, it in coder.nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=64):
        out[it.key] = coder.candidates(doc, it.published)
    return out


def keep(
    candidates: Candidates, model: EventModel | None
) -> dict[tuple[str, Key], list[CodedEvent]]:
    """The events the coder emits from ``candidates``: the rules' own with no model."""
    from cameo_events.coder.fallback import FALLBACK_PREFIX

    return {
        key: (
            model.emit(cands)
            if model is not None
            else [ev for ev, _ in cands if not ev.pattern_id.startswith(FALLBACK_PREFIX)]
        )
        for key, cands in candidates.items()
    }


@dataclass(frozen=True)
class GoldSet:
    """A named gold set of ``sets.toml``: its role and its items."""

    name: str
    role: str
    items: tuple[GoldItem, ...]


def _verify_frozen(note: Path) -> None:
    """Refuse a frozen set whose files differ from the sha256 sums in its note."""
    for line in note.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 64 or line.startswith("#"):
            continue
        digest, name = parts
        path = note.parent / name
        actual = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"
        if actual != digest:
            message = (
                f"{path}: sha256 {actual[:16]} differs from the frozen sum {digest[:16]} in "
                f"{note}; a frozen test set is never edited"
            )
            raise ValueError(message)


def load_gold_sets(
    gold_root: Path, roles: frozenset[str] = frozenset({"tune", "test"})
) -> tuple[list[GoldSet], tuple[GoldSet, GoldSet] | None]:
    """The gold sets of ``gold_root/sets.toml`` whose folders exist and whose role is one
    of ``roles``, and the agreement pair (read only when "test" is among ``roles``):
    training asks for ``{"tune"}`` and never opens a test file.

    Raises
    ------
    ValueError
        When a frozen set's files differ from its ``FROZEN`` note, or a gold file is
        malformed.
    """
    import tomllib

    config = tomllib.loads((gold_root / "sets.toml").read_text(encoding="utf-8"))
    sets: list[GoldSet] = []
    for name, spec in config.get("sets", {}).items():
        if "recipe" in spec or spec.get("role") not in roles:
            continue  # a recipe's gold is scored by evaluate_seed
        folders = [gold_root / p for p in spec["paths"]]
        if not all(f.exists() for f in folders):
            continue
        if "frozen" in spec:
            _verify_frozen(gold_root / spec["frozen"])
        items = tuple(it for f in folders for it in load_gold_items(f))
        sets.append(GoldSet(name, str(spec["role"]), items))
    pair = None
    agreement = config.get("agreement")
    if (
        agreement
        and "test" in roles
        and all((gold_root / agreement[k]).exists() for k in ("first", "second"))
    ):
        if "frozen" in agreement:
            _verify_frozen(gold_root / agreement["frozen"])
        first, second = (
            GoldSet(k, "agreement", tuple(load_gold_items(gold_root / agreement[k])))
            for k in ("first", "second")
        )
        pair = (first, second)
    return sets, pair


def agreement(first: GoldSet, second: GoldSet) -> Scores:
    """L1 / L2 agreement of two annotators on the items both annotated (F1 is symmetric)."""
    mine = {it.key: list(it.events) for it in first.items}
    theirs = {it.key: list(it.events) for it in second.items if it.key in mine}
    return score(theirs, {k: mine[k] for k in theirs})


def evaluate_sets(
    gold_root: Path, shared: Path, coder: Coder | None = None, *, n_process: int = 1
) -> dict[str, Scores]:
    """Score the coder on every gold set of ``sets.toml``, plus annotator agreement.

    Each set is scored twice when the coder has a learned model: rules alone, and rules
    filtered by the model (the coder's real output).
    """
    from cameo_events.coder.core import default_coder

    coder = coder or default_coder()
    sets, pair = load_gold_sets(gold_root)
    out: dict[str, Scores] = {}
    for gs in sets:
        candidates = predict_items(gs.items, shared, coder, n_process=n_process)
        gold = {it.key: list(it.events) for it in gs.items}
        label = f"{gs.name} ({'held out, never tuned on' if gs.role == 'test' else 'tuned on'})"
        if coder.model is not None:
            out[f"{label}, rules alone"] = score(gold, keep(candidates, None))
        out[label] = score(gold, keep(candidates, coder.model))
    if pair is not None:
        out["annotator agreement (second vs first annotator)"] = agreement(*pair)
    return out
