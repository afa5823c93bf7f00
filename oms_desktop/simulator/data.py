"""Reference data of the simulated Omnitron: statuses, channels, carriers, names and products.

Every name, address and product here is invented. Channel and carrier names are the real
Turkish marketplaces and carriers, because the station routes on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, timezone

# Turkey has kept UTC+3 all year since 2016, so a fixed offset is exact for current dates.
ISTANBUL_TIMEZONE = timezone(timedelta(hours=3), "+03")

ORDER_STATUSES: dict[str, str] = {
    "50": "cancellation_waiting",
    "100": "cancelled",
    "200": "waiting",
    "300": "payment_waiting",
    "350": "confirmation_waiting",
    "400": "approved",
    "450": "preparing",
    "500": "shipped",
    "510": "shipped_and_informed",
    "520": "ready_for_pickup",
    "540": "attempted_delivery",
    "544": "review_started",
    "545": "review_waiting",
    "550": "delivered",
    # NOTE: Omnitron has refund-side codes above 550 whose names are not published; 600 is
    # accepted as one of them so clients can be tested against an unfamiliar code.
    "600": "refund",
}

CANCELLED_ORDER_STATUSES = frozenset({"50", "100"})

# Share of generated orders per status, in percent.
ORDER_STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("400", 85),
    ("450", 3),
    ("500", 3),
    ("300", 3),
    ("100", 4),
    ("50", 2),
)


@dataclass(frozen=True)
class CargoCompany:
    pk: int
    name: str
    erp_code: str


CARGO_COMPANIES: tuple[CargoCompany, ...] = (
    CargoCompany(11, "Trendyol Express", "trendyol_express"),
    CargoCompany(12, "MNG Kargo", "mng"),
    CargoCompany(13, "Yurtiçi Kargo", "yurtici"),
    CargoCompany(14, "Aras Kargo", "aras"),
    CargoCompany(15, "Sürat Kargo", "surat"),
    CargoCompany(16, "PTT Kargo", "ptt"),
    CargoCompany(17, "HepsiJet", "hepsijet"),
    CargoCompany(18, "UPS Kargo", "ups"),
    CargoCompany(19, "Horoz Lojistik", "horoz"),
    CargoCompany(20, "Amazon Lojistik", "amazon_logistics"),
)

CARGO_COMPANIES_BY_ERP_CODE: dict[str, CargoCompany] = {
    company.erp_code: company for company in CARGO_COMPANIES
}


@dataclass(frozen=True)
class Channel:
    """A marketplace channel with the weights the generator draws its orders from.

    `order_weight` is the channel's share of generated orders; `carrier_weights` pairs a cargo
    company's ERP code with its share of the channel's orders.
    """

    pk: int
    name: str
    channel_type: str
    order_weight: int
    carrier_weights: tuple[tuple[str, int], ...]


# Pks start at 42 so that a channel pk is never mistaken for a row id of the station's tables.
CHANNELS: tuple[Channel, ...] = (
    Channel(
        42,
        "Trendyol",
        "trendyol",
        34,
        (
            ("trendyol_express", 55),
            ("mng", 10),
            ("yurtici", 8),
            ("aras", 8),
            ("surat", 6),
            ("ptt", 5),
            ("horoz", 3),
            ("ups", 5),
        ),
    ),
    Channel(
        43,
        "Hepsiburada",
        "hepsiburada",
        22,
        (("hepsijet", 75), ("aras", 8), ("yurtici", 7), ("mng", 5), ("ptt", 5)),
    ),
    Channel(
        44,
        "Amazon",
        "amazon",
        14,
        (("amazon_logistics", 40), ("yurtici", 20), ("aras", 20), ("ups", 10), ("ptt", 10)),
    ),
    Channel(
        45,
        "n11",
        "n11",
        10,
        (("yurtici", 30), ("aras", 25), ("mng", 20), ("ptt", 15), ("surat", 10)),
    ),
    # Newer marketplace integrations register their channels with the generic type.
    Channel(
        46,
        "Çiçeksepeti",
        "sales_channel",
        10,
        (("mng", 40), ("yurtici", 30), ("aras", 20), ("ptt", 10)),
    ),
    Channel(
        47,
        "Pazarama",
        "sales_channel",
        10,
        (("yurtici", 35), ("aras", 25), ("ptt", 20), ("mng", 20)),
    ),
)

CHANNELS_BY_PK: dict[int, Channel] = {channel.pk: channel for channel in CHANNELS}

# fmt: off
FIRST_NAMES: tuple[str, ...] = (
    "Ayşe", "Fatma", "Emine", "Hatice", "Zeynep", "Elif", "Özge", "Büşra", "Gülşen", "Şeyma",
    "Çiğdem", "İrem", "Ümran", "Tuğba", "Gökçe", "Ilgın", "Sıla", "Dilek", "Nur", "Pınar",
    "Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Ömer", "Yusuf",
    "Murat", "Oğuz", "Çağrı", "Uğur", "Barış", "Görkem", "Şükrü", "Doğan", "Kaan", "Emre",
)
# fmt: on

# fmt: off
LAST_NAMES: tuple[str, ...] = (
    "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın",
    "Özdemir", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan",
    "Şimşek", "Polat", "Korkmaz", "Güneş", "Akgül", "Bulut", "Türkmen", "Ünal", "Işık", "Gündoğdu",
    "Uçar", "İnce", "Erdem", "Çakır", "Ağaoğlu",
)
# fmt: on

# Domains reserved for examples, so no invented address can reach a real mailbox.
EMAIL_DOMAINS: tuple[str, ...] = ("example.com", "example.net", "example.org")


@dataclass(frozen=True)
class City:
    name: str
    plate_code: str
    districts: tuple[str, ...]


CITIES: tuple[tuple[City, int], ...] = (
    (
        City("İstanbul", "34", ("Kadıköy", "Üsküdar", "Beşiktaş", "Şişli", "Bakırköy", "Ataşehir")),
        30,
    ),
    (City("Ankara", "06", ("Çankaya", "Keçiören", "Yenimahalle", "Etimesgut")), 12),
    (City("İzmir", "35", ("Karşıyaka", "Bornova", "Konak", "Buca")), 10),
    (City("Bursa", "16", ("Nilüfer", "Osmangazi", "Yıldırım")), 6),
    (City("Antalya", "07", ("Muratpaşa", "Konyaaltı", "Kepez")), 6),
    (City("Eskişehir", "26", ("Tepebaşı", "Odunpazarı")), 4),
    (City("Adana", "01", ("Seyhan", "Çukurova")), 4),
    (City("Konya", "42", ("Selçuklu", "Meram", "Karatay")), 4),
    (City("Gaziantep", "27", ("Şahinbey", "Şehitkamil")), 4),
    (City("Trabzon", "61", ("Ortahisar", "Akçaabat")), 3),
    (City("Kayseri", "38", ("Melikgazi", "Kocasinan")), 3),
    (City("Muğla", "48", ("Bodrum", "Fethiye", "Menteşe")), 3),
    (City("Diyarbakır", "21", ("Kayapınar", "Bağlar")), 3),
    (City("Samsun", "55", ("Atakum", "İlkadım")), 3),
    (City("Çanakkale", "17", ("Merkez", "Gelibolu")), 2),
)

# fmt: off
NEIGHBOURHOODS: tuple[str, ...] = (
    "Caferağa", "Bahçelievler", "Yeşilyurt", "Çamlık", "Güzelyalı", "Fenerbahçe", "Kültür",
    "Cumhuriyet", "Atatürk", "İnönü", "Gazi", "Yıldıztepe", "Şirinevler", "Esentepe", "Kocatepe",
    "Ömerağa",
)
# fmt: on

# fmt: off
STREETS: tuple[str, ...] = (
    "Atatürk", "Cumhuriyet", "İstiklal", "Gazi Mustafa Kemal", "Fevzi Çakmak", "İnönü", "Hürriyet",
    "Barış Manço", "Şehit Er Ünal", "Gül", "Lale", "Menekşe", "Çınar", "Ihlamur", "Söğüt",
    "Karanfil",
)
# fmt: on

STREET_KINDS: tuple[str, ...] = ("Cad.", "Sok.", "Bulvarı")


@dataclass(frozen=True)
class ProductTemplate:
    """A product line; the generator derives one or more variants (colour, size) from it.

    Prices are in kuruş (1/100 TRY).
    """

    name: str
    sku_code: str
    min_price: int
    max_price: int
    variant_kind: str  # "apparel", "shoe", "colour" or "none"


PRODUCT_TEMPLATES: tuple[ProductTemplate, ...] = (
    ProductTemplate("Pamuklu Bisiklet Yaka Tişört", "TSH", 19_990, 39_990, "apparel"),
    ProductTemplate("Yüksek Bel Mom Jean", "JNS", 49_990, 89_990, "apparel"),
    ProductTemplate("Örme Hırka", "HRK", 59_990, 119_990, "apparel"),
    ProductTemplate("Su Geçirmez Yağmurluk", "YGM", 89_990, 179_990, "apparel"),
    ProductTemplate("Keten Gömlek", "GML", 44_990, 79_990, "apparel"),
    ProductTemplate("Erkek Spor Ayakkabı", "AYK", 99_990, 249_990, "shoe"),
    ProductTemplate("Kadın Günlük Sneaker", "SNK", 89_990, 199_990, "shoe"),
    ProductTemplate("Çocuk Yağmur Botu", "BOT", 34_990, 59_990, "shoe"),
    ProductTemplate("Deri Bel Çantası", "CNT", 39_990, 99_990, "colour"),
    ProductTemplate("Çelik Termos 500 ml", "TRM", 24_990, 49_990, "colour"),
    ProductTemplate("Telefon Kılıfı Şeffaf", "KLF", 4_990, 14_990, "none"),
    ProductTemplate("Kablosuz Kulaklık", "KLK", 79_990, 299_990, "colour"),
    ProductTemplate("Hızlı Şarj Adaptörü 20W", "SRJ", 19_990, 44_990, "none"),
    ProductTemplate("USB-C Şarj Kablosu 1 m", "KBL", 7_990, 19_990, "none"),
    ProductTemplate("Masa Lambası LED", "LMB", 29_990, 69_990, "colour"),
    ProductTemplate("Bambu Kesme Tahtası", "KSM", 12_990, 29_990, "none"),
    ProductTemplate("Seramik Kupa Seti (2'li)", "KUP", 14_990, 34_990, "colour"),
    ProductTemplate("Türk Kahvesi Fincan Takımı", "FNC", 24_990, 64_990, "colour"),
    ProductTemplate("Bakır Cezve", "CZV", 19_990, 49_990, "none"),
    ProductTemplate("Çaydanlık Takımı Çelik", "CYD", 39_990, 89_990, "none"),
    ProductTemplate("Nevresim Takımı Çift Kişilik", "NVR", 49_990, 129_990, "colour"),
    ProductTemplate("Pike Takımı Tek Kişilik", "PKE", 29_990, 69_990, "colour"),
    ProductTemplate("Banyo Havlusu 70x140", "HVL", 12_990, 29_990, "colour"),
    ProductTemplate("Bebek Tulumu Organik Pamuk", "TLM", 17_990, 39_990, "apparel"),
    ProductTemplate("Ahşap Blok Oyuncak Seti", "OYN", 24_990, 59_990, "none"),
    ProductTemplate("Yoga Matı 6 mm", "YGA", 19_990, 44_990, "colour"),
    ProductTemplate("Pilates Çemberi", "PLT", 9_990, 24_990, "colour"),
    ProductTemplate("Organik Zeytinyağlı Sabun", "SBN", 3_990, 9_990, "none"),
    ProductTemplate("Lavanta Kokulu Oda Spreyi", "SPR", 5_990, 14_990, "none"),
    ProductTemplate("Güneş Kremi SPF 50", "GNS", 14_990, 34_990, "none"),
    ProductTemplate("Şampuan 400 ml", "SMP", 6_990, 15_990, "none"),
    ProductTemplate("Kurutulmuş Kayısı 500 g", "KYS", 9_990, 19_990, "none"),
    ProductTemplate("Antep Fıstığı 250 g", "FST", 19_990, 39_990, "none"),
    ProductTemplate("Lokum Çeşitleri 1 kg", "LKM", 14_990, 29_990, "none"),
    ProductTemplate("Defter A5 Çizgili", "DFT", 2_990, 7_990, "colour"),
    ProductTemplate("Kurşun Kalem Seti 12'li", "KLM", 3_990, 9_990, "none"),
)

COLOURS: tuple[tuple[str, str], ...] = (
    ("Siyah", "SYH"),
    ("Beyaz", "BYZ"),
    ("Lacivert", "LCV"),
    ("Kırmızı", "KRM"),
    ("Yeşil", "YSL"),
    ("Gri", "GRI"),
    ("Bej", "BEJ"),
)

APPAREL_SIZES: tuple[str, ...] = ("XS", "S", "M", "L", "XL", "XXL")
SHOE_SIZES: tuple[str, ...] = tuple(str(size) for size in range(36, 46))


def ean13_check_digit(first_twelve: str) -> int:
    """Compute the EAN-13 check digit of twelve digits (weights 1 and 3 from the left)."""
    if len(first_twelve) != 12 or not first_twelve.isdigit():
        raise ValueError(f"expected twelve digits, got {first_twelve!r}")
    weights = (1, 3) * 6
    total = sum(int(digit) * weight for digit, weight in zip(first_twelve, weights, strict=True))
    return (10 - total % 10) % 10


S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def s10_check_digit(serial: str) -> int:
    """Compute the UPU S10 check digit of an eight-digit serial number.

    The weighted sum modulo 11 is subtracted from 11; a result of 10 becomes 0 and 11 becomes 5.
    """
    if len(serial) != 8 or not serial.isdigit():
        raise ValueError(f"expected eight digits, got {serial!r}")
    total = sum(int(digit) * weight for digit, weight in zip(serial, S10_WEIGHTS, strict=True))
    remainder = total % 11
    check = 11 - remainder
    if check == 10:
        return 0
    if check == 11:
        return 5
    return check
