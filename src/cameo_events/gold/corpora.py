"""Item texts of the shared corpora, read in place and addressed by ``(corpus, item)``.

Gold annotations never store text: each gold line names its corpus and item, and the
text is read here from the user's copy of the corpus. One reader per corpus layout:

- ``wcep-2025-2026``: ``events.jsonl``; item = 1-based line number; text = ``text``.
- ``wcep-2015-09``: ``wikitimes_CEP_2015-09.json`` (a JSON list); item = 1-based
  position; text = ``description``.
- ``wikinews-2019-2021``: ``wikinews_<year>.csv``; item = ``"<file>:<row>"`` (1-based
  data row); text = the ``text`` column, unchanged.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["CORPORA", "ItemKey", "read_texts"]

ItemKey = tuple[str, int | str]

#: Corpus name -> its file(s) under ``corpora/`` of the shared folder.
CORPORA: Mapping[str, str] = {
    "wcep-2025-2026": "corpora/wcep-2025-2026/events.jsonl",
    "wcep-2015-09": "corpora/wcep-2015-09/wikitimes_CEP_2015-09.json",
    "wikinews-2019-2021": "corpora/wikinews-2019-2021",
}


class CorpusError(ValueError):
    """A corpus file is missing or an item is not in it."""


def _wcep(path: Path, wanted: set[int]) -> dict[int | str, str]:
    out: dict[int | str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if lineno in wanted:
                out[lineno] = str(json.loads(line)["text"])
    return out


def _wikitimes(path: Path, wanted: set[int]) -> dict[int | str, str]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {n: str(rows[n - 1]["description"]) for n in wanted if 0 < n <= len(rows)}


def _wikinews(folder: Path, wanted: set[str]) -> dict[int | str, str]:
    csv.field_size_limit(1 << 28)
    out: dict[int | str, str] = {}
    for name in sorted({w.split(":", 1)[0] for w in wanted}):
        path = folder / name
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row_no, row in enumerate(csv.DictReader(handle), 1):
                key = f"{name}:{row_no}"
                if key in wanted:
                    out[key] = row["text"]
    return out


def read_texts(shared: Path, keys: Iterable[ItemKey]) -> dict[ItemKey, str]:
    """The text of every ``(corpus, item)`` key, read from the corpora under ``shared``.

    Raises
    ------
    CorpusError
        Naming the corpus and the items when a corpus file is missing or lacks an item.

    Examples
    --------
    >>> read_texts(Path("/nonexistent"), [("nope", 1)])
    Traceback (most recent call last):
    ...
    cameo_events.gold.corpora.CorpusError: unknown corpus 'nope'; known: wcep-2015-09, wcep-2025-2026, wikinews-2019-2021
    """
    by_corpus: dict[str, set[int | str]] = {}
    for corpus, item in keys:
        if corpus not in CORPORA:
            known = ", ".join(sorted(CORPORA))
            raise CorpusError(f"unknown corpus {corpus!r}; known: {known}")
        by_corpus.setdefault(corpus, set()).add(item)
    out: dict[ItemKey, str] = {}
    for corpus, items in sorted(by_corpus.items()):
        path = shared / CORPORA[corpus]
        if not path.exists():
            raise CorpusError(
                f"{path} not found: the {corpus} corpus is needed for these gold items"
            )
        texts: dict[int | str, str] = {}
        if corpus == "wcep-2025-2026":
            texts.update(_wcep(path, {int(i) for i in items}))
        elif corpus == "wcep-2015-09":
            texts.update(_wikitimes(path, {int(i) for i in items}))
        else:
            texts.update(_wikinews(path, {str(i) for i in items}))
        missing = sorted(str(i) for i in items if i not in texts)
        if missing:
            raise CorpusError(f"{path}: no item(s) {', '.join(missing[:5])} in the {corpus} corpus")
        out.update(((corpus, i), texts[i]) for i in items)
    return out
