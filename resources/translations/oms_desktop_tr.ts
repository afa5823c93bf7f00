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
        <location filename="../../oms_desktop/ui/app.py" line="+130"/>
        <source>Database upgrade needed</source>
        <translation>Veritabanı yükseltmesi gerekiyor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database uses schema revision %1; this version of the program needs revision %2.</source>
        <extracomment>%1 is the database&apos;s schema revision id, %2 the one this program needs.</extracomment>
        <translation>Veritabanı şema sürümü %1; programın bu sürümü %2 sürümünü gerektiriyor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Upgrade the database now? Stations that still run the older program cannot write to it afterwards. On a shared database, warehouse IT usually runs &quot;oms-desktop db upgrade&quot; instead.</source>
        <translation>Veritabanı şimdi yükseltilsin mi? Eski programı çalıştıran masalar bundan sonra veritabanına yazamaz. Ortak bir veritabanında bunu genellikle depo BT ekibi &quot;oms-desktop db upgrade&quot; komutuyla yapar.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Upgrade now</source>
        <translation>Şimdi yükselt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit</source>
        <translation>Çık</translation>
    </message>
    <message>
        <location line="+33"/>
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
        <location line="+44"/>
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
        <location line="+156"/>
        <source>Packing station – %1</source>
        <extracomment>Window title; %1 is the station&apos;s name.</extracomment>
        <translation>Paketleme istasyonu – %1</translation>
    </message>
</context>
<context>
    <name>ApplicationTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_application.py" line="+71"/>
        <source>For every station</source>
        <translation>Tüm istasyonlar için</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For this station only (%1)</source>
        <extracomment>Group of settings stored for one station only; %1 is the station&apos;s name.</extracomment>
        <translation>Yalnızca bu istasyon için (%1)</translation>
    </message>
</context>
<context>
    <name>CargoCompaniesTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_records.py" line="+489"/>
        <location line="+15"/>
        <source>Omnitron id</source>
        <translation>Omnitron kimliği</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+10"/>
        <source>Active</source>
        <translation>Etkin</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Cargo company</source>
        <translation>Kargo firması</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed once saved: orders refer to it.</source>
        <translation>Kaydedildikten sonra değişmez: siparişler buna bağlıdır.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add cargo company</source>
        <translation>Kargo firması ekle</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <source>Deactivate</source>
        <extracomment>Button that turns the selected cargo company off (or on again).</extracomment>
        <translation>Devre dışı bırak</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>Get cargo companies from Omnitron</source>
        <translation>Kargo firmalarını Omnitron&apos;dan al</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Activate</source>
        <translation>Etkinleştir</translation>
    </message>
</context>
<context>
    <name>ChannelCheckModel</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_routing.py" line="+80"/>
        <source>%1 – inactive</source>
        <extracomment>A channel in the condition&apos;s list that is switched off; %1 is its name.</extracomment>
        <translation>%1 – devre dışı</translation>
    </message>
</context>
<context>
    <name>ChannelsTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_records.py" line="-131"/>
        <location line="+17"/>
        <source>Omnitron id</source>
        <translation>Omnitron kimliği</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Name</source>
        <translation>Ad</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+16"/>
        <source>Type</source>
        <translation>Tür</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+12"/>
        <source>Active</source>
        <extracomment>Check box of a channel, cargo company or condition.</extracomment>
        <translation>Etkin</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fixed once saved: orders refer to it.</source>
        <translation>Kaydedildikten sonra değişmez: siparişler buna bağlıdır.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add channel</source>
        <extracomment>Button that adds a channel typed by hand.</extracomment>
        <translation>Kanal ekle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Get channels from Omnitron</source>
        <extracomment>Button that reads the channel list from Omnitron.</extracomment>
        <translation>Kanalları Omnitron&apos;dan al</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A channel first seen on an order is added by itself, named “Channel &lt;id&gt;” until you get the list from Omnitron.</source>
        <translation>Bir siparişte ilk kez görülen kanal kendiliğinden eklenir; listeyi Omnitron&apos;dan alana kadar adı “Channel &lt;kimlik&gt;” olur.</translation>
    </message>
</context>
<context>
    <name>CommandSheet</name>
    <message>
        <location filename="../../oms_desktop/ui/command_sheet.py" line="+170"/>
        <source>Command barcodes</source>
        <extracomment>Title of the printed command barcode sheet.</extracomment>
        <translation>Komut barkodları</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Command barcodes – station %1</source>
        <extracomment>Title of the command sheet; %1 is the station&apos;s name.</extracomment>
        <translation>Komut barkodları – %1 istasyonu</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan a barcode below instead of pressing its key. They work wherever the focus is in the packing window.</source>
        <translation>Tuşuna basmak yerine aşağıdaki barkodu okutun. Barkodlar, paketleme penceresinde odak nerede olursa olsun çalışır.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 (same as %2)</source>
        <extracomment>Caption above a command barcode; %1 is the command, %2 the key that does the same.</extracomment>
        <translation>%1 (%2 ile aynı)</translation>
    </message>
