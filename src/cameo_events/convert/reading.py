"""Open other datasets' files (plain or zipped) and stream their lines.

GDELT publishes ``*.export.CSV.zip``; a zipped file is read member by member
straight from the archive, never unpacked to disk. Lines are streamed, so a
file larger than memory is read in bounded memory. Row numbers count lines of
the file from 1 (the header line of an ICEWS file is row 1), which is what a
user sees in an editor.

Examples
--------
>>> import pathlib, tempfile
>>> from cameo_events.convert.reading import iter_lines
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "a.tsv").write_text("x\\ty\\n1\\t2\\n", encoding="utf-8")
>>> [(line.label, line.row, line.text) for line in iter_lines(folder / "a.tsv")]
[('a.tsv', 1, 'x\\ty'), ('a.tsv', 2, '1\\t2')]
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Line", "iter_lines", "open_members"]

#: Bytes read at a time: large enough to amortise system calls, small next to memory.
BUFFER_BYTES = 1 << 20


@dataclass(frozen=True)
class Line:
    """One line of a file: where it is and its text without the line end."""

    label: str
    row: int
    text: str


def open_members(path: Path) -> Iterator[tuple[str, io.TextIOBase]]:
    """``(label, text stream)`` for a plain file, or for each file inside a ``.zip``.

    Undecodable bytes become U+FFFD rather than stopping the run: GDELT's
    source names and URLs are not always valid UTF-8, and one bad byte must
    not lose the rest of the file.
    """
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                if member.endswith("/"):
                    continue
                with archive.open(member) as raw:
                    # ZipExtFile is buffered already; wrapping it decodes as it streams.
                    wrapped = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
                    yield f"{path.name}!{member}", wrapped
        return
    with path.open(encoding="utf-8", errors="replace", newline="", buffering=BUFFER_BYTES) as text:
        yield path.name, text


def iter_lines(path: Path) -> Iterator[Line]:
    """Every line of ``path`` (or of each member of a zip), numbered from 1.

    A final empty line (the newline at the end of the file) is not a row.
    Line ends are ``\\n`` or ``\\r\\n``; a lone ``\\r`` inside a field is kept
    (GDELT URLs occasionally hold one) rather than splitting the row.
    """
    for label, stream in open_members(path):
        for row, raw in enumerate(stream, 1):
            text = raw[:-1] if raw.endswith("\n") else raw
            if text.endswith("\r"):
                text = text[:-1]
            yield Line(label, row, text)
