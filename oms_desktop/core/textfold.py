"""Text folding for search, and trimming for identifiers.

Human text (customer names, product names, cities) is folded so that a packer who types
"istanbul", "ISTANBUL" or "İstanbul" finds the same rows. Identifiers (package, order and
tracking numbers, barcodes) are never folded: they are matched exactly, so only the
invisible characters a scanner or a paste adds around them are removed.
"""

from __future__ import annotations

import unicodedata

# The four Turkish forms of the letter I fold to one letter. Python's own rules keep
# "ı" apart from "i" and turn "İ" into two characters ("i" and U+0307 COMBINING DOT ABOVE).
_I_FORMS = frozenset("İIıi")


def fold_for_search(text: str) -> str:
    """Fold ``text`` for case-insensitive search; the result has the same length.

    İ, I, ı and i all become "i". Every other character is case-folded on its own. A
    character whose folding takes several characters ("ß" folds to "ss") is lowercased
    instead, or kept as it is. So a position in the folded text is the same position in
    the original, and a highlighted match lines up with the text shown.
    """
    return "".join(_fold_character(character) for character in text)


def _fold_character(character: str) -> str:
    if character in _I_FORMS:
        return "i"
    folded = character.casefold()
    if len(folded) == 1:
        return folded
    lowered = character.lower()
    if len(lowered) == 1:
        return lowered
    return character


def is_edge_junk(character: str) -> bool:
    """Tell whether ``character`` is whitespace or a control character (Unicode category Cc)."""
    return character.isspace() or unicodedata.category(character) == "Cc"


def normalise_identifier(code: str) -> str:
    """Remove whitespace and control characters around ``code``; the inside and the case stay.

    A scanner ends a read with Enter or Tab and may add other control characters; those
    never belong to an identifier. Nothing else changes, because identifiers are matched
    exactly.
    """
    start = 0
    end = len(code)
    while start < end and is_edge_junk(code[start]):
        start += 1
    while end > start and is_edge_junk(code[end - 1]):
        end -= 1
    return code[start:end]
