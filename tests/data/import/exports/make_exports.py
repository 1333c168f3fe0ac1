"""Regenerates the export-shaped fixtures of tests/it/real_exports.rs (standard library only).

Each file is written with the bytes the imitated tool writes: its encoding, byte-order mark,
delimiter, quoting and line ends. The shop workbooks (.xlsx) are written by the Rust test
itself with rust_xlsxwriter. See README.md for what is planted where.
Run from this directory: python3 make_exports.py
"""
import csv
import io

# --- Google Contacts -------------------------------------------------------------------------

GOOGLE = ("First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
          "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
          "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,"
          "E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,"
          "Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,"
          "Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
          "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
          "Address 1 - Extended Address,Website 1 - Label,Website 1 - Value").split(",")

GOOGLE_LEGACY = ("Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
                 "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
                 "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,"
                 "Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,"
                 "Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,"
                 "Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,"
                 "Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,"
                 "Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,"
                 "Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,"
                 "Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,"
                 "Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,"
                 "Website 1 - Value").split(",")

# first, last, org, title, birthday, notes, email, phone, formatted address, street, city,
# postal code, country
PEOPLE = [
    ("Alice", "Martin", "Atelier Lumière", "Gérante", "--03-05", "", "alice.martin@atelier-lumiere.fr",
     "06 12 34 56 78", "12 Rue de Rivoli\n75001 Paris\nFrance", "12 Rue de Rivoli", "Paris", "75001", "France"),
    ("Bob", "Smith", "Smith & Sons Hardware", "Owner", "1985-07-14", "", "bob.smith@example.com",
     "+1 555 010 2000", "455 Market St\nSan Francisco, CA 94105\nUS", "455 Market St", "San Francisco", "94105", "US"),
    ("静", "陈", "", "", "", "", "chen.jing@example.cn",
     "138 0013 8000", "朝阳区建国路88号\n北京市 100022\n中国", "", "", "", ""),
    ("Hans", "Müller", "Müller Bau GmbH", "", "1970-01-31", "", "hans@mueller-bau.example",
     "030 12345678", "Unter den Linden 5\n10117 Berlin\nDeutschland", "", "", "", ""),
    ("Priya", "Shah", "", "", "", "", "priya.shah@example.co.uk",
     "020 7946 0018", "221B Baker Street\nLondon NW1 6XE\nUnited Kingdom", "221B Baker Street", "London", "NW1 6XE", "United Kingdom"),
    ("Yuki", "Tanaka", "", "", "", "", "yuki.tanaka@example.jp",
     "03-1234-5678", "1-1 Marunouchi, Chiyoda-ku\nTokyo 100-0005\nJapan", "1-1 Marunouchi, Chiyoda-ku", "Tokyo", "100-0005", "Japan"),
    ("Oliver", "Brown", "", "", "", "", "oliver.brown@example.co.uk",
     "+44 7400 123123 ::: +44 20 7946 0958", "", "", "", "", ""),
    ("Dana", "Whitfield", "", "", "", "", "dana@whitfield.example ::: dana.whitfield@example.org",
     "", "", "", "", "", ""),
    ("", "", "", "", "", "", "", "+33 6 98 76 54 32", "", "", "", "", ""),
    ("", "", "Boulangerie Dupont", "", "", "", "", "", "", "", "", "", ""),
    ("", "", "", "", "", "left a voicemail, no name", "", "", "", "", "", "", ""),
    ("Marco", "Rossi", "n/a", "-", "", "none", "marco.rossi@example.it",
     "+39 02 1234 5678", "", "", "", "", ""),
    ("Sofia", "García", "", "", "--11-23", "", "sofia.garcia@example.es",
     "+34 612 345 678", "", "", "", "", ""),
    ("Liam", "O'Connor", "", "", "1990-02-28", 'Met at Web Summit\nInterested in the "pro" plan',
     "liam@oconnor.example", "", "", "", "", "", ""),
]


def csv_text(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, newline="\r\n"):
    out = io.StringIO()
    w = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=newline)
    for r in rows:
        w.writerow(r)
    return out.getvalue()


