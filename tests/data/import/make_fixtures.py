"""Regenerates the committed workbook fixtures of tests/it/import_read.rs.

contacts.xls: written by xlwt (pip install xlwt), a real BIFF8 workbook.
contacts.ods: an OpenDocument spreadsheet assembled from its XML (LibreOffice is not
needed); the layout is what LibreOffice writes (mimetype stored first, manifest,
content.xml with repeated rows/columns).
Run from this directory: python3 make_fixtures.py
"""
import datetime
import zipfile

import xlwt


def make_xls():
    book = xlwt.Workbook(encoding="utf-8")
    cover = book.add_sheet("Cover")  # left empty: the reader must pass over it
    del cover
    sheet = book.add_sheet("Contacts")
    date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    stamp = xlwt.easyxf(num_format_str="YYYY-MM-DD HH:MM:SS")
    sheet.write(0, 0, "Customer list 2024")
    for col, name in enumerate(["Name", "Email", "Phone", "Joined", "Spend"]):
        sheet.write(2, col, name)
    rows = [
        ("张伟", "zhang.wei@example.cn", 13812345678, datetime.date(2024, 3, 5), 1234.5),
        ("Ann Lee", "ann@example.com", "+1 555 0100", datetime.datetime(2024, 1, 31, 8, 30), 0.1 + 0.2),
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row):
            if isinstance(value, datetime.datetime):
                sheet.write(r, c, value, stamp)
            elif isinstance(value, datetime.date):
                sheet.write(r, c, value, date)
            else:
                sheet.write(r, c, value)
    sheet.write(6, 0, "Total")
    sheet.write(6, 4, 1234.8)
    book.save("contacts.xls")


CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="Cover"><table:table-column/><table:table-row><table:table-cell/></table:table-row></table:table>
<table:table table:name="联系人">
<table:table-column table:number-columns-repeated="5"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Customer list 2024</text:p></table:table-cell><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row>{header}</table:table-row>
<table:table-row>{s_zhang}{s_zhang_mail}<table:table-cell office:value-type="float" office:value="13812345678"><text:p>13812345678</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="1985-04-12"><text:p>12/04/85</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1234.5"><text:p>1234.5</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="5"/></table:table-row>
<table:table-row>{s_ann}{s_ann_mail}<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="1990-01-31T08:30:00"><text:p>31/01/90 08:30</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0.30000000000000004"><text:p>0.3</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>合计</text:p></table:table-cell><table:table-cell table:number-columns-repeated="3"/><table:table-cell office:value-type="float" office:value="1234.8"><text:p>1234.8</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048568"><table:table-cell table:number-columns-repeated="5"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>
"""


def s(text):
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""


def make_ods():
    content = CONTENT.format(
        header="".join(s(h) for h in ["Name", "Email", "Phone", "Birthday", "Spend"]),
        s_zhang=s("张伟"),
        s_zhang_mail=s("zhang.wei@example.cn"),
        s_ann=s("Ann Lee"),
        s_ann_mail=s("ann@example.com"),
    )
    with zipfile.ZipFile("contacts.ods", "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


if __name__ == "__main__":
    make_xls()
    make_ods()
