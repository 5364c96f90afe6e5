"""Scoring the coder against gold annotations."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from cameo_events.evaluate import GoldEvent, evaluate_wcep, load_gold, load_gold_items, score
from tests.conftest import shared_file


def G(source: str, target: str, code: str) -> GoldEvent:
    return GoldEvent(source, target, code)


def test_levels_and_multisets() -> None:
    gold = {
        1: [G("ISRMIL", "PSECVL", "195"), G("ISRMIL", "PSECVL", "195")],
        2: [],
        3: [G("RUS", "UKR", "036")],
    }
    predicted = {
        1: [G("ISR", "PSE", "190")],  # L1 match only
        2: [G("USA", "CHN", "111")],  # false positive on an empty item
        3: [G("RUS", "UKR", "036")],
        4: [G("FRA", "DEU", "040")],  # not in gold: ignored
    }
    s = score(gold, predicted)
    assert (s.items, s.l1.gold, s.l1.predicted, s.l1.matched) == (3, 3, 3, 2)
    assert (s.l2.gold, s.l2.predicted, s.l2.matched) == (3, 3, 1)
    assert s.l1.precision == pytest.approx(2 / 3) and s.l1.recall == pytest.approx(2 / 3)
    assert s.l2.f1 == pytest.approx(1 / 3)
    assert (s.per_root["19"].gold, s.per_root["19"].predicted, s.per_root["19"].matched) == (
        2,
        1,
        1,
    )
    assert s.per_root["11"].predicted == 1 and s.per_root["11"].matched == 0


def test_empty_scores_are_zero_not_errors() -> None:
    s = score({1: []}, {})
    assert (s.l1.precision, s.l1.recall, s.l1.f1) == (0.0, 0.0, 0.0)


def test_reports() -> None:
    s = score({1: [G("RUS", "UKR", "190")]}, {1: [G("RUS", "UKR", "190")]})
    data = json.loads(s.to_json())
    assert data["l1"]["f1"] == 1.0 and data["per_root"]["19"]["matched"] == 1
    assert "L2" in s.to_text() and "1.000" in s.to_text()


def _gold_line(item: int, text: str, events: list[dict[str, object]]) -> str:
    digest = hashlib.sha256(text.encode()).hexdigest()[:16]
    return json.dumps({"item": item, "sha256": digest, "published": "2025-03-12", "events": events})


def _corpus(tmp_path: Path, texts: list[str]) -> Path:
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps({"date": "2025-03-12", "text": t}) + "\n" for t in texts))
    return path


def test_load_gold_reads_a_folder(tmp_path: Path) -> None:
    (tmp_path / "part-1.jsonl").write_text(
        _gold_line(1, "x", [{"source": "RUS", "target": "UKR", "code": "190",
                             "date": "2025-03-12", "trigger_span": [0, 1]}]) + "\n"
    )  # fmt: skip
    (tmp_path / "part-2.jsonl").write_text(_gold_line(2, "y", []) + "\n")
    gold = load_gold(tmp_path)
    assert gold == {1: [GoldEvent("RUS", "UKR", "190", gold[1][0].date, None, None, (0, 1))],
                    2: []}  # fmt: skip


def test_malformed_and_duplicate_gold_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"item": 1}\n')
    with pytest.raises(ValueError, match=r"g.jsonl:1: malformed"):
        load_gold_items(path)
    path.write_text(_gold_line(1, "x", []) + "\n" + _gold_line(1, "x", []) + "\n")
    with pytest.raises(ValueError, match=r"g.jsonl:2: item 1 is annotated twice"):
        load_gold_items(path)


def test_evaluate_on_a_small_corpus(tmp_path: Path) -> None:
    texts = ["Russia attacked Ukraine.", "The weather was mild.", "Iran will visit Egypt."]
    corpus = _corpus(tmp_path, texts)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "part-1.jsonl").write_text(
        "\n".join([
            _gold_line(1, texts[0], [{"source": "RUS", "target": "UKR", "code": "190"}]),
            _gold_line(2, texts[1], []),
            _gold_line(3, texts[2], [{"source": "IRN", "target": "EGY", "code": "040"}]),
        ]) + "\n"
    )  # fmt: skip
    s = evaluate_wcep(gold_dir, corpus)
    assert (s.l1.gold, s.l1.predicted, s.l1.matched) == (2, 2, 1)  # 036 is not root 04
    assert s.l2.matched == 1


def test_changed_corpus_is_detected(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, ["Russia attacked Ukraine."])
    gold = tmp_path / "gold.jsonl"
    gold.write_text(_gold_line(1, "Russia attacked Ukraine!", []) + "\n")
    with pytest.raises(ValueError, match="item 1: text sha256"):
        evaluate_wcep(gold, corpus)


def test_dev_gold_matches_the_shared_corpus(shared_dir: Path) -> None:
    corpus = shared_file(shared_dir, "corpora/wcep-2025-2026/events.jsonl")
    gold_dir = Path(__file__).resolve().parents[2] / "seeds" / "gold" / "wcep-dev"
    items = load_gold_items(gold_dir)
    assert items, "no dev gold found"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    for it in items:
        text = json.loads(lines[int(it.item) - 1])["text"]
        assert hashlib.sha256(text.encode()).hexdigest().startswith(it.sha256), it.item