def google():
    rows = [GOOGLE]
    for (first, last, org, title, bday, notes, email, phone, fmt, street, city, postal,
         country) in PEOPLE:
        r = dict.fromkeys(GOOGLE, "")
        r.update({
            "First Name": first, "Last Name": last, "Organization Name": org,
            "Organization Title": title, "Birthday": bday, "Notes": notes,
            "Labels": "* myContacts ::: Clients" if org else "* myContacts",
            "E-mail 1 - Label": "* Work" if email else "", "E-mail 1 - Value": email,
            "Phone 1 - Label": "Mobile" if phone else "", "Phone 1 - Value": phone,
            "Address 1 - Label": "Work" if fmt else "", "Address 1 - Formatted": fmt,
            "Address 1 - Street": street, "Address 1 - City": city,
            "Address 1 - Postal Code": postal, "Address 1 - Country": country,
        })
        rows.append([r[h] for h in GOOGLE])
    with open("google_contacts.csv", "w", encoding="utf-8", newline="") as f:
        f.write(csv_text(rows))

    rows = [GOOGLE_LEGACY]
    for (first, last, org, title, bday, notes, email, phone, fmt, street, city, postal,
         country) in PEOPLE:
        r = dict.fromkeys(GOOGLE_LEGACY, "")
        r.update({
            "Name": " ".join(p for p in (first, last) if p), "Given Name": first,
            "Family Name": last, "Organization 1 - Name": org, "Organization 1 - Title": title,
            "Birthday": bday, "Notes": notes, "Group Membership": "* My Contacts",
            "E-mail 1 - Type": "* Work" if email else "", "E-mail 1 - Value": email,
            "Phone 1 - Type": "Mobile" if phone else "", "Phone 1 - Value": phone,
            "Address 1 - Type": "Work" if fmt else "", "Address 1 - Formatted": fmt,
            "Address 1 - Street": street, "Address 1 - City": city,
            "Address 1 - Postal Code": postal, "Address 1 - Country": country,
        })
        rows.append([r[h] for h in GOOGLE_LEGACY])
    with open("google_contacts_legacy.csv", "w", encoding="utf-8", newline="") as f:
        f.write(csv_text(rows))


# --- Outlook (classic desktop: File > Export > Comma Separated Values) ----------------------

OUTLOOK = ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
           "Job Title", "Business Street", "Business Street 2", "Business Street 3",
           "Business City", "Business State", "Business Postal Code", "Business Country/Region",
           "Home Street", "Home Street 2", "Home Street 3", "Home City", "Home State",
           "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
           "Other Street 3", "Other City", "Other State", "Other Postal Code",
           "Other Country/Region", "Assistant's Phone", "Business Fax", "Business Phone",
           "Business Phone 2", "Callback", "Car Phone", "Company Main Phone", "Home Fax",
           "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax", "Other Phone",
           "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account",
           "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
           "Business Address PO Box", "Categories", "Children", "Directory Server",
           "E-mail Address", "E-mail Type", "E-mail Display Name", "E-mail 2 Address",
           "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
           "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby",
           "Home Address PO Box", "Initials", "Internet Free Busy", "Keywords", "Language",
           "Location", "Manager's Name", "Mileage", "Notes", "Office Location",
           "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
           "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3",
           "User 4", "Web Page"]

