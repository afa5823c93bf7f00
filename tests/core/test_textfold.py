"""Search folding and identifier trimming."""

from __future__ import annotations

import pytest

from oms_desktop.core.textfold import fold_for_search, normalise_identifier


@pytest.mark.parametrize("text", ["İSTANBUL", "Istanbul", "ıstanbul", "istanbul", "iSTANBUL"])
def test_fold_joins_four_turkish_i_forms(text: str) -> None:
    assert fold_for_search(text) == "istanbul"


def test_fold_keeps_length() -> None:
    text = "İĞNE ŞİŞ Straße ẞ ǅ"
    folded = fold_for_search(text)

    assert len(folded) == len(text)
    assert folded == "iğne şiş straße ß ǆ"


def test_fold_lowercases_turkish_capitals() -> None:
    assert fold_for_search("ÇÖĞÜŞ") == "çöğüş"


def test_python_lower_would_change_length() -> None:
    # The reason fold_for_search exists: str.lower() turns İ into two characters.
    assert len("İ".lower()) == 2
    assert len(fold_for_search("İ")) == 1


def test_normalise_trims_whitespace_and_controls() -> None:
    assert normalise_identifier("  PKG-0001001\r\n") == "PKG-0001001"
    assert normalise_identifier("\x00\x1dTRK-1\t\x1d") == "TRK-1"


def test_normalise_keeps_inside_and_case() -> None:
    assert normalise_identifier(" A b\x1dC ") == "A b\x1dC"
    assert normalise_identifier("PKG-İ1") == "PKG-İ1"
    assert normalise_identifier("pkg-i1") == "pkg-i1"


def test_identifiers_distinct_where_search_joins() -> None:
    dotted = normalise_identifier("PKG-İ1")
    plain = normalise_identifier("PKG-i1")

    assert dotted != plain
    assert fold_for_search(dotted) == fold_for_search(plain)


def test_normalise_empty_and_blank() -> None:
    assert normalise_identifier("") == ""
    assert normalise_identifier(" \r\n\x1d ") == ""
