"""The search fold and the filtering proxy: İ, I, ı and i are one letter."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from oms_desktop.core.db import transaction
from oms_desktop.core.models import CargoCompany
from oms_desktop.ui.package_model import PackageTableModel
from oms_desktop.ui.search import PackageFilterProxyModel, fold_for_search
from tests.conftest import TestDatabase
from tests.ui.conftest import add_order


@pytest.mark.parametrize("text", ["İSTANBUL", "ISTANBUL", "ıstanbul", "istanbul", "İstanbul"])
def test_fold_joins_the_four_i_forms(text: str):
    assert fold_for_search(text) == "istanbul"


def test_fold_keeps_length_of_dotted_capital_i():
    # str.lower() would give "i̇" (two code points) for "İ".
    assert fold_for_search("İ") == "i"
    assert fold_for_search("I\u0307") == "i"


def test_fold_maps_turkish_letters_to_ascii():
    assert fold_for_search("Yurtiçi ÇİÇEK Şişli Göğüs ÜSKÜDAR") == (
        "yurtici cicek sisli gogus uskudar"
    )


def test_fold_collapses_whitespace():
    assert fold_for_search("  PKG-1 \t  kargo \n") == "pkg-1 kargo"


def test_proxy_matches_every_i_form(qtbot: QtBot, station_db: TestDatabase):
    add_order(station_db, 1001)
    add_order(station_db, 1002, cargo_company=9)
    with transaction(station_db.sessions) as session:
        cargo = session.query(CargoCompany).filter_by(omnitron_id=9).one()
        cargo.name = "İnci Kargo"
    model = PackageTableModel(station_db.sessions)
    proxy = PackageFilterProxyModel(PackageTableModel.PACKAGE_ROW_ROLE, PackageTableModel.SORT_ROLE)
    proxy.setSourceModel(model)
    with qtbot.waitSignal(model.page_loaded):
        model.fetchMore(model.index(-1, -1))
    assert proxy.rowCount() == 2

    for typed in ("inci", "İNCİ", "INCI", "ıncı", "İnci kargo"):
        proxy.set_search_text(typed)
        assert proxy.rowCount() == 1, typed
        assert proxy.index(0, PackageTableModel.COLUMN_CARGO).data() == "İnci Kargo"

    proxy.set_search_text("inci hepsiburada")
    assert proxy.rowCount() == 0
    proxy.set_search_text("")
    assert proxy.rowCount() == 2
