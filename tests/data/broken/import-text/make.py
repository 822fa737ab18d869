"""Make the bad files ``thidua import-text`` must refuse (exit 2, a message naming the file
and the place, no traceback): ``python tests/data/broken/import-text/make.py``. Each file's
expected message is in ``expect.tsv`` beside it (file, then a fragment of the message)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Kế hoạch thi đua năm 2030</w:t></w:r></w:p></w:body></w:document>"
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx(members: dict[str, bytes | str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def word(document: bytes | str) -> bytes:
    return docx(
        {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": RELS, "word/document.xml": document}
    )


def files() -> dict[str, bytes]:
    line = "Các đơn vị gửi báo cáo trước ngày 15/02/2030. "
    good = word(GOOD_XML)
    return {
        "empty.txt": b"",
        "only-spaces.txt": b"   \n\t\n  \n",
        "nul-byte.txt": "Kế hoạch\nthi đua\ngửi\x00 báo cáo\n".encode(),
        "broken-utf16.txt": b"\xff\xfe" + "Kế hoạch".encode("utf-16-le") + b"\x00\xd8",
        "binary-junk.txt": bytes(range(128, 256)) * 4,
        "huge-line.txt": ("Kế hoạch năm 2030\n" + line * 1200 + "\n").encode(),
        "pdf-named-txt.txt": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        "zip-named-txt.txt": good,
        "old-word.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        "spreadsheet.xlsx": docx({"xl/workbook.xml": "<workbook/>"}),
        "open-document.odt": docx({"mimetype": "application/vnd.oasis.opendocument.text"}),
        "rich-text.rtf": b"{\\rtf1\\ansi K\\'ea ho\\'e1ch}",
        "not-a-zip.docx": b"This is not a Word file at all.\n",
        "truncated.docx": good[: len(good) // 2],
        "malformed-xml.docx": word(GOOD_XML.replace("</w:body>", "<w:p>")),
        "nul-in-xml.docx": word(GOOD_XML.replace("Kế", "K\x00ế")),
        "no-document-part.docx": docx({"[Content_Types].xml": CONTENT_TYPES, "hello.txt": "hi"}),
        "zip-bomb.docx": docx(
            {
                "[Content_Types].xml": CONTENT_TYPES,
                "_rels/.rels": RELS,
                "word/document.xml": b"<" + b" " * (80 * 1024 * 1024) + b">",
            }
        ),
        "too-many-members.docx": docx({f"word/media/m{i}.xml": "<a/>" for i in range(1100)}),
        "path-outside.docx": docx({"../../etc/evil.xml": "<a/>", "word/document.xml": GOOD_XML}),
        "not-a-pdf.pdf": b"%PDF-1.7\nthis is where the objects should be\n%%EOF",
        "junk.pdf": b"GIF89a not a PDF either",
        "not-an-image.png": b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 20,
        "text-named-jpg.jpg": "Kế hoạch thi đua năm 2030".encode(),
    }


def main() -> None:
    for name, data in files().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
