"""Deterministic writers: the streamed JSON list is write_json's bytes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cameo_events.release.files import write_json, write_json_list


@pytest.mark.parametrize(
    "items",
    [[], [{"a": "1"}], [{"b": "x\ny", "a": "ü"}, {"nested": {"k": [1, 2, {"z": None}]}}, "s", 3]],
)
def test_write_json_list_matches_write_json(tmp_path: Path, items: list[Any]) -> None:
    write_json({"rejected": items}, tmp_path / "whole.json")
    assert write_json_list("rejected", iter(items), tmp_path / "streamed.json") == len(items)
    assert (tmp_path / "streamed.json").read_bytes() == (tmp_path / "whole.json").read_bytes()
