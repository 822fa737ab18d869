"""Build u13_tuyen_quang_hdtdkt_2026.docx, the unseen test document that carries its
schedule in a table (python-docx). Run from this folder: python build_u13_docx.py.

The committed .docx is what the tests and the bench read; this script is how it was made.
"""

from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

HEAD = [
    ("UBND TỈNH TUYÊN QUANG", True),
    ("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG", True),
    ("Số: 02/KH-HĐTĐKT", False),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ("Độc lập - Tự do - Hạnh phúc", True),
    ("Tuyên Quang, ngày 06 tháng 01 năm 2026", False),
    ("KẾ HOẠCH", True),
    ("Hoạt động của Hội đồng Thi đua - Khen thưởng tỉnh năm 2026", True),
]

BODY = [
    "Căn cứ Luật Thi đua, khen thưởng năm 2022; Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 "
    "của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng; "
    "Quyết định số 15/2025/QĐ-UBND ngày 10/9/2025 của UBND tỉnh ban hành Quy chế hoạt động "
    "của Hội đồng Thi đua - Khen thưởng tỉnh, Hội đồng Thi đua - Khen thưởng tỉnh xây dựng "
    "Kế hoạch hoạt động năm 2026 như sau:",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Phân công nhiệm vụ cụ thể cho các thành viên Hội đồng trong theo dõi, chỉ đạo, kiểm tra "
    "phong trào thi đua; bảo đảm công tác khen thưởng chính xác, kịp thời, đúng quy định.",
    "II. NỘI DUNG",
    "1. Tham mưu UBND tỉnh phát động phong trào thi đua năm 2026, thi đua lập thành tích chào "
    "mừng thành công Đại hội đại biểu toàn quốc lần thứ XIV của Đảng; kỷ niệm 80 năm Ngày "
    "Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam (06/01/1946 - 06/01/2026), 96 năm Ngày "
    "thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2026), 78 năm Ngày Chủ tịch Hồ Chí "
    "Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2026) và 80 năm Ngày Chủ tịch Hồ "
    "Chí Minh ra Lời kêu gọi Toàn quốc kháng chiến (19/12/1946 - 19/12/2026); cuộc bầu cử đại "
    "biểu Quốc hội khóa XVI và đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031.",
    "2. Kiểm tra công tác thi đua, khen thưởng tại các cơ quan, đơn vị, địa phương theo lịch "
    "tại Phụ lục kèm theo.",
    "III. LỊCH TRIỂN KHAI NHIỆM VỤ NĂM 2026",
]

SCHEDULE = [
    ("TT", "Nội dung công việc", "Đơn vị thực hiện", "Thời gian hoàn thành"),
    ("1", "Hội nghị phát động phong trào thi đua năm 2026", "Sở Nội vụ", "Ngày 15/01/2026"),
    (
        "2",
        "Các Cụm, Khối thi đua ký kết giao ước thi đua, gửi bản giao ước về Sở Nội vụ",
        "Trưởng các Cụm, Khối thi đua",
        "Trước ngày 28/02/2026",
    ),
    (
        "3",
        "Gửi đăng ký thi đua năm 2026 về Sở Nội vụ (Phòng Thi đua - Khen thưởng)",
        "Các sở, ban, ngành; UBND các xã, phường",
        "Chậm nhất ngày 10/3/2026",
    ),
    (
        "4",
        "Báo cáo sơ kết 6 tháng công tác thi đua, khen thưởng",
        "Các cơ quan, đơn vị, địa phương",
        "Trước ngày 15/6/2026",
    ),
    (
        "5",
        "Kiểm tra công tác thi đua, khen thưởng tại các đơn vị",
        "Thành viên Hội đồng",
        "Quý III/2026",
    ),
    (
        "6",
        "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026",
        "Các cơ quan, đơn vị, địa phương",
        "Trong tháng 11/2026",
    ),
    (
        "7",
        "Hồ sơ đề nghị khen thưởng tổng kết năm 2026",
        "Các cơ quan, đơn vị, địa phương",
        "Trước ngày 15/01/2027",
    ),
    ("8", "Họp Hội đồng xét khen thưởng tổng kết năm 2026", "Hội đồng TĐKT tỉnh", "Tháng 02/2027"),
]

TAIL = [
    "IV. TỔ CHỨC THỰC HIỆN",
    "Sở Nội vụ là cơ quan thường trực của Hội đồng, có trách nhiệm theo dõi, đôn đốc việc "
    "thực hiện Kế hoạch này; định kỳ báo cáo Chủ tịch Hội đồng./.",
    "Nơi nhận:",
    "- Ban TĐKT Trung ương;",
    "- TT Tỉnh ủy, TT HĐND tỉnh;",
    "- Thành viên Hội đồng TĐKT tỉnh;",
    "- Các sở, ban, ngành; UBND các xã, phường;",
    "- Lưu: VT, NV.",
    "CHỦ TỊCH HỘI ĐỒNG",
    "CHỦ TỊCH UBND TỈNH",
    "Hoàng Văn Thắng",
]


def build(target: Path) -> None:
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Kế hoạch số 02/KH-HĐTĐKT ngày 06/01/2026"
    for text, bold in HEAD:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    for text in BODY:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for row in SCHEDULE:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    for text in TAIL:
        document.add_paragraph(text)
    document.core_properties.created = datetime(2026, 1, 6, tzinfo=UTC)
    document.save(str(target))


if __name__ == "__main__":
    build(Path(__file__).with_name("u13_tuyen_quang_hdtdkt_2026.docx"))
