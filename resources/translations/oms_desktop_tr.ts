<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="tr_TR">
<context>
    <name>Age</name>
    <message>
        <location filename="../../oms_desktop/ui/labels.py" line="+68"/>
        <source>&lt;1 min</source>
        <extracomment>Age of less than one minute, in a narrow table column.</extracomment>
        <translation>&lt;1 dk</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <extracomment>Age in minutes, abbreviated for a narrow table column; %1 is the number.</extracomment>
        <translation>%1 dk</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 h</source>
        <extracomment>Age in hours, abbreviated for a narrow table column; %1 is the number.</extracomment>
        <translation>%1 sa</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 d</source>
        <extracomment>Age in days, abbreviated for a narrow table column; %1 is the number.</extracomment>
        <translation>%1 g</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../oms_desktop/ui/app.py" line="+119"/>
        <source>Database unavailable</source>
        <translation>Veritabanına ulaşılamıyor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database cannot be opened. Check that the database server is running and reachable, then start the program again.

Details: %1</source>
        <translation>Veritabanı açılamıyor. Veritabanı sunucusunun çalıştığını ve erişilebilir olduğunu kontrol edin, ardından programı yeniden başlatın.

Ayrıntılar: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Program too old for this database</source>
        <translation>Program bu veritabanı için eski</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A newer version of the program has upgraded this database (revision %1). Install the newer version on this station before packing.</source>
        <extracomment>%1 is a database schema revision id.</extracomment>
        <translation>Bu veritabanı programın daha yeni bir sürümüyle güncellenmiş (revizyon %1). Paketlemeye başlamadan önce bu istasyona yeni sürümü kurun.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Packing station – %1</source>
        <extracomment>Window title; %1 is the station&apos;s name.</extracomment>
        <translation>Paketleme istasyonu – %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../oms_desktop/ui/crash.py" line="+70"/>
        <source>Unexpected error</source>
        <translation>Beklenmeyen hata</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The program hit an error it did not expect. Your last action may not have been completed: check the package in the list before going on.
Copy the details below and send them to your IT support.</source>
        <translation>Program beklemediği bir hatayla karşılaştı. Son işleminiz tamamlanmamış olabilir: devam etmeden önce paketin listedeki durumunu kontrol edin.
