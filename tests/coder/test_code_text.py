"""The public coder API: bad input, determinism, batching."""

from __future__ import annotations

import dataclasses
import datetime

import pytest

from cameo_events.coder import (
    CODER_VERSION,
    MAX_CHARS,
    CodedEvent,
    code_text,
    code_texts,
    dictionary_version,
)
from tests.coder.conftest import PUBLISHED, triples


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "Россия атаковала Украину. Китай осудил США.",
        "ﾛ￼�@@@###$$$%%%^^^&&&***" * 50,
        "asdkjh qwe zxcmnb poiu lkjh " * 20,
        "The weather was mild and the harvest was good.",
        "A gunman attacked a shop.",  # no codable actor
    ],
)
def test_bad_or_empty_input_gives_no_events(text: str) -> None:
    assert code_text(text, PUBLISHED) == []


def test_huge_text_is_cut_not_crashed(caplog: pytest.LogCaptureFixture) -> None:
    sentence = "Russia attacked Ukraine. "
    events = code_text(sentence * (MAX_CHARS // len(sentence) + 500), PUBLISHED)
    assert "cut to" in caplog.text  # the cut is reported, not silent
    assert 0 < len(events) <= MAX_CHARS // len(sentence)
    assert max(e.trigger_span[1] for e in events) <= MAX_CHARS


def test_output_is_deterministic() -> None:
    text = (
        "Russia and China condemned the United States. Israeli airstrikes killed "
        "20 Palestinians in Gaza on Monday. Iran will meet Egypt next week."
    )
    assert code_text(text, PUBLISHED) == code_text(text, PUBLISHED)


def test_president_by_date() -> None:
    text = "Donald Trump criticized China."
    assert triples(code_text(text, datetime.date(2024, 6, 1))) == [("USA", "111", "CHN")]
    assert triples(code_text(text, datetime.date(2025, 6, 1))) == [("USAGOV", "111", "CHN")]


def test_record_shape() -> None:
    names = [f.name for f in dataclasses.fields(CodedEvent)]
    assert names[:4] == ["sentence_index", "source", "source_text", "source_span"]
    (event,) = code_text("Egypt condemned Israel. Russia attacked Ukraine.", PUBLISHED)[1:]
    assert event.sentence_index == 1
    assert isinstance(event.code, str) and not event.negated


def test_versions() -> None:
    assert CODER_VERSION.count(".") == 2
    version = dictionary_version()
    assert len(version) == 12 and int(version, 16) >= 0


def test_code_texts_keeps_order_and_matches_code_text() -> None:
    items = [
        ("b", "Russia attacked Ukraine.", PUBLISHED),
        ("a", "", PUBLISHED),
        ("c", "Iran will meet Egypt.", PUBLISHED),
    ]
    out = list(code_texts(items, batch_size=2))
    assert [key for key, _ in out] == ["b", "a", "c"]
    assert [events for _, events in out] == [code_text(t, d) for _, t, d in items]


@pytest.mark.slow
def test_code_texts_with_two_processes_gives_the_same_result() -> None:
    items = [(str(i), f"Russia attacked Ukraine {i} times.", PUBLISHED) for i in range(8)]
    assert list(code_texts(items, n_process=2, batch_size=2)) == list(code_texts(items))


def test_coder_all_is_the_public_surface() -> None:
    import types

    import cameo_events.coder as coder

    public = {
        name
        for name, value in vars(coder).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert public == set(coder.__all__)
