<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Age</name>
    <message>
        <location filename="../../oms_desktop/ui/labels.py" line="+68"/>
        <source>&lt;1 min</source>
        <extracomment>Age of less than one minute, in a narrow table column.</extracomment>
        <translation>&lt;1 min</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 min</source>
        <extracomment>Age in minutes, abbreviated for a narrow table column; %1 is the number.</extracomment>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 h</source>
        <extracomment>Age in hours, abbreviated for a narrow table column; %1 is the number.</extracomment>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 d</source>
        <extracomment>Age in days, abbreviated for a narrow table column; %1 is the number.</extracomment>
        <translation>%1 d</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../oms_desktop/ui/app.py" line="+119"/>
        <source>Database unavailable</source>
        <translation>Database unavailable</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The database cannot be opened. Check that the database server is running and reachable, then start the program again.

Details: %1</source>
        <translation>The database cannot be opened. Check that the database server is running and reachable, then start the program again.

Details: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Program too old for this database</source>
        <translation>Program too old for this database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A newer version of the program has upgraded this database (revision %1). Install the newer version on this station before packing.</source>
        <extracomment>%1 is a database schema revision id.</extracomment>
        <translation>A newer version of the program has upgraded this database (revision %1). Install the newer version on this station before packing.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Packing station – %1</source>
        <extracomment>Window title; %1 is the station&apos;s name.</extracomment>
        <translation>Packing station – %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../oms_desktop/ui/crash.py" line="+70"/>
        <source>Unexpected error</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The program hit an error it did not expect. Your last action may not have been completed: check the package in the list before going on.
Copy the details below and send them to your IT support.</source>
        <translation>The program hit an error it did not expect. Your last action may not have been completed: check the package in the list before going on.