Aşağıdaki ayrıntıları kopyalayıp BT destek ekibinize gönderin.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copy details</source>
        <extracomment>Button that copies the error details to the clipboard.</extracomment>
        <translation>Ayrıntıları kopyala</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../oms_desktop/ui/main_window.py" line="+104"/>
        <source>Packing station</source>
        <translation>Paketleme istasyonu</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Scan a package, order or tracking number</source>
        <extracomment>Placeholder of the scan field; the barcode scanner types into it.</extracomment>
        <translation>Paket, sipariş veya takip numarasını okutun</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Complete packaging</source>
        <extracomment>Button that packs the package selected in the table.</extracomment>
        <translation>Paketlemeyi tamamla</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pack the package selected in the list (Ctrl+Enter)</source>
        <translation>Listede seçili paketi paketle (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Search package, order, tracking number, channel or cargo company</source>
        <translation>Paket, sipariş, takip numarası, kanal veya kargo firması ara</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show:</source>
        <extracomment>Label in front of the status filter drop-down.</extracomment>
        <translation>Göster:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Open work</source>
        <extracomment>Status filter: every package except delivered ones.</extracomment>
        <translation>Açık işler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <extracomment>Status filter: packages not packed yet.</extracomment>
        <translation>Bekleyenler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packed &amp; in transit</source>
        <extracomment>Status filter: packed, shipped or with a failed delivery attempt.</extracomment>
        <translation>Paketlenenler ve kargodakiler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <extracomment>Status filter: cancelled packages.</extracomment>
        <translation>İptal edilenler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <extracomment>Status filter: every package, delivered ones too.</extracomment>
        <translation>Tümü</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Station: %1</source>
        <extracomment>Status bar; %1 is this station&apos;s name.</extracomment>
        <translation>İstasyon: %1</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>The package list could not be read: the database is busy or unreachable. Retrying…</source>
        <translation>Paket listesi okunamadı: veritabanı meşgul veya erişilemiyor. Yeniden deneniyor…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1+ packages listed</source>
        <extracomment>%1 is the number of packages listed so far; more load on scrolling.</extracomment>
        <translation>%1+ paket listelendi</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n package(s) listed</source>
        <translation>
            <numerusform>%n paket listelendi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PackageStatus</name>
    <message>
        <location filename="../../oms_desktop/ui/labels.py" line="-56"/>
        <source>Waiting</source>
        <translation>Bekliyor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing</source>
        <translation>Hazırlanıyor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to pack</source>
        <translation>Paketlemeye hazır</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packed</source>
        <translation>Paketlendi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipped</source>
        <translation>Kargoya verildi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery attempted</source>
        <translation>Teslim edilemedi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Teslim edildi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of stock</source>
        <translation>Stokta yok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>İptal edildi</translation>
    </message>
</context>
<context>
    <name>PackageTableModel</name>
    <message>
        <location filename="../../oms_desktop/ui/package_model.py" line="+225"/>
        <source>Time since the customer placed the order</source>
        <translation>Müşterinin siparişi verdiğinden bu yana geçen süre</translation>
    </message>
    <message>
        <location line="+247"/>
        <source>Packed %1, station %2</source>
        <extracomment>Tooltip of a packed package&apos;s status; %1 is a time, %2 a station name.</extracomment>
        <translation>Paketlenme: %1, istasyon: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order placed %1</source>
        <extracomment>Tooltip of the age column; %1 is a date and time.</extracomment>
        <translation>Sipariş tarihi: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>Sipariş</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cargo company</source>
        <translation>Kargo firması</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Items</source>
        <extracomment>Column header: number of products in the package.</extracomment>
        <translation>Ürün</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age</source>
        <extracomment>Column header: how long ago the order was placed.</extracomment>
        <translation>Süre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Durum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking number</source>
        <translation>Takip numarası</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shipment status</source>
        <extracomment>Column header: what Omnitron last reported about the parcel.</extracomment>
        <translation>Kargo durumu</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <location filename="../../oms_desktop/ui/messages.py" line="+48"/>
        <source>Ready: scan a package</source>
        <translation>Hazır: paketi okutun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the package number, order number or tracking number.</source>
        <extracomment>Idle banner; a code is what the barcode scanner reads.</extracomment>
        <translation>Paket numarasını, sipariş numarasını veya takip numarasını okutun.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Packing %1…</source>
        <extracomment>Shown while the scanned code is being packed; %1 is the code.</extracomment>
        <translation>%1 paketleniyor…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n item(s)</source>
        <extracomment>Product count in the success banner, for example &quot;2 items&quot;.</extracomment>
        <translation>
            <numerusform>%n ürün</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Packed: %1</source>
        <extracomment>Success banner title; %1 is the package number.</extracomment>
        <translation>Paketlendi: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tracking no. %1 · %2 · order %3</source>
        <extracomment>Success banner detail; %1 is the tracking number, %2 the product count, %3 the order number.</extracomment>
        <translation>takip no %1 · %2 · sipariş %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unknown code: %1</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Tanınmayan kod: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No package, order or tracking number matches it. Check the code and scan again.</source>
        <translation>Bu koda uyan paket, sipariş veya takip numarası yok. Kodu kontrol edip yeniden okutun.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Order cancelled: do not pack, put the items back</source>
        <translation>Sipariş iptal edildi, paketlemeyin, ürünleri yerine koyun</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Package %1, order %2.</source>
        <extracomment>%1 is the package number, %2 the order number.</extracomment>
        <translation>Paket %1, sipariş %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+100"/>
        <source>Cannot pack %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>%1 paketlenemiyor</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>The package is “%1” and the command %2 has no transition from this status. A supervisor must check the state transitions.</source>
        <extracomment>%1 is a package status, %2 the name of the command.</extracomment>
        <translation>Paketin durumu “%1” ve %2 komutunun bu durumdan bir geçişi yok. Bir sorumlunun durum geçişlerini kontrol etmesi gerekiyor.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no cargo company</source>
        <translation>kargo firması yok</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No shipping route: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Kargo yönlendirmesi yok: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No shipment condition covers channel %1 (%2). A supervisor must add a condition in the settings; then scan again.</source>
        <extracomment>%1 is a sales channel such as Trendyol, %2 a cargo company.</extracomment>
        <translation>%1 kanalı (%2) için tanımlı bir gönderim koşulu yok. Bir sorumlunun ayarlardan koşul eklemesi gerekiyor; ardından yeniden okutun.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No tracking number yet: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Henüz takip numarası yok: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace has not given order %1 a tracking number yet. Set the package aside and scan it again after the next sync.</source>
        <extracomment>%1 is the order number.</extracomment>
        <translation>Pazaryeri %1 numaralı siparişe henüz takip numarası vermedi. Paketi kenara ayırın ve bir sonraki eşitlemeden sonra yeniden okutun.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Code matches several packages: %1</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Kod birden fazla pakete uyuyor: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Packages %1. Scan the package number instead.</source>
        <extracomment>%1 is a list of package numbers.</extracomment>
        <translation>Paketler: %1. Bunun yerine paket numarasını okutun.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changed by another station: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Başka bir istasyon değiştirdi: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another station changed this package at the same moment, so nothing was packed here. Scan it again to see its status.</source>
        <translation>Başka bir istasyon bu paketi aynı anda değiştirdi, bu yüzden burada hiçbir şey paketlenmedi. Durumunu görmek için yeniden okutun.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Database busy or unreachable</source>
        <translation>Veritabanı meşgul veya erişilemiyor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was packed. Wait a moment and scan %1 again. If this keeps happening, call IT support.</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Hiçbir şey paketlenmedi. Biraz bekleyip %1 kodunu yeniden okutun. Sorun sürerse BT desteğini arayın.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Already packed: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Zaten paketlenmiş: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Packed %1, station %2. Status now: %3. Do not pack it again.</source>
        <extracomment>%1 is a time, %2 a station name, %3 the package&apos;s current status.</extracomment>
        <translation>Paketlenme: %1, istasyon: %2. Şu anki durum: %3. Yeniden paketlemeyin.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Packed %1. Status now: %2. Do not pack it again.</source>
        <extracomment>%1 is a time, %2 the package&apos;s current status.</extracomment>
        <translation>Paketlenme: %1. Şu anki durum: %2. Yeniden paketlemeyin.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Status now: %1. Do not pack it again.</source>
        <extracomment>%1 is the package&apos;s current status.</extracomment>
        <translation>Şu anki durum: %1. Yeniden paketlemeyin.</translation>
    </message>
</context>
<context>
    <name>ShipmentStatus</name>
    <message>
        <location filename="../../oms_desktop/ui/labels.py" line="+4"/>
        <source>With the carrier</source>
        <translation>Kargoda</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery attempted</source>
        <translation>Teslim edilemedi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Teslim edildi</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../oms_desktop/ui/sync_status.py" line="+104"/>
        <source>Sync off: no Omnitron connection</source>
        <extracomment>Status bar, when the window was started without an Omnitron connection.</extracomment>
        <translation>Eşitleme kapalı: Omnitron bağlantısı yok</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync starting…</source>
        <translation>Eşitleme başlıyor…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last sync: %1</source>
        <extracomment>%1 is a wall-clock time (HH:MM:SS).</extracomment>
        <translation>Son eşitleme: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not synced yet</source>
        <translation>Henüz eşitlenmedi</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reports waiting: %1 (oldest %2)</source>
        <extracomment>Reports to Omnitron not delivered yet; %1 is a count, %2 the oldest one&apos;s age.</extracomment>
        <translation>Bekleyen bildirim: %1 (en eskisi %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reports waiting: %1</source>
        <translation>Bekleyen bildirim: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed reports: %1</source>
        <extracomment>Reports Omnitron rejected for good; a supervisor must look at them.</extracomment>
        <translation>Başarısız bildirim: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rate limited until %1</source>
        <extracomment>Omnitron asked the station to slow down; %1 is a wall-clock time (HH:MM:SS).</extracomment>
        <translation>Hız sınırı bitişi: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Standby: %1 syncs</source>
        <extracomment>Another station&apos;s sync engine talks to Omnitron; %1 names it.</extracomment>
        <translation>Beklemede: eşitlemeyi %1 yapıyor</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last error: %1</source>
        <translation>Son hata: %1</translation>
    </message>
</context>
</TS>