OUTLOOK_ROWS = [
    {"First Name": "Grace", "Last Name": "Hopper", "Company": "Cobol Works",
     "Job Title": "Rear Admiral", "Business Phone": "(201) 555-0123",
     "Business Country/Region": "United States", "Birthday": "12/9/1906",
     "E-mail Address": "grace@cobolworks.example"},
    {"First Name": "Zoë", "Middle Name": "Renée", "Last Name": "Dubois",
     "Company": "Café Olé SARL", "Mobile Phone": "06 11 22 33 44",
     "Business Country/Region": "France", "Birthday": "3/5/1980",
     "E-mail Address": "zoe.dubois@cafe-ole.example"},
    {"First Name": "Tom", "Last Name": "Baker", "Birthday": "7/14/1975",
     "E-mail Address": "tom.baker@example.com",
     "Notes": 'Met at the trade fair in Hanover.\r\nQuote: "call me in spring".\r\n'
              '- prefers email, budget 5.000 €'},
    {"First Name": "Mei", "Last Name": "Lin", "Mobile Phone": "+1 555 010 2000",
     "E-mail Address": "mei.lin@example.com"},
    {"First Name": "Grace", "Last Name": "Hopper", "Mobile Phone": "(201) 555-0188",
     "Business Country/Region": "United States", "E-mail Address": "grace@cobolworks.example"},
    {"Mobile Phone": "+44 7400 123456"},
    {"Company": "Messe Hanover Services"},
    {"Categories": "Holiday cards"},
    {"First Name": "Karel", "Last Name": "Novák", "Company": "-", "Job Title": "none",
     "E-mail Address": "k.novak@example.cz"},
    {"First Name": "Ruth", "Last Name": "Okafor",
     "E-mail Address": "sales@brightsign.example; info@brightsign.example"},
    {"First Name": "Jürgen", "Last Name": "Weiß", "Business Phone": "+49 89 1234567",
     "E-mail Address": "juergen.weiss@example.de"},
]


def outlook():
    rows = [OUTLOOK]
    for spec in OUTLOOK_ROWS:
        r = dict.fromkeys(OUTLOOK, "")
        r.update({"Anniversary": "0/0/00", "Birthday": "0/0/00", "Gender": "Unspecified",
                  "Private": "False", "Sensitivity": "Normal", "Priority": "Normal"})
        r.update(spec)
        if r["E-mail Address"]:
            r["E-mail Type"] = "SMTP"
            r["E-mail Display Name"] = f'{r["First Name"]} {r["Last Name"]} ({r["E-mail Address"]})'
        rows.append([r[h] for h in OUTLOOK])
    with open("outlook.csv", "w", encoding="cp1252", newline="") as f:
        f.write(csv_text(rows, quoting=csv.QUOTE_ALL))


# --- iCloud vCard 3.0 ------------------------------------------------------------------------

def fold(line):
    """Folds a content line at 75 octets (RFC 6350 3.2), never inside a UTF-8 character."""
    out, cur = [], b""
    for ch in line:
        b = ch.encode("utf-8")
        if len(cur) + len(b) > 75:
            out.append(cur)
            cur = b" "
        cur += b
    out.append(cur)
    return b"\r\n".join(out).decode("utf-8")


CARDS = [
    ["N:Martin;Alice;;;", "FN:Alice Martin", "ORG:Atelier Lumière;", "TITLE:Gérante",
     "EMAIL;type=INTERNET;type=WORK;type=pref:alice.martin@atelier-lumiere.fr",
     "TEL;type=CELL;type=VOICE;type=pref:06 12 34 56 78",
     "item1.ADR;type=WORK;type=pref:;;12 Rue de Rivoli;Paris;;75001;France",
     "item1.X-ABADR:fr", "BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-05"],
    ["N:Smith;Bob;;;", "FN:Bob Smith", "EMAIL;type=INTERNET;type=HOME:bob.smith@example.com",
     "item1.TEL;type=pref:+1 555 010 2000", "item1.X-ABLabel:_$!<Mobile>!$_", "BDAY:--0714"],
    ["N:Lee;Jordan;;;", "FN:Jordan Lee", "EMAIL;type=INTERNET;type=WORK:jordan.lee@example.com",
     "TEL;type=WORK;type=VOICE:(408) 555-0134",
     "item1.ADR;type=WORK:;;1 Infinite Loop\\nBuilding 2;Cupertino;CA;95014;United States",
     "item1.X-ABADR:us"],
    ["N:陈;静;;;", "FN:陈静", "TEL;type=CELL;type=VOICE:138 0013 8000",
     "item1.ADR;type=HOME:;;建国路88号;北京市;;100022;中国", "item1.X-ABADR:cn",
     "BDAY:1988-08-08"],
    ["N:;;;;", "FN:", "TEL;type=CELL;type=VOICE:+44 7400 123789"],
    ["N:;;;;", "FN:Boulangerie Dupont", "ORG:Boulangerie Dupont;", "X-ABShowAs:COMPANY"],
    ["N:;;;;", "FN:", "NOTE:gate code 4711", "CATEGORIES:Neighbours"],
    ["N:Rossi;Marco;;;", "FN:Marco Rossi", "ORG:n/a;", "TITLE:-",
     "EMAIL;type=INTERNET:marco.rossi@example.it"],
    ["N:García;Sofia;;;", "FN:Sofia García", "EMAIL;type=INTERNET:sofia.garcia@example.es",
     "TEL;type=CELL:+34 612 345 678", "URL;type=WORK:https://garcia.example.es",
     "NOTE:Met at the Barcelona fair in March. Wants a quote for forty licences\\, "
     "annual billing.\\nCall after 16:00 Madrid time."],
    ["N:Müller;Hans;;;", "FN:Hans Müller", "ORG:Müller Bau GmbH;",
     "TEL;type=WORK;type=VOICE:030 12345678",
     "item1.ADR;type=WORK:;;Unter den Linden 5;Berlin;;10117;Deutschland", "BDAY:19700131"],
]


