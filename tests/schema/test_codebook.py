from __future__ import annotations

import pytest

from cameo_events.schema.codebook import UnknownCodeError, packaged_codebook, quad_class_of_root


def test_every_code_has_label_goldstein_quad_class_and_parent() -> None:
    book = packaged_codebook()
    assert len(book) >= 310
    assert [r.code for r in book.roots()] == [f"{i:02d}" for i in range(1, 21)]
    for entry in book.values():
        assert entry.label and entry.description, entry.code
        assert -10 <= entry.goldstein <= 10
        assert entry.quad_class == quad_class_of_root(entry.root_code)
        if entry.level > 2:
            assert entry.parent == entry.code[: entry.level - 1]
            assert entry.parent in book
        else:
            assert entry.parent is None


def test_icews_additions_are_flagged() -> None:
    origins = {e.code: e.origin for e in packaged_codebook().values()}
    assert origins["1213"] == "icews"
    assert set(origins.values()) == {"cameo", "icews"}


def test_unknown_code_error_suggests_leading_zero() -> None:
    with pytest.raises(UnknownCodeError, match="did you mean '036'"):
        packaged_codebook()["36"]


def test_alternative_scales_differ_where_the_datasets_differ() -> None:
    book = packaged_codebook()
    # Phoenix's quad class is 0-4: statements and appeals are "neutral" (0).
    assert book.quad_class("010", "phoenix") == 0
    assert book.quad_class("010", "gdelt") == 1
    assert book.goldstein("016", "cameo") != book.goldstein("016", "gdelt")
    with pytest.raises(ValueError, match="unknown scale"):
        book.goldstein("010", "acled")


@pytest.mark.parametrize("root", ["00", "21"])
def test_roots_outside_cameo_have_no_quad_class(root: str) -> None:
    with pytest.raises(ValueError):
        quad_class_of_root(root)
