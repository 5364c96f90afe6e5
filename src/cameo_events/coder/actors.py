"""Actor dictionaries: load the YAML files and find actor names in parsed sentences.

Names are matched on tokens with a token trie (longest match wins), on the lower-cased
token text with the lemma as a fallback so that "soldiers" finds the role word "soldier".
Matches are then combined within a noun phrase by :mod:`cameo_events.coder.engine`
("Russian" + "troops" → ``RUSMIL``).
"""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "Mention",
    "Term",
    "default_actor_dir",
    "load_actor_dictionary",
]

_ATOMS = re.compile(r"^(?:[A-Z0-9]{3})+$")  # "IGOG20": digits occur in group names

# When two kinds name the same words, the more specific reading wins.
_KIND_RANK = {
    "person": 0,
    "group": 1,
    "org": 2,
    "seat": 3,
    "country": 4,
    "demonym": 5,
    "adjective": 6,
    "place": 7,
    "role": 8,
    "stop": 9,
}


@dataclass(frozen=True)
class Term:
    """One office (or status) a person held, as an actor code with inclusive dates."""

    code: str
    start: datetime.date | None
    end: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        """Whether ``day`` falls within the term (``start <= day < end``, as the dictionary
        header says: an office ends on the day the successor takes it)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class ActorEntry:
    """What a dictionary name stands for.

    ``code`` is the country ISO-3 code (countries, adjectives, demonyms, seats, places), the
    role atom (roles) or the full actor code (organisations, armed groups); people carry
    ``terms`` instead.
    """

    kind: str
    code: str
    name: str
    terms: tuple[Term, ...] = ()

    def person_code(self, day: datetime.date) -> str:
        """The code of the office held on ``day``; ``""`` outside every term.

        The dictionary lists plain-country terms for people out of office (Trump between
        his terms is ``USA``), so a day outside every term means "not codable".
        """
        for term in self.terms:
            if term.covers(day):
                return term.code
        return ""


@dataclass(frozen=True)
class Mention:
    """A dictionary name found in a document: tokens ``[start, end)`` and what it means."""

    start: int
    end: int
    entry: ActorEntry


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    entries: list[ActorEntry] = field(default_factory=list)


def default_actor_dir() -> Path:
    """The folder of the packaged actor dictionaries (``coder/data/actors``)."""
    return Path(str(resources.files("cameo_events.coder").joinpath("data", "actors")))


def _read_yaml(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if data is None:
        return []
    if not isinstance(data, list):
        message = f"{path}: expected a YAML list of records at the top level, got {type(data)}"
        raise ValueError(message)
    return data


def _as_date(value: object, where: str) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        message = f"{where}: date {value!r} is not YYYY-MM-DD"
        raise ValueError(message) from None


def _check_code(code: object, where: str) -> str:
    if not isinstance(code, str) or not _ATOMS.match(code):
        message = f"{where}: actor code {code!r} must be 3-letter upper-case atoms, e.g. RUSGOV"
        raise ValueError(message)
    return code


def _entries(folder: Path) -> Iterable[tuple[str, ActorEntry]]:
    """Yield (name, entry) for every name in the dictionary files of ``folder``."""
    country_fields = {
        "names": "country",
        "adjectives": "adjective",
        "demonyms": "demonym",
        "seats": "seat",
        "places": "place",
    }
    for i, rec in enumerate(_read_yaml(folder / "countries.yaml")):
        where = f"{folder / 'countries.yaml'} record {i + 1}"
        code = _check_code(rec.get("code"), where)
        for key, kind in country_fields.items():
            for name in rec.get(key) or []:
                yield str(name), ActorEntry(kind, code, str(name))
    for i, rec in enumerate(_read_yaml(folder / "roles.yaml")):
        where = f"{folder / 'roles.yaml'} record {i + 1}"
        # Role "" lists phrases that hold a role word but name no role ("general strike"):
        # they are matched (so the longer phrase wins) and then ignored.
        role = rec.get("role")
        kind = "stop" if role == "" else "role"
        role = "" if kind == "stop" else _check_code(role, where)
        for word in rec.get("words") or []:
            yield str(word), ActorEntry(kind, role, str(word))
    for fname, kind in (("organisations.yaml", "org"), ("armed_groups.yaml", "group")):
        for i, rec in enumerate(_read_yaml(folder / fname)):
            where = f"{folder / fname} record {i + 1}"
            code = _check_code(rec.get("code"), where)
            for name in rec.get("names") or []:
                yield str(name), ActorEntry(kind, code, str(name))
    # leaders.yaml: heads of state and government and ministers since 1990, kept apart
    # from people.yaml (2024-26 news figures) so each file can be reviewed on its own.
    people = [
        (folder / fname, i, rec)
        for fname in ("people.yaml", "leaders.yaml")
        if fname == "people.yaml" or (folder / fname).is_file()
        for i, rec in enumerate(_read_yaml(folder / fname))
    ]
    for path, i, rec in people:
        where = f"{path} record {i + 1}"
        terms = tuple(
            Term(
                _check_code(t.get("code"), where),
                _as_date(t.get("start"), where),
                _as_date(t.get("end"), where),
            )
            for t in rec.get("terms") or []
        )
        person = ActorEntry("person", "", str(rec.get("name")), terms)
        for name in [rec.get("name"), *(rec.get("aliases") or [])]:
            if name:
                yield str(name), person


class ActorDictionary:
    """Token tries over every actor name, built once per tokenizer.

    Names are matched case-sensitively (the dictionaries say "Chad", "Jordan", "Polish"
    and mean the capitalised words); role words ("police", "President") are matched on the
    lower-cased token, or its lemma ("soldiers" → "soldier").

    Parameters
    ----------
    entries
        ``(name, entry)`` pairs.
    tokenize
        Splits a name into token strings the way the pipeline splits text, so that
        "U.S." or "al-Shabaab" match exactly as spaCy tokenises them.
    """

    def __init__(
        self, entries: Iterable[tuple[str, ActorEntry]], tokenize: Callable[[str], list[str]]
    ) -> None:
        self._cased = _Node()
        self._lower = _Node()
        self.size = 0
        for name, entry in entries:
            tokens = [t for t in tokenize(name) if t.strip()]
            if not tokens:
                continue
            node = self._cased
            if entry.kind in {"role", "stop"}:
                node, tokens = self._lower, [t.lower() for t in tokens]
            for tok in tokens:
                node = node.children.setdefault(tok, _Node())
            if entry not in node.entries:
                node.entries.append(entry)
                node.entries.sort(key=lambda e: _KIND_RANK[e.kind])
                self.size += 1

    @staticmethod
    def _walk(
        root: _Node, keys: Sequence[str], alt: Sequence[str], i: int
    ) -> tuple[int, _Node | None]:
        best_end, best = -1, None
        children = root.children
        j, n = i, len(keys)
        while j < n:
            child = children.get(keys[j]) or children.get(alt[j])
            if child is None:
                break
            j += 1
            if child.entries:
                best_end, best = j, child
            children = child.children
        return best_end, best

    def match(
        self, texts: Sequence[str], lowers: Sequence[str], lemmas: Sequence[str]
    ) -> list[Mention]:
        """Find names in a token sequence: left to right, longest match first, no overlaps.

        Examples
        --------
        >>> d = ActorDictionary([("Russia", ActorEntry("country", "RUS", "Russia")),
        ...                      ("soldier", ActorEntry("role", "MIL", "soldier"))], str.split)
        >>> [(m.start, m.end, m.entry.code) for m in d.match(["Russia", "sends", "Soldiers"],
        ...     ["russia", "sends", "soldiers"], ["russia", "send", "soldier"])]
        [(0, 1, 'RUS'), (2, 3, 'MIL')]
        """
        found: list[Mention] = []
        i, n = 0, len(texts)
        while i < n:
            end, node = self._walk(self._cased, texts, lemmas, i)
            end_l, node_l = self._walk(self._lower, lowers, lemmas, i)
            if node_l is not None and end_l > end:
                end, node = end_l, node_l
            if node is not None:
                found.extend(Mention(i, end, e) for e in node.entries)
                i = end
            else:
                i += 1
        return found


def load_actor_dictionary(
    tokenize: Callable[[str], list[str]],
    folder: Path | None = None,
    extra: Iterable[tuple[str, ActorEntry]] = (),
) -> ActorDictionary:
    """Load every dictionary file of ``folder`` (default: the packaged one) into a trie.

    Missing files are treated as empty, so a partial dictionary still codes what it names.
    ``extra`` entries (a user's dictionaries, see :mod:`.petrarch`) fill gaps: a name
    the packaged files already know keeps its packaged code.
    """
    packaged = list(_entries(folder or default_actor_dir()))
    known = {n for n, _ in packaged} | {
        n.lower() for n, e in packaged if e.kind in ("role", "stop")
    }
    added = ((n, e) for n, e in extra if n not in known and n.lower() not in known)
    return ActorDictionary(itertools.chain(packaged, added), tokenize)
