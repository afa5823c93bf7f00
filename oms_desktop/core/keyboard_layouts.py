"""Undo what a Turkish keyboard layout does to a scanner programmed for the US layout.

A USB scanner in keyboard mode sends key positions (scan codes), not characters: to type
"-" a scanner set up for the US layout presses the key right of "0". The computer turns
that position into a character with its own layout, so on Turkish Q the packer's screen
shows "*". ``type_as`` computes what the computer receives; ``remap`` inverts it and
returns what the scanner meant.

Sources of the key tables: the Windows layouts "Turkish Q" (kbdtuq) and "Turkish F"
(kbdtuf), base and Shift levels, and the US layout (kbdus) for the positions. Only keys a
US scanner presses are listed: the 47 character keys of a US keyboard and the space bar,
with and without Shift. A US scanner never presses AltGr or the ISO key left of Z, so
characters the Turkish layouts put there (such as "<", "@" or "€") have no entry.

NOTE: Shift+3 gives "^" on both Turkish layouts and is a dead key in Windows, so a "#"
sent by a US scanner may merge with the next letter ("#a" can arrive as "â"). The tables
treat "^" as a plain character; codes containing "#" are not remapped correctly.
"""

from __future__ import annotations

TURKISH_Q = "tr_q"
TURKISH_F = "tr_f"
LAYOUTS = (TURKISH_Q, TURKISH_F)

LAYOUT_TITLES = {TURKISH_Q: "Turkish Q", TURKISH_F: "Turkish F"}

# Each string lists the same key positions in the same order. They are the row left of
# Backspace (13 keys), the row from Q (12), the row from A (11), and the key above Enter on
# a US keyboard, which is left of Enter on an ISO one (1). Then come the row from Z (10)
# and the space bar.
_US_BASE = "".join(("`1234567890-=", "qwertyuiop[]", "asdfghjkl;'", "\\", "zxcvbnm,./", " "))
_US_SHIFT = "".join(("~!@#$%^&*()_+", "QWERTYUIOP{}", 'ASDFGHJKL:"', "|", "ZXCVBNM<>?", " "))

_TURKISH_Q_BASE = "".join(('"1234567890*-', "qwertyuıopğü", "asdfghjklşi", ",", "zxcvbnmöç.", " "))
_TURKISH_Q_SHIFT = "".join(("é!'^+%&/()=?_", "QWERTYUIOPĞÜ", "ASDFGHJKLŞİ", ";", "ZXCVBNMÖÇ:", " "))

_TURKISH_F_BASE = "".join(("+1234567890/-", "fgğıodrnhpqw", "uieaütkmlyş", "x", "jövcçzsb.,", " "))
_TURKISH_F_SHIFT = "".join(
    ("*!\"^$%&'()=?_", "FGĞIODRNHPQW", "UİEAÜTKMLYŞ", "X", "JÖVCÇZSB:;", " ")
)


def _build(base: str, shifted: str) -> dict[str, str]:
    us_keys = _US_BASE + _US_SHIFT
    layout_keys = base + shifted
    if len(us_keys) != len(layout_keys):
        raise AssertionError(f"key table has {len(layout_keys)} positions, US has {len(us_keys)}")
    return dict(zip(us_keys, layout_keys, strict=True))


def _invert(forward: dict[str, str]) -> dict[str, str]:
    inverse = {received: sent for sent, received in forward.items()}
    if len(inverse) != len(forward):
        raise AssertionError("two US keys produce the same character; the table is wrong")
    return inverse


# US character -> character the computer receives with the layout.
_FORWARD: dict[str, dict[str, str]] = {
    TURKISH_Q: _build(_TURKISH_Q_BASE, _TURKISH_Q_SHIFT),
    TURKISH_F: _build(_TURKISH_F_BASE, _TURKISH_F_SHIFT),
}
# Character received -> US character the scanner sent.
_INVERSE: dict[str, dict[str, str]] = {layout: _invert(table) for layout, table in _FORWARD.items()}


def _table(tables: dict[str, dict[str, str]], layout: str) -> dict[str, str]:
    try:
        return tables[layout]
    except KeyError:
        known = ", ".join(LAYOUTS)
        raise ValueError(f"unknown keyboard layout {layout!r}; expected one of {known}") from None


def type_as(text: str, layout: str) -> str:
    """Return what a computer set to ``layout`` receives when a US scanner sends ``text``.

    Characters a US keyboard cannot type without AltGr stay as they are.
    """
    table = _table(_FORWARD, layout)
    return "".join(table.get(character, character) for character in text)


def remap(text: str, layout: str) -> str:
    """Return what a US scanner meant when a computer set to ``layout`` received ``text``.

    Characters the table has no entry for (such as "@", which a US scanner cannot make a
    Turkish layout produce) stay as they are.

    Raises:
        ValueError: ``layout`` is not one of ``LAYOUTS``.
    """
    table = _table(_INVERSE, layout)
    return "".join(table.get(character, character) for character in text)
