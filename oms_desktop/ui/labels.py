"""Translated names of statuses, and the short human forms of ages and times.

Status names are marked with QT_TRANSLATE_NOOP so lupdate extracts them, and
translated when shown, so a language change at run time needs no restart of this
module.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QTimeZone

from oms_desktop.core.statuses import PackageStatus, ShipmentStatus

STATUS_CONTEXT = "PackageStatus"
SHIPMENT_CONTEXT = "ShipmentStatus"

# QT_TRANSLATE_NOOP only marks the text for lupdate and returns it; its stub says object.
_STATUS_NAMES: dict[PackageStatus, object] = {
    PackageStatus.WAITING: QT_TRANSLATE_NOOP("PackageStatus", "Waiting"),
    PackageStatus.PREPARING: QT_TRANSLATE_NOOP("PackageStatus", "Preparing"),
    PackageStatus.READY_TO_PACK: QT_TRANSLATE_NOOP("PackageStatus", "Ready to pack"),
    PackageStatus.PACKED: QT_TRANSLATE_NOOP("PackageStatus", "Packed"),
    PackageStatus.SHIPPED: QT_TRANSLATE_NOOP("PackageStatus", "Shipped"),
    PackageStatus.ATTEMPTED_DELIVERY: QT_TRANSLATE_NOOP("PackageStatus", "Delivery attempted"),
    PackageStatus.DELIVERED: QT_TRANSLATE_NOOP("PackageStatus", "Delivered"),
    PackageStatus.OUT_OF_STOCK: QT_TRANSLATE_NOOP("PackageStatus", "Out of stock"),
    PackageStatus.CANCELLED: QT_TRANSLATE_NOOP("PackageStatus", "Cancelled"),
}

_SHIPMENT_NAMES: dict[ShipmentStatus, object] = {
    ShipmentStatus.SHIPPED: QT_TRANSLATE_NOOP("ShipmentStatus", "With the carrier"),
    ShipmentStatus.ATTEMPTED_DELIVERY: QT_TRANSLATE_NOOP("ShipmentStatus", "Delivery attempted"),
    ShipmentStatus.DELIVERED: QT_TRANSLATE_NOOP("ShipmentStatus", "Delivered"),
}


def status_label(status: str) -> str:
    """Return the translated name of a package status given by its stored name.

    An unknown name (a newer station wrote a status this one does not know) is shown
    as stored rather than hidden.
    """
    try:
        source = _STATUS_NAMES[PackageStatus(status)]
    except ValueError:
        return status
    return QCoreApplication.translate(STATUS_CONTEXT, str(source))


def shipment_status_label(status: str | None) -> str:
    """Return the translated name of a shipment status; an empty string for none yet."""
    if not status:
        return ""
    try:
        source = _SHIPMENT_NAMES[ShipmentStatus(status)]
    except ValueError:
        return status
    return QCoreApplication.translate(SHIPMENT_CONTEXT, str(source))


def format_age(seconds: float) -> str:
    """Return an age in the largest whole unit that fits: minutes, hours or days."""
    minutes = int(max(seconds, 0) // 60)
    if minutes < 1:
        #: Age of less than one minute, in a narrow table column.
        return QCoreApplication.translate("Age", "<1 min")
    if minutes < 60:
        #: Age in minutes, abbreviated for a narrow table column; %1 is the number.
        return QCoreApplication.translate("Age", "%1 min").replace("%1", str(minutes))
    hours = minutes // 60
    if hours < 24:
        #: Age in hours, abbreviated for a narrow table column; %1 is the number.
        return QCoreApplication.translate("Age", "%1 h").replace("%1", str(hours))
    #: Age in days, abbreviated for a narrow table column; %1 is the number.
    return QCoreApplication.translate("Age", "%1 d").replace("%1", str(hours // 24))


def _to_qdatetime(moment: dt.datetime) -> QDateTime:
    utc = moment.astimezone(dt.UTC)
    milliseconds = int(utc.timestamp() * 1000)
    return QDateTime.fromMSecsSinceEpoch(milliseconds, QTimeZone.systemTimeZone())


def format_clock(moment: dt.datetime) -> str:
    """Return the local wall-clock time of an aware datetime as HH:MM:SS."""
    return _to_qdatetime(moment).toString("HH:mm:ss")


def format_moment(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """Return a local time, with the date in the current locale's short form unless today."""
    local = _to_qdatetime(moment)
    today = _to_qdatetime(now or dt.datetime.now(dt.UTC)).date()
    if local.date() == today:
        return local.toString("HH:mm")
    return QLocale().toString(local, QLocale.FormatType.ShortFormat)