def icloud():
    lines = []
    for card in CARDS:
        lines += ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Apple Inc.//iPhone OS 17.5//EN"]
        lines += [fold(c) for c in card]
        lines += ["END:VCARD"]
    with open("icloud.vcf", "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


# --- HubSpot contacts export -----------------------------------------------------------------

HUBSPOT = ["Record ID", "First Name", "Last Name", "Email", "Phone Number", "Company Name",
           "Job Title", "City", "Country/Region", "Contact owner", "Lead Status",
           "Last Activity Date", "Create Date", "Lifecycle Stage"]

HUBSPOT_ROWS = [
    ["51", "Alice", "Martin", "alice.martin@atelier-lumiere.fr", "06 12 34 56 78",
     "Atelier Lumière", "Gérante", "Paris", "France", "Sam Rivera", "OPEN", "2024-03-01 10:12",
     "2023-11-20 09:41", "customer"],
    ["101", "Bob", "Smith", "bob.smith@example.com", "+1 555 010 2000", "Smith & Sons Hardware",
     "Owner", "San Francisco", "United States", "Sam Rivera", "IN_PROGRESS", "", "2023-12-02 16:05",
     "lead"],
    ["151", "Lena", "Vogel", "lena.vogel@example.de", "+49 30 12345678", "Vogel Design",
     "Art Director", "Berlin", "Germany", "", "NEW", "", "2024-01-15 08:30", "lead"],
    ["201", "Priya", "Shah", "priya.shah@example.co.uk", "07400 123123", "", "", "London",
     "United Kingdom", "Sam Rivera", "", "", "2024-01-18 12:00", "subscriber"],
    ["251", "Marco", "Rossi", "marco.rossi@example.it", "+39 02 1234 5678", "-", "n/a", "Milan",
     "Italy", "", "", "", "2024-02-01 11:11", "lead"],
    ["301", "Ruth", "Okafor", "ops@northwind.example, billing@northwind.example", "", "Northwind",
     "", "", "", "", "", "", "2024-02-03 14:20", "opportunity"],
    ["351", "", "", "", "+1 201 555 0175", "", "", "", "", "", "", "", "2024-02-10 09:00",
     "subscriber"],
    ["401", "", "", "", "", "Globex Logistics", "", "", "", "", "", "", "2024-02-11 09:00", "lead"],
    ["451", "", "", "", "", "", "", "", "", "", "", "", "2024-02-12 09:00", "subscriber"],
    ["501", "Alice", "Martin", "alice.martin@atelier-lumiere.fr", "", "Atelier Lumière",
     "Gérante", "Paris", "France", "Sam Rivera", "CONNECTED", "2024-03-04 17:45",
     "2024-03-04 17:40", "customer"],
    ["551", "静", "陈", "chen.jing@example.cn", "+86 138 0013 8001", "", "", "Beijing", "China",
     "", "", "", "2024-03-05 03:00", "lead"],
    ["601", "Noah", "Fischer", "noah@fischer.example", "+41 44 668 18 00", "Fischer AG", "CEO",
     "Zürich", "Switzerland", "Sam Rivera", "OPEN", "", "2024-03-06 07:30", "salesqualifiedlead"],
]


def hubspot():
    with open("hubspot_contacts.csv", "w", encoding="utf-8", newline="") as f:
        f.write(csv_text([HUBSPOT] + HUBSPOT_ROWS, newline="\n"))


# --- Excel / WPS on Chinese Windows: "CSV (逗号分隔)" in GBK ----------------------------------

GBK_HEADER = ["姓名", "手机", "公司", "职位", "地址", "邮箱", "生日", "备注"]
GBK_ROWS = [
    ["张伟", "138 0013 8000", "北京星辰科技有限公司", "销售经理", "北京市朝阳区建国路88号",
     "zhangwei@example.cn", "1985/4/12", "老客户"],
    ["李娜", "139 1234 5678", "无", "暂无", "不详", "lina@example.cn", "", ""],
    ["王芳", "暂无", "", "", "", "wangfang@example.cn", "不详", ""],
    ["刘洋", "13800138000", "上海明远贸易有限公司", "", "", "", "五月中旬", ""],
    ["", "186 1234 5678", "", "", "", "", "", ""],
    ["", "", "杭州云帆网络科技有限公司", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "上次来店没留名字"],
    ["陈杰", "137 0000 1111", "", "", "", "chenjie@example.cn；chen.jie@example.com", "", ""],
    ["Tony Wang", "+1 555 010 2000", "", "", "", "tony.wang@example.com", "", "海外客户"],
    ["周涛", "150 1111 2222", "", "", "浙江省杭州市西湖区\n文三路100号", "", "1979/10/1", ""],
    ["吴磊", "0571-8888 6666", "杭州云帆网络科技有限公司", "采购", "", "", "", ""],
    ["赵敏", "136 5555 6666", "", "", "", "zhaomin@example.cn", "", "-"],
    ["郑爽", "1381234567", "", "", "", "", "", "号码少一位"],
    ["孙丽", "135 2468 1357", "", "", "", "sunli@example.cn", "1992-11-03", ""],
]


def gbk():
    with open("excel_gbk.csv", "w", encoding="gbk", newline="") as f:
        f.write(csv_text([GBK_HEADER] + GBK_ROWS))


# --- Excel "Unicode Text" (UTF-16LE with BOM, tabs, CRLF) ------------------------------------

UTF16_HEADER = ["Name", "Email", "Phone", "Company", "Address", "Country", "Birthday", "Notes"]
UTF16_ROWS = [
    ["Émilie Laurent", "emilie@laurent.example", "06 12 34 56 79", "Maison Laurent",
     "5 Rue Oberkampf\n75011 Paris", "France", "05/03/1980", ""],
    ["Grace Park", "grace.park@example.com", "", "", "", "", "sometime in May", ""],
    ["Mei Lin", "mei.lin@example.com", "+1 555 010 2000", "", "", "", "", ""],
    ["Kofi Mensah", "kofi@mensah.example", "n/a", "N/A", "", "", "", ""],
    ["", "", "+44 20 7946 0321", "", "", "", "", ""],
    ["", "", "", "Contoso Pharmacy", "", "", "", ""],
    ["", "", "", "", "", "", "", "see paper file"],
    ["Ruth Okafor", "ruth@okafor.example; r.okafor@example.org", "", "", "", "", "", ""],
    ['Robert "Bob" Tables', "bobby@tables.example", "", "", "", "", "23/04/1979", ""],
    ["Ines Duarte", "ines@duarte.example", "", "", "", "", "", "Prefers\tSMS"],
    ["Lukas Becker", "lukas.becker@example.de", "089 1234567", "", "", "Germany", "", ""],
    ["Lucía Fernández", "lucia@fernandez.example", "612 34 56 78", "", "", "Spain", "", ""],
]


def utf16():
    text = csv_text([UTF16_HEADER] + UTF16_ROWS, delimiter="\t")
    with open("excel_unicode.txt", "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


# --- Excel on German Windows: "CSV (Trennzeichen-getrennt)" ----------------------------------

DE_HEADER = ["Vorname", "Nachname", "E-Mail", "Telefon", "Firma", "Straße", "PLZ", "Ort", "Land",
             "Geburtstag", "Umsatz"]
DE_ROWS = [
    ["Hans", "Müller", "hans.mueller@example.de", "030 9876543", "Müller Bau GmbH",
     "Hauptstraße 5", "10115", "Berlin", "Deutschland", "03.05.1980", "1.234,56"],
    ["Anna", "Schmidt", "anna.schmidt@example.de", "0171 2345678", "", "Gartenweg 2", "80331",
     "München", "Deutschland", "12.11.1975", "89,90"],
    ["Eva", "Gruber", "eva.gruber@example.at", "01 5123456", "", "Ringstraße 1", "1010", "Wien",
     "Österreich", "", ""],
    ["Felix", "Kaiser", "felix.kaiser@example.de", "-", "k.A.", "", "", "", "", "k.A.", ""],
    ["Claire", "Moreau", "claire.moreau@example.fr", "06 12 34 56 78", "", "2 Rue Lafayette",
     "75009", "Paris", "Frankreich", "", ""],
    ["Mei", "Lin", "mei.lin@example.com", "+1 555 010 2000", "", "", "", "", "", "", ""],
    ["Paul", "Schulz", "info@baeckerei-schulz.de, bestellung@baeckerei-schulz.de", "",
     "Bäckerei Schulz", "", "", "", "Deutschland", "", "12.345,00"],
    ["", "", "", "+49 176 98765432", "", "", "", "", "", "", ""],
    ["", "", "", "", "Elektro Wagner KG", "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "0,00"],
    ["Jonas", "Weber", "jonas.weber@example.de", "", "", "", "", "", "Deutschland", "00.00.0000",
     ""],
    ["Lea", "Hoffmann", "lea.hoffmann@example.de", "", "", "", "", "", "Deutschland",
     "Mitte Mai", ""],
    ["Noah", "Fischer", "noah@fischer.example", "044 668 18 00", "Fischer AG", "", "8001",
     "Zürich", "Schweiz", "24.12.1969", ""],
]


def german():
    with open("german_semicolon.csv", "w", encoding="cp1252", newline="") as f:
        f.write(csv_text([DE_HEADER] + DE_ROWS, delimiter=";"))


# --- A shop's purchase logs (no order number, no product) ------------------------------------

def purchase_logs():
    rows = [["customer_id", "order_date", "quantity", "amount"],
            ["1001", "2024-01-05", "2", "39.98"],
            ["1002", "2024-01-05", "1", "19.99"],
            ["1001", "2024-01-19", "1", "19.99"],
            ["1003", "2024-02-02", "3", "74.50"],
            ["1002", "2024-02-14", "1", "0.00"],
            ["1004", "2024-02-20", "n/a", "12.00"],
            ["1001", "2024-03-01", "1", "-19.99"],
            ["1005", "2024-03-03", "6", "150.00"],
            ["1003", "2024-03-15", "1", "24.50"],
            ["1002", "2024-03-30", "2", "39.98"],
            ["1005", "2024-04-02", "1", "25.00"],
            ["1001", "2024-04-09", "4", "79.96"]]
    with open("purchase_log.csv", "w", encoding="utf-8", newline="") as f:
        f.write(csv_text(rows, newline="\n"))
    rows = [["客户编号", "日期", "数量", "金额"],
            ["VIP0001", "2024/1/5", "1", "¥1,280.00"],
            ["VIP0002", "2024/1/6", "2", "¥560.00"],
            ["VIP0001", "2024/1/20", "1", "¥99.00"],
            ["VIP0003", "2024/2/1", "无", "¥45.00"],
            ["VIP0002", "2024/2/9", "1", "0"],
            ["VIP0004", "2024/2/10", "3", "¥135.00"],
            ["VIP0001", "2024/3/2", "1", "-¥99.00"],
            ["VIP0003", "2024/3/8", "2", "¥90.00"],
            ["VIP0004", "2024/3/9", "1", "¥45.00"],
            ["VIP0002", "2024/3/30", "1", "¥280.00"]]
    with open("purchase_log_cn.csv", "w", encoding="utf-8-sig", newline="") as f:
        f.write(csv_text(rows))


if __name__ == "__main__":
    google()
    outlook()
    icloud()
    hubspot()
    gbk()
    utf16()
    german()
    purchase_logs()
