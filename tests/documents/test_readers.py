"""Document readers: real files written to tmp_path, one fault each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cameo_events.documents import DocumentSource, read_documents, strip_furniture
from cameo_events.schema import make_doc_id

REPO = Path(__file__).resolve().parents[2]
GOOD = "---\npublisher: Example Wire\npublished: 2025-03-04\nlanguage: en\nlicence: CC0-1.0\n---\nRussia and Ukraine met in Istanbul.\n"


def text_source(folder: Path, **kw: object) -> DocumentSource:
    return DocumentSource(path=folder, format="text", pattern="*.txt", **kw)  # type: ignore[arg-type]


def test_seed_article_loses_its_furniture_and_keeps_its_text() -> None:
    result = read_documents([text_source(REPO / "seeds")])
    assert not result.rejects
    (doc,) = result.documents
    assert doc.publisher == "Financial Times" and doc.published.isoformat() == "2025-02-17"
    assert doc.text.startswith("Senior US and Russian officials will meet in Riyadh")
    assert "newsletter" not in doc.text and "Read the full article" not in doc.text
    assert doc.doc_id == make_doc_id(doc.text)


def test_bad_documents_are_rejected_with_reasons_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "bytes.txt").write_bytes(b"---\npublished: 2025-01-01\n---\n\xff\xfe broken")
    (tmp_path / "empty.txt").write_text(GOOD.split("Russia")[0] + "Read the full article here\n")
    (tmp_path / "nodate.txt").write_text(GOOD.replace("published: 2025-03-04\n", ""))
    (tmp_path / "baddate.txt").write_text(GOOD.replace("2025-03-04", "2025-02-30"))
    (tmp_path / "future.txt").write_text(GOOD.replace("2025-03-04", "2999-01-01"))
    (tmp_path / "frontmatter.txt").write_text("---\npublisher: [unclosed\n---\ntext\n")
    (tmp_path / "unclosed.txt").write_text("---\npublisher: x\ntext\n")
    (tmp_path / "huge.txt").write_text(GOOD + "x" * 2000)
    result = read_documents([text_source(tmp_path, max_bytes=1000)])
    assert [d.source_key for d in result.documents] == ["good.txt"]
    reasons = {r.record: r.message for r in result.rejects}
    assert "undecodable" in reasons["bytes.txt"]
    assert "empty text" in reasons["empty.txt"]
    assert "missing publication date" in reasons["nodate.txt"]
    assert "impossible publication date" in reasons["baddate.txt"]
    assert "impossible publication date" in reasons["future.txt"]
    assert "broken front matter" in reasons["frontmatter.txt"]
    assert "broken front matter" in reasons["unclosed.txt"]
    assert "over the limit" in reasons["huge.txt"]
    assert len(result.rejects) == 8


def test_duplicates_are_collapsed_and_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    # Same article with different line ends and Unicode composition: same doc_id.
    (tmp_path / "b.txt").write_text(GOOD.replace("\n", "\r\n"))
    result = read_documents([text_source(tmp_path)])
    assert len(result.documents) == 1
    (dup,) = result.duplicates
    assert (dup.key, dup.kept_key) == ("b.txt", "a.txt")


def test_jsonl_with_field_mapping_and_a_malformed_line(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"date": "2025-01-02", "text": "Israel struck Gaza.", "sources": ["https://x.test/a"]}
        ),
        "{not json",
        json.dumps({"date": "2025-01-03", "text": ""}),
        json.dumps({"date": "2025-01-04", "text": "Kenya hosted talks."}),
    ]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(lines) + "\n")
    defaults = {"publisher": "Wikipedia contributors", "licence": "CC-BY-SA-4.0", "language": "en"}
    source = DocumentSource(
        path=path, format="jsonl", fields={"published": "date", "url": "sources"}, defaults=defaults
    )
    result = read_documents([source])
    assert [d.source_key for d in result.documents] == ["items.jsonl:1", "items.jsonl:4"]
    assert result.documents[0].url == "https://x.test/a"
    assert {r.record: r.check_id for r in result.rejects} == {
        "items.jsonl:2": "document.format",
        "items.jsonl:3": "document.metadata",
    }
    assert [r.message.split(": ", 1)[1] for r in result.rejects] == [
        "bad JSON on line 2: Expecting property name enclosed in double quotes; fix the"
        " file's syntax",
        "empty text (after removing page furniture); fix the document's metadata (front"
        " matter, sidecar, columns or the recipe's defaults)",
    ]


def test_csv_with_column_mapping(tmp_path: Path) -> None:
    path = tmp_path / "news.csv"
    path.write_text('url,day,headline,body\nhttps://a.test,2020-05-01,"T","Body, with comma."\n')
    source = DocumentSource(
        path=path,
        format="csv",
        fields={"published": "day", "title": "headline", "text": "body"},
        defaults={"publisher": "Wikinews", "licence": "CC-BY-2.5", "language": "en"},
    )
    (doc,) = read_documents([source]).documents
    assert (doc.title, doc.text, doc.source_key) == ("T", "Body, with comma.", "news.csv:2")


def test_furniture_lines_inside_text_are_kept_when_they_are_sentences() -> None:
    text = "Officials said they would share intelligence.\nShare\nAdvertisement\nEnd."
    assert strip_furniture(text) == "Officials said they would share intelligence.\nEnd."


@pytest.mark.shared
def test_reads_the_real_corpora(shared_dir: Path) -> None:
    from tests.conftest import shared_file

    wcep = shared_file(shared_dir, "corpora/wcep-2025-2026/events.jsonl")
    defaults = {"publisher": "Wikipedia contributors", "licence": "CC-BY-SA-4.0", "language": "en"}
    result = read_documents(
        [DocumentSource(path=wcep, format="jsonl", fields={"published": "date"}, defaults=defaults)]
    )
    assert len(result.documents) + len(result.duplicates) + len(result.rejects) == 9194
    wikinews = DocumentSource(
        path=shared_dir / "corpora/wikinews-2019-2021", format="csv", pattern="*.csv",
        fields={"published": "date"}, defaults={**defaults, "publisher": "Wikinews"},
    )  # fmt: skip
    assert len(read_documents([wikinews]).documents) == 295
