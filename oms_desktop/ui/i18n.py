"""Language of the user interface: the station's own catalogue plus Qt's qtbase catalogue.

The choice, first match wins: the ``language`` argument, the environment variable
OMS_LANGUAGE (tr or en), then Turkish when the system locale is Turkish and English
otherwise. Loading qtbase_<lang>.qm as well makes standard buttons (Close, Cancel,
OK) speak the same language as the rest of the window.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from oms_desktop.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGE_ENV = "OMS_LANGUAGE"
SUPPORTED_LANGUAGES = ("tr", "en")
CATALOGUE_NAME = "oms_desktop"

_LOCALES = {
    "tr": QLocale(QLocale.Language.Turkish, QLocale.Country.Turkey),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}

# QCoreApplication does not own installed translators: they must stay referenced here
# for as long as they are installed.
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    return resources_dir() / "translations"


def choose_language(language: str | None = None) -> str:
    """Return "tr" or "en" from the argument, OMS_LANGUAGE or the system locale.

    Raises:
        ValueError: ``language`` is given but not supported.
    """
    if language is not None:
        chosen = language.strip().lower()
        if chosen not in SUPPORTED_LANGUAGES:
            supported = ", ".join(SUPPORTED_LANGUAGES)
            raise ValueError(f"unsupported language {language!r}; use one of {supported}")
        return chosen
    from_env = os.environ.get(LANGUAGE_ENV, "").strip().lower()
    if from_env:
        if from_env in SUPPORTED_LANGUAGES:
            return from_env
        log.warning("Ignoring %s=%r: not one of %s", LANGUAGE_ENV, from_env, SUPPORTED_LANGUAGES)
    if QLocale.system().language() == QLocale.Language.Turkish:
        return "tr"
    return "en"


def remove_translators(app: QCoreApplication) -> None:
    """Uninstall the translators this module installed; texts fall back to English."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()


def install_translators(app: QCoreApplication, language: str | None = None) -> str:
    """Install the catalogues of the chosen language on ``app`` and return the language.

    Translators installed by an earlier call are removed first, so calling it again
    switches the language. A missing catalogue is logged; the window then shows the
    English source texts.
    """
    chosen = choose_language(language)
    remove_translators(app)

    QLocale.setDefault(_LOCALES[chosen])

    own = QTranslator(app)
    own_dir = translations_dir()
    if own.load(f"{CATALOGUE_NAME}_{chosen}", str(own_dir)):
        app.installTranslator(own)
        _installed.append(own)
    else:
        log.warning("No %s catalogue for %r in %s", CATALOGUE_NAME, chosen, own_dir)

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qtbase = QTranslator(app)
    if qtbase.load(f"qtbase_{chosen}", qt_dir):
        app.installTranslator(qtbase)
        _installed.append(qtbase)
    else:
        log.warning("No qtbase catalogue for %r in %s", chosen, qt_dir)

    log.info("User interface language: %s", chosen)
    return chosen
