"""Translated labels, help texts, units and choice names of the application settings.

The settings registry in ``oms_desktop.core.settings`` declares each setting once with
an English description for logs and the command line; this table gives the window its
translated words, keyed by setting name. A setting missing here falls back to the
registry's description, untranslated, and a test lists such settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from oms_desktop.core.settings import SETTINGS

CONTEXT = "SettingLabels"


@dataclass(frozen=True)
class SettingText:
    label: object
    help: object = ""
    unit: object = ""


# QT_TRANSLATE_NOOP only marks the text for lupdate and returns it; its stub says object.
SECONDS = QT_TRANSLATE_NOOP("SettingLabels", " s")
MILLISECONDS = QT_TRANSLATE_NOOP("SettingLabels", " ms")

SETTING_TEXTS: dict[str, SettingText] = {
    "AUTO_RUN_SHIP_THE_PACKAGE_COMMAND": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Follow shipment status from Omnitron"),
        QT_TRANSLATE_NOOP(
            "SettingLabels",
            "Moves packed packages to shipped, delivery attempted or delivered as Omnitron "
            "reports them.",
        ),
    ),
    "ORDER_PULL_INTERVAL_SECONDS": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "New orders: check every"),
        QT_TRANSLATE_NOOP("SettingLabels", "Seconds between two requests for new orders."),
        SECONDS,
    ),
    "OUTBOX_INTERVAL_SECONDS": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Reports to Omnitron: send every"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "Seconds between two deliveries of waiting reports to Omnitron."
        ),
        SECONDS,
    ),
    "STATUS_POLL_INTERVAL_SECONDS": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Shipment status: check every"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "Seconds between two checks of the packed packages' status."
        ),
        SECONDS,
    ),
    "STATUS_POLL_BATCH_SIZE": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Orders per status request"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "How many orders one shipment status request to Omnitron asks for."
        ),
    ),
    "STATUS_POLL_CONCURRENCY": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Status requests at the same time"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "How many shipment status requests may wait for Omnitron at once."
        ),
    ),
    "OMNITRON_URL": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Omnitron address"),
        QT_TRANSLATE_NOOP("SettingLabels", "For example https://omnitron.example.com"),
    ),
    "OMNITRON_USER": SettingText(QT_TRANSLATE_NOOP("SettingLabels", "User name")),
    "OMNITRON_AUTH_PREFIX": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Login path prefix"),
        QT_TRANSLATE_NOOP("SettingLabels", "Path before auth/login/, usually /api/i1/"),
    ),
    "OMNITRON_ORDERS_PREFIX": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Orders path prefix"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "Path before orders/, channels/ and cargo_companies/, usually /api/i1/"
        ),
    ),
    "OMNITRON_UPDATE_PREFIX": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Update path prefix"),
        QT_TRANSLATE_NOOP("SettingLabels", "Path before order_items/, usually /api/v1/"),
    ),
    "OMNITRON_CA_BUNDLE": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Company CA certificates"),
        QT_TRANSLATE_NOOP(
            "SettingLabels",
            "A PEM file with the certificate authorities your company uses, when Omnitron "
            "is reached through a company proxy. Leave empty to trust the usual ones.",
        ),
    ),
    # run_gui applies it at start unless --language or OMS_LANGUAGE chose another.
    "LANGUAGE": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Language"),
        QT_TRANSLATE_NOOP("SettingLabels", "Takes effect the next time the program starts."),
    ),
    "SCANNER_MAX_KEY_GAP_MS": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Scanner: longest pause between keys"),
        QT_TRANSLATE_NOOP(
            "SettingLabels",
            "Keys typed faster than this count as one barcode scan; a person types slower.",
        ),
        MILLISECONDS,
    ),
    "SCANNER_MIN_LENGTH": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Scanner: shortest barcode"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "Fewest characters a fast burst of keys needs to count as a scan."
        ),
    ),
    "SCANNER_TERMINATOR": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Scanner: key after each code"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "The key the scanner sends at the end of every barcode."
        ),
    ),
    "SCANNER_PREFIX": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Scanner: prefix"),
        QT_TRANSLATE_NOOP(
            "SettingLabels",
            "Text the scanner sends before every code; it is removed. Leave empty for none.",
        ),
    ),
    "DUPLICATE_SCAN_WINDOW_MS": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Ignore the same item scanned again within"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "A scanner that reads one barcode twice this fast counts it once."
        ),
        MILLISECONDS,
    ),
    "VERIFY_ITEMS": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Check items by scanning them"),
        QT_TRANSLATE_NOOP(
            "SettingLabels",
            "A package scan opens the package so each item is scanned; off: it packs at once.",
        ),
    ),
    "AUTO_COMPLETE_WHEN_VERIFIED": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Complete when every item is scanned"),
        QT_TRANSLATE_NOOP(
            "SettingLabels", "Completes packaging as soon as the last item has been scanned."
        ),
    ),
    "ALLOW_COMPLETE_WITHOUT_VERIFYING": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Allow completing without scanning every item"),
        QT_TRANSLATE_NOOP("SettingLabels", "Each such completion is written to the audit log."),
    ),
    "SOUND_ENABLED": SettingText(
        QT_TRANSLATE_NOOP("SettingLabels", "Play a sound for each scan"),
        QT_TRANSLATE_NOOP("SettingLabels", "A different sound for success and for failure."),
    ),
}

CHOICE_TEXTS: dict[tuple[str, str], object] = {
    ("LANGUAGE", "system"): QT_TRANSLATE_NOOP("SettingLabels", "As the operating system"),
    # Language names are written in their own language, so anyone can find theirs.
    ("LANGUAGE", "tr"): QT_TRANSLATE_NOOP("SettingLabels", "Türkçe"),
    ("LANGUAGE", "en"): QT_TRANSLATE_NOOP("SettingLabels", "English"),
    ("SCANNER_TERMINATOR", "enter"): QT_TRANSLATE_NOOP("SettingLabels", "Enter"),
    ("SCANNER_TERMINATOR", "tab"): QT_TRANSLATE_NOOP("SettingLabels", "Tab"),
    ("SCANNER_TERMINATOR", "crlf"): QT_TRANSLATE_NOOP("SettingLabels", "Enter and line feed"),
    ("SCANNER_TERMINATOR", "any"): QT_TRANSLATE_NOOP("SettingLabels", "Any of these"),
}


def _translate(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text)) if text else ""


def setting_label(key: str) -> str:
    """Return the translated label of setting ``key``; its English description if it has none."""
    texts = SETTING_TEXTS.get(key)
    if texts is None:
        spec = SETTINGS.get(key)
        return spec.description if spec is not None else key
    return _translate(texts.label)


def setting_help(key: str) -> str:
    texts = SETTING_TEXTS.get(key)
    return _translate(texts.help) if texts is not None else ""


def setting_unit(key: str) -> str:
    """Return the translated unit suffix of ``key``'s spin box, such as " s"; "" for none."""
    texts = SETTING_TEXTS.get(key)
    return _translate(texts.unit) if texts is not None else ""


def choice_label(key: str, value: str) -> str:
    text = CHOICE_TEXTS.get((key, value))
    return _translate(text) if text is not None else value


def unlabelled_settings() -> list[str]:
    """Return the registered settings this table has no label for."""
    return [key for key in SETTINGS if key not in SETTING_TEXTS]
