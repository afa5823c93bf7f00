"""Search over the package table: a Turkish-aware text fold and the filtering proxy.

The fold builds on the core's ``fold_for_search``, which maps İ, I, ı and i to one
letter (Python's ``str.lower`` turns "I" into "i" where Turkish wants "ı", and "İ" into
two characters). On top of that the search maps the other Turkish letters to their
ASCII base letter (ç to c, ş to s ...), so a keyboard without a Turkish layout still
finds "Yurtiçi" by typing "yurtici".
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel

from oms_desktop.core.queries import PackageRow
from oms_desktop.core.textfold import fold_for_search as fold_case

# Applied after case folding, so only lower-case letters are listed.
_TURKISH_TO_ASCII = str.maketrans(
    {
        "ç": "c",
        "ğ": "g",
        "ö": "o",
        "ş": "s",
        "ü": "u",
        # A combining dot above left over from a decomposed "İ" that NFC could not compose.
        "\u0307": None,
    }
)


def fold_for_search(text: str) -> str:
    """Return ``text`` in the form two strings are compared in when searching.

    İ, I, ı and i become "i"; other letters are case-folded; ç, ğ, ö, ş and ü become
    c, g, o, s and u. Surrounding whitespace is dropped and inner runs of whitespace
    become one space.
    """
    composed = unicodedata.normalize("NFC", text)
    folded = fold_case(composed).translate(_TURKISH_TO_ASCII)
    return " ".join(folded.split())


def package_search_text(row: PackageRow) -> str:
    """Return the folded text a search matches against: numbers, channel and cargo company."""
    parts = [
        row.number,
        row.order_number,
        row.tracking_number or "",
        row.channel,
        row.cargo_company or "",
    ]
    return fold_for_search(" ".join(parts))


class PackageFilterProxyModel(QSortFilterProxyModel):
    """Sorts by the source model's sort role and keeps rows matching every search word.

    NOTE: sorting and searching see only the pages loaded so far. The view loads more
    pages as the packer scrolls, but a package beyond them is not found until then.

    ``row_role`` is the source role that returns a PackageRow.
    """

    def __init__(self, row_role: int, sort_role: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._row_role = row_role
        self._words: list[str] = []
        self.setSortRole(sort_role)
        self.setDynamicSortFilter(True)

    def search_words(self) -> list[str]:
        return list(self._words)

    def set_search_text(self, text: str) -> None:
        """Keep only rows whose text contains every whitespace-separated word of ``text``."""
        words = fold_for_search(text).split()
        if words == self._words:
            return
        # begin/endFilterChange (Qt 6.10+) replaces invalidateFilter, deprecated there.
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def lessThan(
        self,
        source_left: QModelIndex | QPersistentModelIndex,
        source_right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Compare by the sort role, then by package id, so equal keys keep the oldest first.

        Without the tie-break a row whose data changed moves to the end of its group,
        and the list reorders under the packer's eyes.
        """
        role = self.sortRole()
        left = source_left.data(role)
        right = source_right.data(role)
        if left != right:
            return bool(left < right)
        left_row = source_left.data(self._row_role)
        right_row = source_right.data(self._row_role)
        if isinstance(left_row, PackageRow) and isinstance(right_row, PackageRow):
            return left_row.id < right_row.id
        return False

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self._words:
            return True
        source = self.sourceModel()
        row = source.data(source.index(source_row, 0, source_parent), self._row_role)
        if not isinstance(row, PackageRow):
            return False
        haystack = package_search_text(row)
        return all(word in haystack for word in self._words)