</context>
<context>
    <name>CommandSheetDialog</name>
    <message>
        <location line="+73"/>
        <source>Command barcodes</source>
        <translation>Komut barkodları</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Print…</source>
        <translation>Yazdır…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as PDF…</source>
        <translation>PDF olarak kaydet…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Printing failed</source>
        <translation>Yazdırılamadı</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The sheet could not be printed: %1</source>
        <extracomment>%1 is the reason from the printing system.</extracomment>
        <translation>Sayfa yazdırılamadı: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save command barcodes</source>
        <translation>Komut barkodlarını kaydet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF dosyaları (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Saving failed</source>
        <translation>Kaydedilemedi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The PDF could not be written to %1: %2</source>
        <extracomment>%1 is a file path, %2 the reason.</extracomment>
        <translation>PDF dosyası %1 konumuna yazılamadı: %2</translation>
    </message>
</context>
<context>
    <name>ConnectionTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_connection.py" line="+161"/>
        <source>Omnitron account</source>
        <translation>Omnitron hesabı</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Password</source>
        <extracomment>Label of the Omnitron password field.</extracomment>
        <translation>Parola</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>API paths</source>
        <translation>API yolları</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Certificates</source>
        <translation>Sertifikalar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose…</source>
        <extracomment>Button that opens a file chooser for the CA certificate file.</extracomment>
        <translation>Seç…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Omnitron&apos;s certificate is always checked. A company that inspects HTTPS traffic gives you a CA file to choose here.</source>
        <translation>Omnitron&apos;un sertifikası her zaman denetlenir. HTTPS trafiğini inceleyen bir şirket, burada seçmeniz için size bir CA dosyası verir.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Test connection</source>
        <extracomment>Button that logs in to Omnitron with the values on this tab.</extracomment>
        <translation>Bağlantıyı dene</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The sync of this station uses changed connection settings after the program is started again.</source>
        <translation>Bu istasyonun eşitlemesi, değişen bağlantı ayarlarını program yeniden başlatıldıktan sonra kullanır.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Choose the company CA certificate file</source>
        <translation>Şirketin CA sertifika dosyasını seçin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <extracomment>File filter of the CA certificate chooser.</extracomment>
        <translation>Sertifikalar (*.pem *.crt *.cer);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The password comes from the environment variable %1 on this computer; it wins over a password saved here.</source>
        <extracomment>%1 is the name of an environment variable.</extracomment>
        <translation>Parola bu bilgisayardaki %1 ortam değişkeninden gelir; burada kaydedilen paroladan önceliklidir.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A password is saved in the operating system&apos;s keyring. Type a new one only to replace it.</source>
        <translation>İşletim sisteminin anahtarlığında kayıtlı bir parola var. Yalnızca değiştirmek için yenisini yazın.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This computer has no keyring to keep the password safely, so it cannot be saved here. You can still test a typed password. Set the environment variable %1 for this station and for the sync service instead.</source>
        <extracomment>%1 is the name of an environment variable.</extracomment>
        <translation>Bu bilgisayarda parolayı güvenle saklayacak bir anahtarlık yok, bu yüzden parola burada kaydedilemez. Yazdığınız parolayı yine de deneyebilirsiniz. Bunun yerine bu istasyon ve eşitleme hizmeti için %1 ortam değişkenini ayarlayın.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No password is saved yet: type it and press Save.</source>
        <translation>Henüz kayıtlı parola yok: yazın ve Kaydet&apos;e basın.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Connecting to %1…</source>
        <extracomment>Shown while the connection test runs; %1 is the Omnitron address.</extracomment>
        <translation>%1 adresine bağlanılıyor…</translation>
    </message>
</context>
<context>
    <name>ConnectionTest</name>
    <message>
        <location line="+41"/>
        <source>Connected to %1 as %2. Omnitron shows %3 orders.</source>
        <extracomment>%1 is the Omnitron address, %2 the user name, %3 a number of orders.</extracomment>
        <translation>%1 adresine %2 olarak bağlanıldı. Omnitron %3 sipariş gösteriyor.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No password: type it above, or set the environment variable %1.</source>
        <extracomment>%1 is the name of an environment variable.</extracomment>
        <translation>Parola yok: yukarıya yazın ya da %1 ortam değişkenini ayarlayın.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The connection settings are invalid: %1</source>
        <extracomment>%1 is the reason, in English.</extracomment>
        <translation>Bağlantı ayarları geçersiz: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The name %1 cannot be found (DNS: %2). Check the spelling of the address and the network connection.</source>
        <extracomment>%1 is a host name, %2 the system&apos;s message.</extracomment>
        <translation>%1 adı bulunamıyor (DNS: %2). Adresin yazımını ve ağ bağlantısını denetleyin.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The TLS certificate of %1 is not trusted: %2. If your company uses its own certificates, choose its CA file under Certificates.</source>
        <extracomment>%1 is the Omnitron address, %2 the certificate problem, in English.</extracomment>
        <translation>%1 adresinin TLS sertifikasına güvenilmiyor: %2. Şirketiniz kendi sertifikalarını kullanıyorsa CA dosyasını Sertifikalar bölümünde seçin.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 refused the connection: nothing answers at that address and port. Check the address, and whether Omnitron is running.</source>
        <extracomment>%1 is the Omnitron address.</extracomment>
        <translation>%1 bağlantıyı reddetti: bu adres ve bağlantı noktasında yanıt veren yok. Adresi ve Omnitron&apos;un çalışıp çalışmadığını denetleyin.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The connection to %1 failed: %2</source>
        <extracomment>%1 is the Omnitron address, %2 the reason, in English.</extracomment>
        <translation>%1 adresine bağlantı kurulamadı: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 did not answer in time (%2). Try again later.</source>
        <extracomment>%1 is the Omnitron address, %2 what timed out, in English.</extracomment>
        <translation>%1 zamanında yanıt vermedi (%2). Daha sonra yeniden deneyin.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Omnitron at %1 rejected the login of user %2: wrong user name or password. Omnitron says: %3</source>
        <extracomment>%1 is the Omnitron address, %2 the user name, %3 Omnitron&apos;s message.</extracomment>
        <translation>%1 adresindeki Omnitron, %2 kullanıcısının girişini reddetti: kullanıcı adı ya da parola yanlış. Omnitron&apos;un yanıtı: %3</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Omnitron at %1 asks for fewer requests (HTTP 429: %2). Try again later.</source>
        <extracomment>%1 is the Omnitron address, %2 the wait Omnitron asked for, in English.</extracomment>
        <translation>%1 adresindeki Omnitron daha az istek gönderilmesini istiyor (HTTP 429: %2). Daha sonra yeniden deneyin.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Omnitron at %1 has a server error: %2. Try again later.</source>
        <extracomment>%1 is the Omnitron address, %2 the error, in English.</extracomment>
        <translation>%1 adresindeki Omnitron&apos;da sunucu hatası var: %2. Daha sonra yeniden deneyin.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Omnitron at %1 rejected the request with HTTP %2; check the API paths. %3</source>
        <extracomment>%1 is the Omnitron address, %2 the HTTP status, %3 the error, in English.</extracomment>
        <translation>%1 adresindeki Omnitron isteği HTTP %2 ile reddetti; API yollarını denetleyin. %3</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The answer from %1 is not what Omnitron sends (%2). Check the address: it may point at another web site.</source>
        <extracomment>%1 is the Omnitron address, %2 what was wrong, in English.</extracomment>
        <translation>%1 adresinden gelen yanıt Omnitron&apos;un gönderdiği biçimde değil (%2). Adresi denetleyin: başka bir web sitesini gösteriyor olabilir.</translation>
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
    <name>ItemsTableModel</name>
    <message>
        <location filename="../../oms_desktop/ui/verify_panel.py" line="+952"/>
        <source>Product</source>
        <translation>Ürün</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SKU</source>
        <translation>Stok kodu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Barcode</source>
        <translation>Barkod</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ordered</source>
        <extracomment>Column header: units of the product in the package.</extracomment>
        <translation>Adet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scanned</source>
        <extracomment>Column header: units of the product scanned so far.</extracomment>
        <translation>Okutulan</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>no barcode: F6</source>
        <extracomment>Shown for a product without barcode; F6 counts one unit of it.</extracomment>
        <translation>barkod yok: F6</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../oms_desktop/ui/main_window.py" line="+198"/>
        <source>Packing station</source>
        <translation>Paketleme istasyonu</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Scan a package, order or tracking number</source>
        <extracomment>Placeholder of the scan field; the barcode scanner types into it.</extracomment>
        <translation>Paket, sipariş veya takip numarasını okutun</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Complete packaging</source>
        <extracomment>Button that completes the open package, or opens (or packs) the one selected in the table.</extracomment>
        <translation>Paketlemeyi tamamla</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Complete the open package, or open the package selected in the list (F2 or Ctrl+Enter)</source>
        <translation>Açık paketi tamamlar ya da listede seçili paketi açar (F2 veya Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+22"/>
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
        <location line="+50"/>
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
        <location line="+44"/>
        <source>Last scans</source>
        <extracomment>Title of the list of the last scans.</extracomment>
        <translation>Son okutmalar</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>F2 or Ctrl+Enter: complete · Esc: put the package aside · Ctrl+Z: undo the last item · F4: take over · F6: count an item without barcode · Ctrl+F or F3: search</source>
        <extracomment>Key help under the lists; keep the key names as they are printed on keyboards.</extracomment>
        <translation>F2 veya Ctrl+Enter: tamamla · Esc: paketi kenara ayır · Ctrl+Z: son ürünü geri al · F4: devral · F6: barkodsuz ürünü say · Ctrl+F veya F3: ara</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Type a code by hand and press Enter. The scanner works wherever the focus is.</source>
        <translation>Kodu elle yazıp Enter&apos;a basın. Barkod okuyucu, odak nerede olursa olsun çalışır.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search the list (Ctrl+F or F3)</source>
        <extracomment>Tooltip of the search box; the keys move the focus there.</extracomment>
        <translation>Listede ara (Ctrl+F veya F3)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&amp;Station</source>
        <extracomment>Menu of the station&apos;s own tools.</extracomment>
        <translation>İ&amp;stasyon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print command barcodes…</source>
        <translation>Komut barkodlarını yazdır…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print barcodes that complete, undo, put aside or search when scanned</source>
        <translation>Okutulunca tamamlayan, geri alan, kenara ayıran veya arama yapan barkodları yazdırır</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Settings…</source>
        <extracomment>Opens the supervisor settings after asking for the supervisor&apos;s PIN.</extracomment>
        <translation>Ayarlar…</translation>
    </message>
    <message>
        <location line="+324"/>
        <source>The station&apos;s settings could not be read; the defaults apply. Retrying…</source>
        <translation>İstasyon ayarları okunamadı; varsayılanlar geçerli. Yeniden deneniyor…</translation>
    </message>
    <message>
        <location line="+46"/>
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
    <name>MatchedField</name>
    <message>
        <location filename="../../oms_desktop/ui/messages.py" line="+746"/>
        <source>package number</source>
        <translation>paket numarası</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>order number</source>
        <translation>sipariş numarası</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tracking number</source>
        <translation>takip numarası</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSCC</source>
        <translation>SSCC</translation>
    </message>
</context>
<context>
    <name>OmnitronListTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_records.py" line="-101"/>
        <source>Asking Omnitron…</source>
        <extracomment>Shown while a list is read from Omnitron.</extracomment>
        <translation>Omnitron&apos;a soruluyor…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Omnitron lists %1 new and %2 changed rows. Press Save to keep them.</source>
        <extracomment>%1 and %2 are numbers of rows.</extracomment>
        <translation>Omnitron %1 yeni ve %2 değişmiş satır listeliyor. Saklamak için Kaydet&apos;e basın.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>no Omnitron password: type it on the Omnitron connection tab</source>
        <translation>Omnitron parolası yok: Omnitron bağlantısı sekmesinde yazın</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Omnitron could not be asked: %1</source>
        <extracomment>%1 is the reason, partly in English.</extracomment>
        <translation>Omnitron&apos;a sorulamadı: %1</translation>
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
        <location filename="../../oms_desktop/ui/package_model.py" line="+258"/>
        <source>Time since the customer placed the order</source>
        <translation>Müşterinin siparişi verdiğinden bu yana geçen süre</translation>
    </message>
    <message>
        <location line="+293"/>
        <source>Being packed at station %1; claimed until %2</source>
        <extracomment>Tooltip of a claimed package; %1 is a station&apos;s name, %2 a time (HH:MM:SS).</extracomment>
        <translation>%1 masasında paketleniyor; %2 saatine kadar ayrıldı</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+9"/>
        <source>Being packed at station %1</source>
        <extracomment>A station opened this package for verification; %1 is the station&apos;s name.</extracomment>
        <translation>%1 masasında paketleniyor</translation>
    </message>
    <message>
        <location line="+20"/>
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
    <message>
        <location line="+4"/>
        <source>Being packed</source>
        <extracomment>Column header: the station that has the package open for verification.</extracomment>
        <translation>Paketleniyor</translation>
    </message>
</context>
<context>
    <name>PackingController</name>
    <message>
        <location filename="../../oms_desktop/ui/verify_panel.py" line="-359"/>
        <source>Repeated read ignored</source>
        <translation>Tekrarlanan okuma yok sayıldı</translation>
    </message>
</context>
<context>
    <name>RecentScansModel</name>
    <message>
        <location line="+441"/>
        <source>Time</source>
        <translation>Saat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Kod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>Sonuç</translation>
    </message>
</context>
<context>
    <name>RecordTabTexts</name>
    <message numerus="yes">
        <location filename="../../oms_desktop/ui/settings_records.py" line="-306"/>
        <source>%n other row(s) in red above have invalid fields too.</source>
        <extracomment>Under a form; the rows in question are red in the table above.</extracomment>
        <translation>
            <numerusform>Yukarıda kırmızıyla gösterilen %n başka satırda da geçersiz alanlar var.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_reports.py" line="+163"/>
        <source>Refresh</source>
        <extracomment>Button that reads the report queue again.</extracomment>
        <translation>Yenile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry selected</source>
        <extracomment>Button that puts the selected failed reports back in the queue.</extracomment>
        <translation>Seçilenleri yeniden dene</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry all failed</source>
        <extracomment>Button that puts every failed report back in the queue.</extracomment>
        <translation>Başarısızların hepsini yeniden dene</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Omnitron rejected these reports for good. Read the answer (hover over it), fix the cause in Omnitron or here, then retry them.</source>
        <translation>Omnitron bu bildirimleri kesin olarak reddetti. Yanıtı okuyun (imleci üzerine getirin), nedeni Omnitron&apos;da ya da burada giderin, sonra yeniden deneyin.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Report</source>
        <translation>Bildirim</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package</source>
        <translation>Paket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order item</source>
        <translation>Sipariş kalemi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status sent</source>
        <translation>Gönderilen durum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>Deneme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed at</source>
        <translation>Başarısız olduğu an</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Omnitron&apos;s answer</source>
        <translation>Omnitron&apos;un yanıtı</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 reports wait to be sent; the oldest for %2.</source>
        <extracomment>%1 is a number of reports, %2 an age such as &quot;5 min&quot;.</extracomment>
        <translation>Gönderilmeyi bekleyen %1 bildirim var; en eskisi %2 süredir bekliyor.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No report waits to be sent.</source>
        <translation>Gönderilmeyi bekleyen bildirim yok.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 reports failed for good.</source>
        <extracomment>%1 is a number of reports.</extracomment>
        <translation>%1 bildirim kesin olarak başarısız oldu.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The report queue cannot be read: %1</source>
        <extracomment>%1 is the database&apos;s error message.</extracomment>
        <translation>Bildirim kuyruğu okunamıyor: %1</translation>
    </message>
</context>
<context>
    <name>RoutingTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_routing.py" line="+36"/>
        <location line="+37"/>
        <source>Cargo company</source>
        <translation>Kargo firması</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Condition</source>
        <translation>Koşul</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+37"/>
        <source>Shipment client</source>
        <translation>Gönderi istemcisi</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>Channels</source>
        <translation>Kanallar</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+25"/>
        <source>Active</source>
        <translation>Etkin</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Shipment condition</source>
        <translation>Gönderi koşulu</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Condition class</source>
        <translation>Koşul sınıfı</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Matches orders of</source>
        <extracomment>Label of the check list of channels a shipment condition matches.</extracomment>
        <translation>Şu kanalların siparişleri</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add condition</source>
        <extracomment>Button that adds a shipment condition.</extracomment>
        <translation>Koşul ekle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete condition</source>
        <extracomment>Button that removes the selected shipment condition.</extracomment>
        <translation>Koşulu sil</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 – inactive</source>
        <extracomment>A deactivated cargo company in a list; %1 is its name.</extracomment>
        <translation>%1 – devre dışı</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Packages of these channels cannot be packed, because no active condition covers them: %1</source>
        <extracomment>%1 is a list of sales channels.</extracomment>
        <translation>Bu kanalların paketleri paketlenemez, çünkü hiçbir etkin koşul onları kapsamıyor: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every active channel is covered by at least one condition.</source>
        <translation>Her etkin kanal en az bir koşulla kapsanıyor.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Orders of %1 from these channels have no route: %2</source>
        <extracomment>%1 is a cargo company, %2 a list of sales channels.</extracomment>
        <translation>%1 ile gönderilecek şu kanalların siparişleri için yol yok: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Every active channel has a route for %1.</source>
        <extracomment>%1 is a cargo company.</extracomment>
        <translation>%1 için her etkin kanalın bir yolu var.</translation>
    </message>
</context>
<context>
    <name>ScanCommand</name>
    <message>
        <location filename="../../oms_desktop/ui/messages.py" line="-16"/>
        <source>Complete packaging</source>
        <translation>Paketlemeyi tamamla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put the package aside</source>
        <translation>Paketi kenara ayır</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo the last item</source>
        <translation>Son ürünü geri al</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search</source>
        <translation>Ara</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <location line="-615"/>
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
        <location line="-64"/>
        <source>%n item(s)</source>
        <extracomment>Product count in the success banner, for example &quot;2 items&quot;.</extracomment>
        <translation>
            <numerusform>%n ürün</numerusform>
        </translation>
    </message>
    <message>
        <location line="+74"/>
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
    <message numerus="yes">
        <location line="-73"/>
        <source> · %n item(s) not scanned (recorded in the audit log)</source>
        <extracomment>Added to the success banner when the station completed a package before every item was scanned; %n is the number of unscanned units.</extracomment>
        <translation>
            <numerusform> · %n ürün okutulmadı (denetim kaydına yazıldı)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+95"/>
        <location line="+267"/>
        <source>Unknown code: %1</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Tanınmayan kod: %1</translation>
    </message>
    <message>
        <location line="-266"/>
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
        <location line="+102"/>
        <source>Cannot pack %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>%1 paketlenemiyor</translation>
    </message>
    <message>
        <location line="-98"/>
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
        <location line="+13"/>
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
    <message>
        <location line="+12"/>
        <source>Checking %1…</source>
        <extracomment>Shown when reading a scanned code takes a moment; %1 is the code.</extracomment>
        <translation>%1 kontrol ediliyor…</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+9"/>
        <source>Open: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Açık: %1</translation>
    </message>
    <message numerus="yes">
        <location line="-286"/>
        <source>Scan each of its %n item(s); packing completes after the last one.</source>
        <extracomment>%n is the number of item units still to scan.</extracomment>
        <translation>
            <numerusform>%n ürününün her birini okutun; sonuncusundan sonra paketleme tamamlanır.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Scan each of its %n item(s), then press F2 or scan the package again.</source>
        <extracomment>%n is the number of item units still to scan.</extracomment>
        <translation>
            <numerusform>%n ürününün her birini okutun, ardından F2&apos;ye basın veya paketi yeniden okutun.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+291"/>
        <location line="+128"/>
        <source>%1 of %2 scanned</source>
        <extracomment>%1 is the number of units scanned, %2 the number ordered of this product.</extracomment>
        <translation>%1/%2 okutuldu</translation>
    </message>
    <message numerus="yes">
        <location line="-414"/>
        <source>%n item(s) left in the package</source>
        <extracomment>%n is the number of item units of the package still to scan.</extracomment>
        <translation>
            <numerusform>pakette %n ürün kaldı</numerusform>
        </translation>
    </message>
    <message>
        <location line="+291"/>
        <source>every item scanned</source>
        <translation>tüm ürünler okutuldu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All items scanned: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Tüm ürünler okutuldu: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press F2 or scan the package again to complete packaging.</source>
        <translation>Paketlemeyi tamamlamak için F2&apos;ye basın veya paketi yeniden okutun.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Wrong item: %1</source>
        <extracomment>Title for a scanned item that is not in the open package; %1 is its product name or barcode.</extracomment>
        <translation>Yanlış ürün: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Barcode %1 is not in package %2. It belongs to waiting package %3: set it aside for that one.</source>
        <extracomment>%1 is a barcode, %2 the open package, %3 another waiting package.</extracomment>
        <translation>%1 barkodu %2 paketinde yok. Bekleyen %3 paketine ait: o paket için kenara ayırın.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Barcode %1 is not in package %2 and no waiting package needs it. Put it back.</source>
        <extracomment>%1 is a barcode, %2 the open package.</extracomment>
        <translation>%1 barkodu %2 paketinde yok ve bekleyen hiçbir paket bu ürünü beklemiyor. Yerine koyun.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>It is not an item of package %1, nor any package, order or tracking number. Check the label and scan again.</source>
        <extracomment>%1 is the open package&apos;s number.</extracomment>
        <translation>Bu kod ne %1 paketinin bir ürünü ne de bir paket, sipariş veya takip numarası. Etiketi kontrol edip yeniden okutun.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>One too many: %1</source>
        <extracomment>%1 is a product name.</extracomment>
        <translation>Bir adet fazla: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All %1 ordered units (barcode %2) are already scanned. Take the extra one out of package %3.</source>
        <extracomment>%1 is the ordered quantity, %2 the product&apos;s barcode, %3 the package number.</extracomment>
        <translation>Sipariş edilen %1 adedin tümü (barkod %2) zaten okutuldu. Fazla olanı %3 paketinden çıkarın.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (%2 of %3)</source>
        <extracomment>One unscanned product in a list; %1 is its name, %2 the units scanned, %3 ordered.</extracomment>
        <translation>%1 (%2/%3)</translation>
    </message>
    <message numerus="yes">
        <location line="-381"/>
        <source>%n more</source>
        <extracomment>Ends a list of unscanned products; %n is how many more products are missing.</extracomment>
        <translation>
            <numerusform>%n tane daha</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1: %n item(s) not scanned yet</source>
        <extracomment>%n is the number of item units not scanned yet; %1 the package number.</extracomment>
        <translation>
            <numerusform>%1: %n ürün henüz okutulmadı</numerusform>
        </translation>
    </message>
    <message>
        <location line="+390"/>
        <source>Missing: %1. Scan them, or put the package aside (Esc). A supervisor can allow this station to complete without scanning.</source>
        <extracomment>%1 is a list of products with their counts.</extracomment>
        <translation>Eksik: %1. Bunları okutun ya da paketi kenara ayırın (Esc). Bir sorumlu, bu istasyonun okutmadan tamamlamasına izin verebilir.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Undone: %1</source>
        <extracomment>%1 is a product name.</extracomment>
        <translation>Geri alındı: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing to undo</source>
        <translation>Geri alınacak bir şey yok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No item scan of the open package is left to take back.</source>
        <translation>Açık paketin geri alınacak ürün okutması kalmadı.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Put aside: %1</source>
        <extracomment>%1 is the package number; the packer closed it without packing.</extracomment>
        <translation>Kenara ayrıldı: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was packed. Scan the package again to start over.</source>
        <translation>Hiçbir şey paketlenmedi. Baştan başlamak için paketi yeniden okutun.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No package is open</source>
        <translation>Açık paket yok</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the package number, order number or tracking number first.</source>
        <translation>Önce paket numarasını, sipariş numarasını veya takip numarasını okutun.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Being packed at station %1</source>
        <extracomment>%1 is another station&apos;s name.</extracomment>
        <translation>%1 istasyonunda paketleniyor</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is open at station %2 (until %3). To pack it here, scan it again or press Take over (F4).</source>
        <extracomment>%1 is the package number, %2 the other station, %3 when its claim lapses.</extracomment>
        <translation>%1 paketi %2 istasyonunda açık (%3 saatine kadar). Burada paketlemek için yeniden okutun veya Devral&apos;a (F4) basın.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Taken over by station %1</source>
        <extracomment>%1 is another station&apos;s name.</extracomment>
        <translation>%1 istasyonu devraldı</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Package %1 is being packed at station %2 now, so it was closed here without packing. Hand its items over to that station.</source>
        <extracomment>%1 is the package number, %2 the other station.</extracomment>
        <translation>%1 paketi artık %2 istasyonunda paketleniyor, bu yüzden burada paketlenmeden kapatıldı. Ürünlerini o istasyona teslim edin.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 (%2) is a product. Scan the package label first; waiting package %3 contains this product.</source>
        <extracomment>%1 is a product, %2 its barcode, %3 a waiting package containing it.</extracomment>
        <translation>%1 (%2) bir ürün. Önce paket etiketini okutun; bu ürün bekleyen %3 paketinde var.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 (%2) is a product. Scan the package label first.</source>
        <extracomment>%1 is a product, %2 its barcode.</extracomment>
        <translation>%1 (%2) bir ürün. Önce paket etiketini okutun.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Scan the package first</source>
        <translation>Önce paketi okutun</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Package %1 is still open</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>%1 paketi hâlâ açık</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Complete it (F2) or put it aside (Esc) before opening %1.</source>
        <extracomment>%1 is the other package&apos;s number.</extracomment>
        <translation>%1 paketini açmadan önce açık paketi tamamlayın (F2) veya kenara ayırın (Esc).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>It contains characters a barcode rarely has: the scanner may be set up for another keyboard layout than this computer. Test it in the settings.</source>
        <translation>Kodda barkodlarda nadiren bulunan karakterler var: barkod okuyucu bu bilgisayardan farklı bir klavye düzenine ayarlanmış olabilir. Ayarlardan test edin.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scanner keyboard layout does not match</source>
        <translation>Barkod okuyucunun klavye düzeni uyuşmuyor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 reads as different codes through the Turkish layouts, so it was not used. Program the scanner for Turkish Q (or F) with the setup barcode in its manual, or set this computer&apos;s input language to US; then scan again.</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>%1, Türkçe düzenlerde farklı kodlar olarak okunuyor, bu yüzden kullanılmadı. Barkod okuyucuyu kılavuzundaki kurulum barkoduyla Türkçe Q (veya F) için programlayın ya da bu bilgisayarın giriş dilini ABD yapın; ardından yeniden okutun.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The scanner&apos;s keyboard layout looks wrong: %1 arrived and was read as %2 (%3 layout). Program the scanner for the Turkish layout to avoid misreads.</source>
        <extracomment>%1 is the code as received, %2 how it was read, %3 a keyboard layout name.</extracomment>
        <translation>Barkod okuyucunun klavye düzeni yanlış görünüyor: %1 geldi ve %2 olarak okundu (%3 düzeni). Yanlış okumaları önlemek için okuyucuyu Türkçe düzene programlayın.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>GS1 barcode cannot be used</source>
        <translation>GS1 barkodu kullanılamıyor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1. Scan another barcode on the item or its package.</source>
        <extracomment>%1 is the reason, in English, from the GS1 parser.</extracomment>
        <translation>%1. Ürün veya ambalajı üzerindeki başka bir barkodu okutun.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown SSCC: %1</source>
        <extracomment>%1 is an 18-digit serial shipping container code.</extracomment>
        <translation>Tanınmayan SSCC: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No package has this shipping container code. Scan the package number instead.</source>
        <translation>Bu sevkiyat kabı koduna sahip paket yok. Bunun yerine paket numarasını okutun.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unexpected error</source>
        <translation>Beklenmeyen hata</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The scan could not be handled and nothing was packed. The error was logged; scan again, and tell IT support if it happens again.</source>
        <translation>Okutma işlenemedi ve hiçbir şey paketlenmedi. Hata kayda geçirildi; yeniden okutun, tekrar olursa BT desteğine bildirin.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Scan ignored: a dialog is open</source>
        <translation>Okutma yok sayıldı: bir pencere açık</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the dialog, then scan again.</source>
        <translation>Pencereyi kapatıp yeniden okutun.</translation>
    </message>
    <message>
        <location filename="../../oms_desktop/ui/scanner.py" line="+1170"/>
        <source>Scanner ends codes with %1</source>
        <extracomment>%1 is the key the scanner sent after the code.</extracomment>
        <translation>Barkod okuyucu kodları %1 ile bitiriyor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This station expects %1 after each code, so the scan was not used. Change the scanner terminator setting (or program the scanner), then scan again.</source>
        <extracomment>%1 is the terminator this station expects.</extracomment>
        <translation>Bu istasyon her koddan sonra %1 bekliyor, bu yüzden okutma kullanılmadı. Okuyucu bitiş tuşu ayarını değiştirin (veya okuyucuyu programlayın), ardından yeniden okutun.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Only the scanner prefix arrived</source>
        <translation>Yalnızca okuyucu ön eki geldi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The code after the prefix was empty. Scan again.</source>
        <translation>Ön ekten sonraki kod boştu. Yeniden okutun.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The window lost the keyboard focus during the scan. Scan again.</source>
        <translation>Okutma sırasında pencere klavye odağını kaybetti. Yeniden okutun.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The code arrived with a pause in it, so it was not used. Scan again.</source>
        <translation>Kod arada bir duraklamayla geldi, bu yüzden kullanılmadı. Yeniden okutun.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Incomplete scan ignored</source>
        <translation>Eksik okutma yok sayıldı</translation>
    </message>
</context>
<context>
    <name>ScanReading</name>
    <message>
        <location filename="../../oms_desktop/ui/messages.py" line="+41"/>
        <source>Package %1 (matched its %2).</source>
        <extracomment>%1 is a package number, %2 which of its numbers matched.</extracomment>
        <translation>%1 paketi (%2 eşleşti).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Product barcode %1.</source>
        <extracomment>%1 is a product barcode.</extracomment>
        <translation>Ürün barkodu: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Command: %1.</source>
        <extracomment>%1 is the name of a command barcode.</extracomment>
        <translation>Komut: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Matches several packages (%1): scan the package number.</source>
        <extracomment>%1 is a list of package numbers.</extracomment>
        <translation>Birden fazla pakete uyuyor (%1): paket numarasını okutun.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SSCC %1, which names no package.</source>
        <extracomment>%1 is an SSCC.</extracomment>
        <translation>SSCC %1; hiçbir pakete ait değil.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing but spaces or control characters.</source>
        <translation>Yalnızca boşluk veya denetim karakterleri.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing matches %1, and it has characters a barcode rarely has: check the scanner&apos;s keyboard layout.</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>%1 hiçbir şeyle eşleşmiyor ve barkodlarda nadiren bulunan karakterler içeriyor: okuyucunun klavye düzenini kontrol edin.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing matches %1.</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>%1 hiçbir şeyle eşleşmiyor.</translation>
    </message>
</context>
<context>
    <name>ScannerTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_application.py" line="+148"/>
        <source>Click the box below and scan a few barcodes: package labels, products, tracking numbers. It shows what the scanner sends and whether this station takes it for a scan with the thresholds on the Application tab, saved or not.</source>
        <translation>Aşağıdaki kutuya tıklayın ve birkaç barkod okutun: paket etiketleri, ürünler, takip numaraları. Kutu, okuyucunun ne gönderdiğini ve bu istasyonun, Uygulama sekmesindeki eşiklerle (kaydedilmiş olsun ya da olmasın) bunu okutma sayıp saymadığını gösterir.</translation>
    </message>
</context>
<context>
    <name>ScannerTerminator</name>
    <message>
        <location filename="../../oms_desktop/ui/scanner.py" line="-130"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter and line feed</source>
        <translation>Enter ve satır besleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter, Tab, or Enter and line feed</source>
        <translation>Enter, Tab veya Enter ve satır besleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>line feed (Ctrl+J)</source>
        <translation>satır besleme (Ctrl+J)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>another key</source>
        <translation>başka bir tuş</translation>
    </message>
</context>
<context>
    <name>ScannerTestBox</name>
    <message>
        <location line="-210"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Character</source>
        <extracomment>Column of the scanner test: the character as received.</extracomment>
        <translation>Karakter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Code point</source>
        <extracomment>Column of the scanner test: the Unicode code point, such as U+0041.</extracomment>
        <translation>Kod noktası</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unicode name</source>
        <extracomment>Column of the scanner test: the Unicode character name.</extracomment>
        <translation>Unicode adı</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gap (ms)</source>
        <extracomment>Column of the scanner test: milliseconds since the previous key.</extracomment>
        <translation>Ara (ms)</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Click here, then scan a barcode. The box lists every character the scanner sends and tells what the station makes of it.</source>
        <translation>Buraya tıklayıp bir barkod okutun. Kutu, okuyucunun gönderdiği her karakteri listeler ve istasyonun onu nasıl yorumladığını gösterir.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Looking the code up…</source>
        <translation>Kod aranıyor…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The code could not be looked up: the database is busy or unreachable.</source>
        <translation>Kod aranamadı: veritabanı meşgul veya erişilemiyor.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Recognised as a scan: %1 characters, longest gap %2 ms (limit %3 ms), ended by %4.</source>
        <extracomment>%1 characters, %2 longest gap in ms, %3 the limit in ms, %4 the terminator.</extracomment>
        <translation>Okutma olarak tanındı: %1 karakter, en uzun ara %2 ms (sınır %3 ms), %4 ile bitti.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not a scan: %1 characters, fewer than the minimum of %2. Keys like these are passed on as typing.</source>
        <extracomment>%1 characters received, %2 the minimum.</extracomment>
        <translation>Okutma değil: %1 karakter, en az %2 karakter gerekir. Böyle tuşlar yazı olarak iletilir.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not a scan: a pause of %1 ms before key %2 is longer than the limit of %3 ms. Raise the limit in the settings, or set the scanner to send faster.</source>
        <extracomment>%1 a pause in ms, %2 the position of the late key, %3 the limit in ms.</extracomment>
        <translation>Okutma değil: %2. tuştan önceki %1 ms&apos;lik duraklama %3 ms sınırından uzun. Ayarlardan sınırı yükseltin veya okuyucuyu daha hızlı gönderecek şekilde ayarlayın.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not a scan: no terminator arrived. The station expects %1 after each code; program the scanner to send it.</source>
        <extracomment>%1 is the terminator the station expects.</extracomment>
        <translation>Okutma değil: bitiş tuşu gelmedi. İstasyon her koddan sonra %1 bekliyor; okuyucuyu bunu gönderecek şekilde programlayın.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not a scan: it ended with %1, but the station expects %2. Change the scanner terminator setting or program the scanner.</source>
        <extracomment>%1 the key that ended the code, %2 the terminator the station expects.</extracomment>
        <translation>Okutma değil: %1 ile bitti, ancak istasyon %2 bekliyor. Okuyucu bitiş tuşu ayarını değiştirin veya okuyucuyu programlayın.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a scan: nothing but the prefix arrived.</source>
        <translation>Okutma değil: yalnızca ön ek geldi.</translation>
    </message>
</context>
<context>
    <name>SettingLabels</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_labels.py" line="+28"/>
        <source> s</source>
        <translation> sn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Follow shipment status from Omnitron</source>
        <translation>Gönderi durumunu Omnitron&apos;dan izle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moves packed packages to shipped, delivery attempted or delivered as Omnitron reports them.</source>
        <translation>Paketlenen paketleri, Omnitron bildirdikçe kargoda, teslim edilemedi ya da teslim edildi durumuna geçirir.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New orders: check every</source>
        <translation>Yeni siparişler: denetim aralığı</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds between two requests for new orders.</source>
        <translation>Yeni siparişler için iki istek arasındaki saniye.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reports to Omnitron: send every</source>
        <translation>Omnitron bildirimleri: gönderim aralığı</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds between two deliveries of waiting reports to Omnitron.</source>
        <translation>Bekleyen bildirimlerin Omnitron&apos;a iki gönderimi arasındaki saniye.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Shipment status: check every</source>
        <translation>Gönderi durumu: denetim aralığı</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds between two checks of the packed packages&apos; status.</source>
        <translation>Paketlenen paketlerin durumunun iki denetimi arasındaki saniye.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Orders per status request</source>
        <translation>Durum isteği başına sipariş</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many orders one shipment status request to Omnitron asks for.</source>
        <translation>Omnitron&apos;a gönderilen bir gönderi durumu isteğinin kaç siparişi sorduğu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status requests at the same time</source>
        <translation>Aynı anda durum isteği</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many shipment status requests may wait for Omnitron at once.</source>
        <translation>Aynı anda kaç gönderi durumu isteğinin Omnitron&apos;u bekleyebileceği.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Omnitron address</source>
        <translation>Omnitron adresi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For example https://omnitron.example.com</source>
        <translation>Örneğin https://omnitron.example.com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>Kullanıcı adı</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login path prefix</source>
        <translation>Giriş yolu öneki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path before auth/login/, usually /api/i1/</source>
        <translation>auth/login/ öncesindeki yol, genellikle /api/i1/</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Orders path prefix</source>
        <translation>Sipariş yolu öneki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path before orders/, channels/ and cargo_companies/, usually /api/i1/</source>
        <translation>orders/, channels/ ve cargo_companies/ öncesindeki yol, genellikle /api/i1/</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Update path prefix</source>
        <translation>Güncelleme yolu öneki</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path before order_items/, usually /api/v1/</source>
        <translation>order_items/ öncesindeki yol, genellikle /api/v1/</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Company CA certificates</source>
        <translation>Şirket CA sertifikaları</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PEM file with the certificate authorities your company uses, when Omnitron is reached through a company proxy. Leave empty to trust the usual ones.</source>
        <translation>Omnitron&apos;a bir şirket vekil sunucusu üzerinden ulaşılıyorsa, şirketinizin kullandığı sertifika yetkililerini içeren PEM dosyası. Olağan yetkililere güvenmek için boş bırakın.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Language</source>
        <translation>Dil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Takes effect the next time the program starts.</source>
        <translation>Program bir sonraki açılışında geçerli olur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scanner: longest pause between keys</source>
        <translation>Okuyucu: tuşlar arası en uzun ara</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys typed faster than this count as one barcode scan; a person types slower.</source>
        <translation>Bundan hızlı gelen tuşlar tek bir barkod okutması sayılır; insan daha yavaş yazar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Scanner: shortest barcode</source>
        <translation>Okuyucu: en kısa barkod</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewest characters a fast burst of keys needs to count as a scan.</source>
        <translation>Hızlı bir tuş dizisinin okutma sayılması için gereken en az karakter.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scanner: key after each code</source>
        <translation>Okuyucu: her koddan sonraki tuş</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The key the scanner sends at the end of every barcode.</source>
        <translation>Okuyucunun her barkodun sonunda gönderdiği tuş.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scanner: prefix</source>
        <translation>Okuyucu: önek</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text the scanner sends before every code; it is removed. Leave empty for none.</source>
        <translation>Okuyucunun her koddan önce gönderdiği metin; çıkarılır. Önek yoksa boş bırakın.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Ignore the same item scanned again within</source>
        <translation>Aynı ürünün şu süre içinde yeniden okutulmasını yok say</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A scanner that reads one barcode twice this fast counts it once.</source>
        <translation>Bir barkodu bu kadar hızlı iki kez okuyan okuyucu bir kez sayılır.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Check items by scanning them</source>
        <translation>Ürünleri okutarak denetle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A package scan opens the package so each item is scanned; off: it packs at once.</source>
        <translation>Paket okutulunca paket açılır ve her ürün okutulur; kapalıysa hemen paketlenir.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Complete when every item is scanned</source>
        <translation>Her ürün okutulunca tamamla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completes packaging as soon as the last item has been scanned.</source>
        <translation>Son ürün okutulur okutulmaz paketlemeyi tamamlar.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Allow completing without scanning every item</source>
        <translation>Her ürünü okutmadan tamamlamaya izin ver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each such completion is written to the audit log.</source>
        <translation>Böyle her tamamlama denetim kaydına yazılır.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play a sound for each scan</source>
        <translation>Her okutmada ses çal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A different sound for success and for failure.</source>
        <translation>Başarı ve hata için farklı sesler.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As the operating system</source>
        <translation>İşletim sistemindeki gibi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Türkçe</source>
        <translation>Türkçe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tab</source>
        <translation>Tab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter and line feed</source>
        <translation>Enter ve satır besleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any of these</source>
        <translation>Bunlardan herhangi biri</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_dialog.py" line="+169"/>
        <source>Settings – %1 – %2</source>
        <extracomment>Window title; %1 is the station, %2 the supervisor&apos;s name.</extracomment>
        <translation>Ayarlar – %1 – %2</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Omnitron connection</source>
        <extracomment>Settings tab: address, user and password of Omnitron.</extracomment>
        <translation>Omnitron bağlantısı</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channels</source>
        <translation>Kanallar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cargo companies</source>
        <translation>Kargo firmaları</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Routing</source>
        <extracomment>Settings tab: shipment conditions.</extracomment>
        <translation>Yönlendirme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Application</source>
        <translation>Uygulama</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State transitions</source>
        <translation>Durum geçişleri</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Omnitron reports</source>
        <extracomment>Settings tab: reports the station sends to Omnitron.</extracomment>
        <translation>Omnitron bildirimleri</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanner test</source>
        <translation>Okuyucu testi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import / export</source>
        <translation>İçe / dışa aktar</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Revert</source>
        <extracomment>Button that discards unsaved edits and reads the settings again.</extracomment>
        <translation>Geri al</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <extracomment>Button that saves every tab&apos;s edits together.</extracomment>
        <translation>Kaydet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>Kapat</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Reading the settings…</source>
        <translation>Ayarlar okunuyor…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The settings cannot be read: %1. Press Revert to try again.</source>
        <extracomment>%1 is the database&apos;s error message.</extracomment>
        <translation>Ayarlar okunamıyor: %1. Yeniden denemek için Geri al&apos;a basın.</translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>Nothing was saved: %n field(s) are invalid. They are marked in red.</source>
        <extracomment>%n is the number of invalid fields.</extracomment>
        <translation>
            <numerusform>Hiçbir şey kaydedilmedi: %n alan geçersiz. Kırmızıyla işaretlendiler.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing to save: no field was changed.</source>
        <translation>Kaydedilecek bir şey yok: hiçbir alan değişmedi.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Saving…</source>
        <translation>Kaydediliyor…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This computer has no keyring, so the password cannot be saved. Clear the password field to save the rest, and set %1 for this station instead.</source>
        <extracomment>%1 is the name of an environment variable.</extracomment>
        <translation>Bu bilgisayarda anahtarlık yok, bu yüzden parola kaydedilemez. Geri kalanını kaydetmek için parola alanını boşaltın ve bunun yerine bu istasyon için %1 ayarlayın.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the Omnitron address and user name before a password.</source>
        <translation>Paroladan önce Omnitron adresini ve kullanıcı adını girin.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Saved %n change(s).</source>
        <extracomment>%n is the number of saved changes.</extracomment>
        <translation>
            <numerusform>%n değişiklik kaydedildi.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing was saved: some fields are invalid. They are marked in red.</source>
        <translation>Hiçbir şey kaydedilmedi: bazı alanlar geçersiz. Kırmızıyla işaretlendiler.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was saved: another station changed %1 meanwhile. Press Revert to load the current values, then make your edits again.</source>
        <extracomment>%1 lists the changed rows, such as &quot;channel 42&quot;.</extracomment>
        <translation>Hiçbir şey kaydedilmedi: bu arada başka bir istasyon %1 kaydını değiştirdi. Güncel değerleri yüklemek için Geri al&apos;a basın, sonra düzenlemelerinizi yeniden yapın.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The password could not be stored in the keyring: %1</source>
        <extracomment>%1 is the keyring&apos;s error message.</extracomment>
        <translation>Parola anahtarlığa kaydedilemedi: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was saved.</source>
        <translation>Hiçbir şey kaydedilmedi.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was saved: the database refused a duplicate value, probably written by another station meanwhile. Press Revert and try again.</source>
        <translation>Hiçbir şey kaydedilmedi: veritabanı, büyük olasılıkla bu arada başka bir istasyonun yazdığı yinelenen bir değeri reddetti. Geri al&apos;a basın ve yeniden deneyin.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was saved: %1</source>
        <extracomment>%1 is the error message.</extracomment>
        <translation>Hiçbir şey kaydedilmedi: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Unsaved changes</source>
        <translation>Kaydedilmemiş değişiklikler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close the settings without saving your edits?</source>
        <translation>Ayarlar, düzenlemeleriniz kaydedilmeden kapatılsın mı?</translation>
    </message>
</context>
<context>
    <name>SettingsProblems</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_common.py" line="+85"/>
        <source>This field must not be empty.</source>
        <translation>Bu alan boş olamaz.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The Omnitron id must be greater than 0, not %1.</source>
        <extracomment>%1 is the number typed.</extracomment>
        <translation>Omnitron kimliği 0&apos;dan büyük olmalı, %1 olamaz.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Too long: at most %1 characters.</source>
        <extracomment>%1 is the maximum number of characters.</extracomment>
        <translation>Çok uzun: en çok %1 karakter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This command already has a transition from “%1”.</source>
        <extracomment>A state transition; %1 is a package status name.</extracomment>
        <translation>Bu komutun “%1” durumundan bir geçişi zaten var.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is already used by another row.</source>
        <extracomment>%1 is an Omnitron id or a slug that another row already has.</extracomment>
        <translation>“%1” başka bir satırda zaten kullanılıyor.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>“%1” is not a package status. Choose one of: %2.</source>
        <extracomment>%1 is the text typed, %2 the list of known package status names.</extracomment>
        <translation>“%1” bir paket durumu değil. Şunlardan birini seçin: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” is not a class this program knows.</source>
        <extracomment>%1 is a class name from the station configuration.</extracomment>
        <translation>“%1” bu programın tanıdığı bir sınıf değil.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cargo company %1 does not exist.</source>
        <extracomment>%1 is an Omnitron cargo company id.</extracomment>
        <translation>%1 kargo firması yok.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Channels %1 do not exist.</source>
        <extracomment>%1 is a list of Omnitron channel ids.</extracomment>
        <translation>%1 kanalları yok.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>“%1” is not a command name: use capital letters, digits and _.</source>
        <extracomment>%1 is the command name typed.</extracomment>
        <translation>“%1” bir komut adı değil: büyük harf, rakam ve _ kullanın.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” must not contain spaces (at most 120 characters).</source>
        <extracomment>%1 is the slug typed.</extracomment>
        <translation>“%1” boşluk içeremez (en çok 120 karakter).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is not a valid address. Give one like https://omnitron.example.com</source>
        <extracomment>%1 is the URL typed.</extracomment>
        <translation>“%1” geçerli bir adres değil. https://omnitron.example.com gibi bir adres girin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The address contains a password. Remove it; the password has its own field.</source>
        <translation>Adreste parola var. Çıkarın; parolanın kendi alanı var.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file %1 does not exist.</source>
        <extracomment>%1 is a file path.</extracomment>
        <translation>%1 dosyası yok.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Invalid value: %1</source>
        <extracomment>%1 is the reason in English, from the settings registry.</extracomment>
        <translation>Geçersiz değer: %1</translation>
    </message>
</context>
<context>
    <name>SettingsTables</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_records.py" line="-12"/>
        <source>yes</source>
        <extracomment>Table cell of a flag that is on.</extracomment>
        <translation>evet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <extracomment>Table cell of a flag that is off.</extracomment>
        <translation>hayır</translation>
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
    <name>SoundCue</name>
    <message>
        <location filename="../../oms_desktop/ui/sounds.py" line="+46"/>
        <source>Scan accepted</source>
        <translation>Okutma kabul edildi</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Package complete</source>
        <translation>Paket tamamlandı</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong item or one too many</source>
        <translation>Yanlış ürün veya bir adet fazla</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Hata</translation>
    </message>
</context>
<context>
    <name>SupervisorGate</name>
    <message>
        <location filename="../../oms_desktop/ui/supervisor_gate.py" line="+90"/>
        <source>Supervisor</source>
        <translation>Sorumlu</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Your name (for the audit log)</source>
        <extracomment>Optional name of the supervisor, written to the audit log.</extracomment>
        <translation>Adınız (denetim kaydı için)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+65"/>
        <source>PIN or password</source>
        <extracomment>The supervisor&apos;s PIN or password.</extracomment>
        <translation>PIN ya da parola</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Repeat it</source>
        <translation>Yeniden yazın</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>No supervisor PIN or password is set on this database yet. Choose one of at least %1 characters; it protects the settings of every station.</source>
        <extracomment>%1 is the least number of characters of the PIN or password.</extracomment>
        <translation>Bu veritabanında henüz sorumlu PIN&apos;i ya da parolası yok. En az %1 karakterlik bir tane seçin; tüm istasyonların ayarlarını korur.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New PIN or password</source>
        <translation>Yeni PIN ya da parola</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The settings need the supervisor&apos;s PIN or password.</source>
        <translation>Ayarlar için sorumlunun PIN&apos;i ya da parolası gerekir.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reading…</source>
        <translation>Okunuyor…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Type the PIN or password.</source>
        <translation>PIN&apos;i ya da parolayı yazın.</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>Wrong PIN or password. %n attempt(s) left before the settings lock for a while.</source>
        <translation>
            <numerusform>PIN ya da parola yanlış. Ayarlar bir süre kilitlenmeden önce %n deneme hakkınız kaldı.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Locked after %2 wrong attempts, until %1. Try again then.</source>
        <extracomment>%1 is a time of day; %2 is the number of wrong attempts that cause a lock.</extracomment>
        <translation>%2 yanlış denemeden sonra %1 saatine kadar kilitlendi. O zaman yeniden deneyin.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>You can try again now.</source>
        <translation>Şimdi yeniden deneyebilirsiniz.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Use at least %1 characters or digits.</source>
        <extracomment>%1 is the least number of characters.</extracomment>
        <translation>En az %1 karakter ya da rakam kullanın.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The two entries differ. Type it again.</source>
        <translation>İki giriş farklı. Yeniden yazın.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Another station has just set the PIN or password. Type that one.</source>
        <translation>Başka bir istasyon az önce PIN&apos;i ya da parolayı belirledi. Onu yazın.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Checking…</source>
        <translation>Denetleniyor…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database cannot be reached: %1. Try again in a moment.</source>
        <extracomment>%1 is the database&apos;s error message.</extracomment>
        <translation>Veritabanına ulaşılamıyor: %1. Biraz sonra yeniden deneyin.</translation>
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
<context>
    <name>TransferTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_transfer.py" line="+112"/>
        <source>Export</source>
        <translation>Dışa aktar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writes channels, cargo companies, conditions and settings to a JSON file, for another station or as a backup. Passwords are never written.</source>
        <translation>Kanalları, kargo firmalarını, koşulları ve ayarları başka bir istasyon için ya da yedek olarak bir JSON dosyasına yazar. Parolalar asla yazılmaz.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export to a file…</source>
        <extracomment>Button that writes the station configuration to a file.</extracomment>
        <translation>Dosyaya aktar…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import</source>
        <translation>İçe aktar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reads a JSON file and lists what it would change. Nothing changes until you press Apply import. Conditions in the file replace the conditions of the cargo companies it names; channels and cargo companies are never deleted.</source>
        <translation>Bir JSON dosyasını okur ve neleri değiştireceğini listeler. İçe aktarmayı uygula&apos;ya basana kadar hiçbir şey değişmez. Dosyadaki koşullar, adı geçen kargo firmalarının koşullarının yerini alır; kanallar ve kargo firmaları hiçbir zaman silinmez.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open a file…</source>
        <extracomment>Button that opens a configuration file to preview its changes.</extracomment>
        <translation>Dosya aç…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+145"/>
        <source>Apply import</source>
        <extracomment>Button that applies the previewed configuration file.</extracomment>
        <translation>İçe aktarmayı uygula</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>Export the station configuration</source>
        <translation>İstasyon yapılandırmasını dışa aktar</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+50"/>
        <source>JSON files (*.json);;All files (*)</source>
        <extracomment>File filter of the configuration file chooser.</extracomment>
        <translation>JSON dosyaları (*.json);;Tüm dosyalar (*)</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Exported to %1: %2 channels, %3 cargo companies, %4 conditions.</source>
        <extracomment>%1 is a file path, %2 to %4 are numbers.</extracomment>
        <translation>%1 dosyasına aktarıldı: %2 kanal, %3 kargo firması, %4 koşul.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Import a station configuration</source>
        <translation>İstasyon yapılandırmasını içe aktar</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 is valid and makes %2 changes, listed above.</source>
        <extracomment>%1 is a file path, %2 a number of changes.</extracomment>
        <translation>%1 geçerli ve yukarıda listelenen %2 değişikliği yapar.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is valid; the station already matches it.</source>
        <extracomment>%1 is a file path.</extracomment>
        <translation>%1 geçerli; istasyon zaten onunla aynı.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Apply %1 changes from %2 to the station configuration?</source>
        <extracomment>%1 is a number of changes, %2 a file path.</extracomment>
        <translation>%2 dosyasındaki %1 değişiklik istasyon yapılandırmasına uygulansın mı?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your unsaved edits in this dialog will be discarded.</source>
        <translation>Bu penceredeki kaydedilmemiş düzenlemeleriniz silinecek.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Imported %1 changes from %2.</source>
        <extracomment>%1 is a number of changes, %2 a file path.</extracomment>
        <translation>%2 dosyasından %1 değişiklik içe aktarıldı.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The file is invalid (%1 problems, listed above); nothing was imported.</source>
        <extracomment>%1 is a number of problems, listed above the message.</extracomment>
        <translation>Dosya geçersiz (yukarıda listelenen %1 sorun); hiçbir şey içe aktarılmadı.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Failed: %1</source>
        <extracomment>%1 is the reason, partly in English.</extracomment>
        <translation>Başarısız: %1</translation>
    </message>
</context>
<context>
    <name>TransitionsTab</name>
    <message>
        <location filename="../../oms_desktop/ui/settings_records.py" line="+504"/>
        <location line="+13"/>
        <source>Command</source>
        <translation>Komut</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>From status</source>
        <translation>Başlangıç durumu</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>To status</source>
        <translation>Hedef durum</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+13"/>
        <source>Slug</source>
        <translation>Kısa ad (slug)</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>State transition</source>
        <translation>Durum geçişi</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Add transition</source>
        <extracomment>Button that adds a state transition.</extracomment>
        <translation>Geçiş ekle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete transition</source>
        <extracomment>Button that removes the selected state transition.</extracomment>
        <translation>Geçişi sil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A command runs only from a status listed here. The marketplace command CHANNEL_BASED_COMPLETE_PACKAGING needs waiting, preparing and ready_to_pack to packed.</source>
        <translation>Bir komut yalnızca burada listelenen bir durumdan çalışır. Pazaryeri komutu CHANNEL_BASED_COMPLETE_PACKAGING için waiting, preparing ve ready_to_pack durumlarından packed durumuna geçişler gerekir.</translation>
    </message>
</context>
<context>
    <name>VerifyPanel</name>
    <message>
        <location filename="../../oms_desktop/ui/verify_panel.py" line="+101"/>
        <source>Complete (F2)</source>
        <extracomment>Button of the packing panel; F2 does the same.</extracomment>
        <translation>Tamamla (F2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Complete packaging of the open package (F2 or Ctrl+Enter)</source>
        <translation>Açık paketin paketlemesini tamamlar (F2 veya Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo last item (Ctrl+Z)</source>
        <translation>Son ürünü geri al (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take back the last item scan (Ctrl+Z)</source>
        <translation>Son ürün okutmasını geri alır (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put aside (Esc)</source>
        <translation>Kenara ayır (Esc)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close the package without packing it; nothing is written (Esc)</source>
        <translation>Paketi paketlemeden kapatır; hiçbir şey yazılmaz (Esc)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take over (F4)</source>
        <translation>Devral (F4)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pack this package here; the other station loses it (F4)</source>
        <translation>Bu paketi burada paketler; diğer istasyon paketi bırakır (F4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Count item without barcode (F6)</source>
        <translation>Barkodsuz ürünü say (F6)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Count one unit of the selected product that has no barcode (F6)</source>
        <translation>Seçili barkodsuz üründen bir adet sayar (F6)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No package open</source>
        <extracomment>Title of the packing panel while no package is open.</extracomment>
        <translation>Açık paket yok</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan a package number, order number or tracking number to open it here.</source>
        <translation>Paketi burada açmak için paket numarasını, sipariş numarasını veya takip numarasını okutun.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Being packed at station %1. Scan the package again or press Take over (F4) to pack it here.</source>
        <extracomment>%1 is another station&apos;s name.</extracomment>
        <translation>%1 istasyonunda paketleniyor. Burada paketlemek için paketi yeniden okutun veya Devral&apos;a (F4) basın.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Not opened here</source>
        <translation>Burada açılmadı</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Order %1</source>
        <extracomment>%1 is the order number.</extracomment>
        <translation>Sipariş %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tracking %1</source>
        <extracomment>%1 is the tracking number.</extracomment>
        <translation>Takip %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 of %2 items scanned</source>
        <extracomment>Progress of the open package; %1 units scanned, %2 units in the package.</extracomment>
        <translation>%1/%2 ürün okutuldu</translation>
    </message>
</context>
</TS>
