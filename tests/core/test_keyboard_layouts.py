"""Key-position remaps between a US-programmed scanner and the Turkish Q and F layouts."""

from __future__ import annotations

import string

import pytest

from oms_desktop.core.keyboard_layouts import LAYOUTS, remap, type_as

US_CHARACTERS = string.ascii_letters + string.digits + string.punctuation + " "


def test_layout_names() -> None:
    assert LAYOUTS == ("tr_q", "tr_f")


@pytest.mark.parametrize(("layout", "received"), [("tr_q", "TRK*12345"), ("tr_f", "OIM/12345")])
def test_tracking_number_round_trip(layout: str, received: str) -> None:
    assert type_as("TRK-12345", layout) == received
    assert remap(received, layout) == "TRK-12345"


@pytest.mark.parametrize(("layout", "received"), [("tr_q", "kıt*ı7"), ("tr_f", "mno/n7")])
def test_sku_round_trip(layout: str, received: str) -> None:
    assert type_as("kit-i7", layout) == received
    assert remap(received, layout) == "kit-i7"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_us_character_round_trips(layout: str) -> None:
    for character in US_CHARACTERS:
        typed = type_as(character, layout)
        assert len(typed) == 1, character
        assert remap(typed, layout) == character, f"{character!r} typed as {typed!r}"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_forward_table_is_one_to_one(layout: str) -> None:
    received = {type_as(character, layout) for character in US_CHARACTERS}
    assert len(received) == len(US_CHARACTERS)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_digits_unchanged(layout: str) -> None:
    code = "7330001234567"
    assert type_as(code, layout) == code
    assert remap(code, layout) == code


@pytest.mark.parametrize(
    ("sent", "received"),
    [
        ("-", "*"),
        ("=", "-"),
        ("i", "ı"),
        ("I", "I"),
        ("'", "i"),
        ('"', "İ"),
        (";", "ş"),
        (":", "Ş"),
        ("[", "ğ"),
        ("]", "ü"),
        (",", "ö"),
        (".", "ç"),
        ("/", "."),
        ("?", ":"),
        ("\\", ","),
        ("|", ";"),
        ("`", '"'),
        ("~", "é"),
        ("@", "'"),
        ("#", "^"),
        ("$", "+"),
        ("^", "&"),
        ("&", "/"),
        ("*", "("),
        ("(", ")"),
        (")", "="),
        ("_", "?"),
        ("+", "_"),
    ],
)
def test_turkish_q_positions(sent: str, received: str) -> None:
    assert type_as(sent, "tr_q") == received


@pytest.mark.parametrize(
    ("sent", "received"),
    [
        ("qwertyuiop[]", "fgğıodrnhpqw"),
        ("asdfghjkl;'\\", "uieaütkmlyşx"),
        ("zxcvbnm,./", "jövcçzsb.,"),
        ("QWERTYUIOP{}", "FGĞIODRNHPQW"),
        ('ASDFGHJKL:"|', "UİEAÜTKMLYŞX"),
        ("ZXCVBNM<>?", "JÖVCÇZSB:;"),
        ("`-=", "+/-"),
        ("~!@#$%^&*()_+", "*!\"^$%&'()=?_"),
    ],
)
def test_turkish_f_positions(sent: str, received: str) -> None:
    assert type_as(sent, "tr_f") == received


def test_unknown_characters_stay() -> None:
    # A US scanner cannot make a Turkish layout produce "@" or "€" (both need AltGr).
    assert remap("€@x\x1d", "tr_q") == "€@x\x1d"
    assert type_as("ğ€", "tr_f") == "ğ€"


def test_unknown_layout_rejected() -> None:
    with pytest.raises(ValueError, match="tr_q, tr_f"):
        remap("abc", "de")
