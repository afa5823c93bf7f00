"""Translations: the catalogues load, and the window speaks the chosen language."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from oms_desktop.core.errors import OrderCancelled
from oms_desktop.ui import i18n
from oms_desktop.ui.i18n import choose_language, install_translators, translations_dir
from oms_desktop.ui.labels import status_label
from oms_desktop.ui.messages import error_message
from tests.conftest import TestDatabase


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[None]:
    previous_locale = QLocale()
    yield
    i18n.remove_translators(qapp)
    QLocale.setDefault(previous_locale)


@pytest.mark.parametrize("language", ["tr", "en"])
def test_catalogue_files_load(language: str):
    translator = QTranslator()
    assert translator.load(f"oms_desktop_{language}", str(translations_dir()))
    assert not translator.isEmpty()
    qtbase = QTranslator()
    assert qtbase.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    )


def test_turkish_window(qapp, restore_language, station_db: TestDatabase, make_window):
    assert install_translators(qapp, "tr") == "tr"
    window = make_window(station_db)

    assert "Paketlemeyi" in window.complete_button.text()
    assert window.filter_combo.itemText(0) == "Açık işler"
    assert status_label("cancelled") == "İptal edildi"
    assert status_label("attempted_delivery") == "Teslim edilemedi"
    assert "Eşitleme kapalı" in window.sync_status.text()
    message = error_message(OrderCancelled("PKG-1", "1001"), "PKG-1")
    assert message.title == "Sipariş iptal edildi, paketlemeyin, ürünleri yerine koyun"
    # Qt's own catalogue: standard buttons speak Turkish too.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "İptal"


def test_english_window(qapp, restore_language, station_db: TestDatabase, make_window):
    assert install_translators(qapp, "en") == "en"
    window = make_window(station_db)

    assert window.complete_button.text() == "Complete packaging"
    assert QCoreApplication.translate("ScanMessages", "%n item(s)", "", 1) == "1 item"
    assert QCoreApplication.translate("ScanMessages", "%n item(s)", "", 2) == "2 items"


def test_switching_language_replaces_translators(qapp, restore_language):
    install_translators(qapp, "tr")
    install_translators(qapp, "en")
    assert status_label("packed") == "Packed"


def test_choose_language_order(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "tr")
    assert choose_language(None) == "tr"
    assert choose_language("en") == "en"
    monkeypatch.setenv(i18n.LANGUAGE_ENV, "EN")
    assert choose_language(None) == "en"
    with pytest.raises(ValueError, match="unsupported language"):
        choose_language("de")


def test_choose_language_from_system_locale(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(i18n.LANGUAGE_ENV, raising=False)
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.Turkish))
    assert choose_language(None) == "tr"
    monkeypatch.setattr(QLocale, "system", lambda: QLocale(QLocale.Language.German))
    assert choose_language(None) == "en"