Copy the details below and send them to your IT support.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Copy details</source>
        <extracomment>Button that copies the error details to the clipboard.</extracomment>
        <translation>Copy details</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../oms_desktop/ui/main_window.py" line="+104"/>
        <source>Packing station</source>
        <translation>Packing station</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Scan a package, order or tracking number</source>
        <extracomment>Placeholder of the scan field; the barcode scanner types into it.</extracomment>
        <translation>Scan a package, order or tracking number</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Complete packaging</source>
        <extracomment>Button that packs the package selected in the table.</extracomment>
        <translation>Complete packaging</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pack the package selected in the list (Ctrl+Enter)</source>
        <translation>Pack the package selected in the list (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Search package, order, tracking number, channel or cargo company</source>
        <translation>Search package, order, tracking number, channel or cargo company</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show:</source>
        <extracomment>Label in front of the status filter drop-down.</extracomment>
        <translation>Show:</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Open work</source>
        <extracomment>Status filter: every package except delivered ones.</extracomment>
        <translation>Open work</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <extracomment>Status filter: packages not packed yet.</extracomment>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Packed &amp; in transit</source>
        <extracomment>Status filter: packed, shipped or with a failed delivery attempt.</extracomment>
        <translation>Packed &amp; in transit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <extracomment>Status filter: cancelled packages.</extracomment>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All</source>
        <extracomment>Status filter: every package, delivered ones too.</extracomment>
        <translation>All</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Station: %1</source>
        <extracomment>Status bar; %1 is this station&apos;s name.</extracomment>
        <translation>Station: %1</translation>
    </message>
    <message>
        <location line="+176"/>
        <source>The package list could not be read: the database is busy or unreachable. Retrying…</source>
        <translation>The package list could not be read: the database is busy or unreachable. Retrying…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1+ packages listed</source>
        <extracomment>%1 is the number of packages listed so far; more load on scrolling.</extracomment>
        <translation>%1+ packages listed</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n package(s) listed</source>
        <translation>
            <numerusform>%n package listed</numerusform>
            <numerusform>%n packages listed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PackageStatus</name>
    <message>
        <location filename="../../oms_desktop/ui/labels.py" line="-56"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing</source>
        <translation>Preparing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to pack</source>
        <translation>Ready to pack</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Packed</source>
        <translation>Packed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shipped</source>
        <translation>Shipped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery attempted</source>
        <translation>Delivery attempted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Out of stock</source>
        <translation>Out of stock</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
</context>
<context>
    <name>PackageTableModel</name>
    <message>
        <location filename="../../oms_desktop/ui/package_model.py" line="+225"/>
        <source>Time since the customer placed the order</source>
        <translation>Time since the customer placed the order</translation>
    </message>
    <message>
        <location line="+247"/>
        <source>Packed %1, station %2</source>
        <extracomment>Tooltip of a packed package&apos;s status; %1 is a time, %2 a station name.</extracomment>
        <translation>Packed %1, station %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Order placed %1</source>
        <extracomment>Tooltip of the age column; %1 is a date and time.</extracomment>
        <translation>Order placed %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Package</source>
        <translation>Package</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Order</source>
        <translation>Order</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cargo company</source>
        <translation>Cargo company</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Items</source>
        <extracomment>Column header: number of products in the package.</extracomment>
        <translation>Items</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Age</source>
        <extracomment>Column header: how long ago the order was placed.</extracomment>
        <translation>Age</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tracking number</source>
        <translation>Tracking number</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Shipment status</source>
        <extracomment>Column header: what Omnitron last reported about the parcel.</extracomment>
        <translation>Shipment status</translation>
    </message>
</context>
<context>
    <name>ScanMessages</name>
    <message>
        <location filename="../../oms_desktop/ui/messages.py" line="+48"/>
        <source>Ready: scan a package</source>
        <translation>Ready: scan a package</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scan the package number, order number or tracking number.</source>
        <extracomment>Idle banner; a code is what the barcode scanner reads.</extracomment>
        <translation>Scan the package number, order number or tracking number.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Packing %1…</source>
        <extracomment>Shown while the scanned code is being packed; %1 is the code.</extracomment>
        <translation>Packing %1…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n item(s)</source>
        <extracomment>Product count in the success banner, for example &quot;2 items&quot;.</extracomment>
        <translation>
            <numerusform>%n item</numerusform>
            <numerusform>%n items</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Packed: %1</source>
        <extracomment>Success banner title; %1 is the package number.</extracomment>
        <translation>Packed: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>tracking no. %1 · %2 · order %3</source>
        <extracomment>Success banner detail; %1 is the tracking number, %2 the product count, %3 the order number.</extracomment>
        <translation>tracking no. %1 · %2 · order %3</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Unknown code: %1</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Unknown code: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No package, order or tracking number matches it. Check the code and scan again.</source>
        <translation>No package, order or tracking number matches it. Check the code and scan again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Order cancelled: do not pack, put the items back</source>
        <translation>Order cancelled: do not pack, put the items back</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Package %1, order %2.</source>
        <extracomment>%1 is the package number, %2 the order number.</extracomment>
        <translation>Package %1, order %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+100"/>
        <source>Cannot pack %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Cannot pack %1</translation>
    </message>
    <message>
        <location line="-96"/>
        <source>The package is “%1” and the command %2 has no transition from this status. A supervisor must check the state transitions.</source>
        <extracomment>%1 is a package status, %2 the name of the command.</extracomment>
        <translation>The package is “%1” and the command %2 has no transition from this status. A supervisor must check the state transitions.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>no cargo company</source>
        <translation>no cargo company</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No shipping route: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>No shipping route: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No shipment condition covers channel %1 (%2). A supervisor must add a condition in the settings; then scan again.</source>
        <extracomment>%1 is a sales channel such as Trendyol, %2 a cargo company.</extracomment>
        <translation>No shipment condition covers channel %1 (%2). A supervisor must add a condition in the settings; then scan again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No tracking number yet: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>No tracking number yet: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The marketplace has not given order %1 a tracking number yet. Set the package aside and scan it again after the next sync.</source>
        <extracomment>%1 is the order number.</extracomment>
        <translation>The marketplace has not given order %1 a tracking number yet. Set the package aside and scan it again after the next sync.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Code matches several packages: %1</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Code matches several packages: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Packages %1. Scan the package number instead.</source>
        <extracomment>%1 is a list of package numbers.</extracomment>
        <translation>Packages %1. Scan the package number instead.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Changed by another station: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Changed by another station: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Another station changed this package at the same moment, so nothing was packed here. Scan it again to see its status.</source>
        <translation>Another station changed this package at the same moment, so nothing was packed here. Scan it again to see its status.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Database busy or unreachable</source>
        <translation>Database busy or unreachable</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was packed. Wait a moment and scan %1 again. If this keeps happening, call IT support.</source>
        <extracomment>%1 is the scanned code.</extracomment>
        <translation>Nothing was packed. Wait a moment and scan %1 again. If this keeps happening, call IT support.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Already packed: %1</source>
        <extracomment>%1 is the package number.</extracomment>
        <translation>Already packed: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Packed %1, station %2. Status now: %3. Do not pack it again.</source>
        <extracomment>%1 is a time, %2 a station name, %3 the package&apos;s current status.</extracomment>
        <translation>Packed %1, station %2. Status now: %3. Do not pack it again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Packed %1. Status now: %2. Do not pack it again.</source>
        <extracomment>%1 is a time, %2 the package&apos;s current status.</extracomment>
        <translation>Packed %1. Status now: %2. Do not pack it again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Status now: %1. Do not pack it again.</source>
        <extracomment>%1 is the package&apos;s current status.</extracomment>
        <translation>Status now: %1. Do not pack it again.</translation>
    </message>
</context>
<context>
    <name>ShipmentStatus</name>
    <message>
        <location filename="../../oms_desktop/ui/labels.py" line="+4"/>
        <source>With the carrier</source>
        <translation>With the carrier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivery attempted</source>
        <translation>Delivery attempted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../oms_desktop/ui/sync_status.py" line="+104"/>
        <source>Sync off: no Omnitron connection</source>
        <extracomment>Status bar, when the window was started without an Omnitron connection.</extracomment>
        <translation>Sync off: no Omnitron connection</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sync starting…</source>
        <translation>Sync starting…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Last sync: %1</source>
        <extracomment>%1 is a wall-clock time (HH:MM:SS).</extracomment>
        <translation>Last sync: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reports waiting: %1 (oldest %2)</source>
        <extracomment>Reports to Omnitron not delivered yet; %1 is a count, %2 the oldest one&apos;s age.</extracomment>
        <translation>Reports waiting: %1 (oldest %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reports waiting: %1</source>
        <translation>Reports waiting: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Failed reports: %1</source>
        <extracomment>Reports Omnitron rejected for good; a supervisor must look at them.</extracomment>
        <translation>Failed reports: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rate limited until %1</source>
        <extracomment>Omnitron asked the station to slow down; %1 is a wall-clock time (HH:MM:SS).</extracomment>
        <translation>Rate limited until %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Standby: %1 syncs</source>
        <extracomment>Another station&apos;s sync engine talks to Omnitron; %1 names it.</extracomment>
        <translation>Standby: %1 syncs</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Last error: %1</source>
        <translation>Last error: %1</translation>
    </message>
</context>
</TS>
