"""The Vietnamese catalog of the office's pages: English msgid → Vietnamese text.

Placeholders (``%(name)s``) stay as they are. Vietnamese has one form for every number, so
a plural msgid has one entry, under its singular. `tests/test_office_i18n.py` fails when a
msgid of the templates or the code is missing here, or when an entry is no longer used.
"""

MESSAGES: dict[str, str] = {
    # layout
    "Emulation office": "Thi đua - Khen thưởng",
    "Skip to content": "Bỏ qua, đến nội dung chính",
    "Switch the language to %(name)s": "Chuyển ngôn ngữ sang %(name)s",
    "Sign out": "Đăng xuất",
    "Main menu": "Trình đơn chính",
    "Dashboard": "Tổng quan",
    "Calendar": "Lịch",
    "Campaigns": "Phong trào",
    "Units": "Đơn vị",
    "thidua: calendars and reminders for emulation campaigns.": (
        "thidua: lịch và nhắc việc các phong trào thi đua."
    ),
    "Working days follow the Labour Code and the Government's yearly swaps.": (
        "Ngày làm việc theo Bộ luật Lao động và lịch hoán đổi ngày làm việc hằng năm của Chính phủ."
    ),
    # shared pieces
    "No.": "số",
    "of": "ngày",
    "last day": "hạn cuối",
    "%(day)s is a day off: %(reason)s": "%(day)s là ngày nghỉ: %(reason)s",
    "cancelled": "đã hủy",
    "Send to": "Gửi về",
    "Place": "Địa điểm",
    "Units responsible": "Đơn vị thực hiện",
    "%(submitted)d of %(total)d units have submitted": "%(submitted)d/%(total)d đơn vị đã gửi",
    "Late": "Chậm",
    "%(num)d unit must submit": "%(num)d đơn vị phải gửi",
    "today": "hôm nay",
    "Period": "Thời gian",
    # sign-in
    "Sign in": "Đăng nhập",
    "For the staff of the emulation and rewards office. Accounts are made with the command "
    "%(command)s.": (
        "Dành cho cán bộ làm công tác thi đua, khen thưởng. Tài khoản được tạo bằng lệnh "
        "%(command)s."
    ),
    "Username": "Tên đăng nhập",
    "Password": "Mật khẩu",
    "You have signed out.": "Bạn đã đăng xuất.",
    "Too many failed attempts: this account can sign in again after %(time)s.": (
        "Đăng nhập sai quá nhiều lần: tài khoản này có thể đăng nhập lại sau %(time)s."
    ),
    "Wrong username or password, or the account is disabled.": (
        "Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đã ngừng sử dụng."
    ),
    # dashboard
    "Today is %(weekday)s, %(date)s.": "Hôm nay là %(weekday)s, ngày %(date)s.",
    "Running campaigns": "Phong trào đang triển khai",
    "Under way": "Đang diễn ra",
    "No campaign is running today.": "Hôm nay không có phong trào nào đang triển khai.",
    "See all campaigns": "Xem tất cả phong trào",
    "Starting soon": "Sắp bắt đầu",
    "The next %(days)d days": "%(days)d ngày tới",
    "Deadlines, reviews, commemorations, meetings and phases from %(start)s to %(end)s.": (
        "Thời hạn, sơ kết, tổng kết, ngày kỷ niệm, hội nghị và đợt thi đua từ %(start)s "
        "đến %(end)s."
    ),
    "Nothing is dated in these days.": "Không có sự kiện nào trong những ngày này.",
    "Deadlines of the last 30 days": "Thời hạn trong 30 ngày qua",
    # month view
    "Months": "Các tháng",
    "This month": "Tháng này",
    "Campaign": "Phong trào",
    "All campaigns": "Tất cả phong trào",
    "Show": "Xem",
    "Under way this month": "Diễn ra trong tháng",
    "Working day (swapped)": "Ngày làm việc (hoán đổi)",
    "Legend": "Chú giải",
    "Day off": "Ngày nghỉ",
    "Days off this month": "Ngày nghỉ trong tháng",
    "month: %(problem)s": "tháng: %(problem)s",
    "month: %(month)s is outside the years 1900–2200": (
        "tháng: %(month)s nằm ngoài khoảng năm 1900–2200"
    ),
    "campaign: there is no campaign %(code)s": "phong trào: không có phong trào %(code)s",
    # campaigns
    "Stored campaigns": "Các phong trào đã lưu",
    "Issuer and document": "Cơ quan ban hành, văn bản",
    "Status": "Tình trạng",
    "ended": "đã kết thúc",
    "not started": "chưa bắt đầu",
    "running": "đang triển khai",
    "No campaign is stored yet: upload a campaign file below.": (
        "Chưa có phong trào nào: hãy tải lên tệp phong trào ở dưới."
    ),
    "Upload campaign or units files": "Tải lên tệp phong trào hoặc tệp đơn vị",
    "Files in the format of the README (YAML). They are checked first and shown for review; "
    "nothing is stored until you confirm.": (
        "Tệp theo định dạng mô tả trong README (YAML). Tệp được kiểm tra và hiển thị để "
        "rà soát trước; chưa lưu gì cho đến khi bạn xác nhận."
    ),
    "Files (.yaml)": "Tệp (.yaml)",
    "Several files at once: a campaign file together with the units file it needs, for instance.": (
        "Có thể chọn nhiều tệp một lúc, ví dụ tệp phong trào cùng tệp đơn vị mà nó cần."
    ),
    "Check the files": "Kiểm tra tệp",
    "Read a directive": "Đọc văn bản chỉ đạo",
    "Paste the text of a plan, directive or official letter, or choose its file: a draft "
    "campaign file is made from it, each event quoting the sentence it came from, for you "
    "to review before loading.": (
        "Dán nội dung kế hoạch, chỉ thị hoặc công văn, hoặc chọn tệp của văn bản: hệ thống "
        "lập bản nháp tệp phong trào, mỗi sự kiện kèm câu trích từ văn bản, để bạn rà soát "
        "trước khi nạp."
    ),
    "Text of the document": "Nội dung văn bản",
    "Or its file (.txt or .docx)": "Hoặc tệp văn bản (.txt hoặc .docx)",
    "Make a draft": "Lập bản nháp",
    "Paste the text or choose a file.": "Hãy dán nội dung hoặc chọn tệp.",
    "%(name)s: choose a .txt or .docx file.": "%(name)s: hãy chọn tệp .txt hoặc .docx.",
    "%(name)s: the file is larger than 2 MB.": "%(name)s: tệp lớn hơn 2 MB.",
    "There is no campaign %(code)s.": "Không có phong trào %(code)s.",
    # a campaign's page
    "Theme": "Chủ đề",
    "Issuer": "Cơ quan ban hành",
    "Document": "Văn bản",
    "number not given": "chưa ghi số",
    "Signed by": "Người ký",
    "A last day that is not a working day": "Hạn cuối rơi vào ngày nghỉ",
    "moves to the next working day (Civil Code, art. 148)": (
        "chuyển sang ngày làm việc tiếp theo (Điều 148 Bộ luật Dân sự)"
    ),
    "moves to the previous working day": "chuyển lên ngày làm việc liền trước",
    "stays as written": "giữ nguyên như văn bản",
    "Reports go to": "Báo cáo gửi về",
    "Loaded from": "Nạp từ",
    "Dated events": "Các sự kiện",
    "Hide cancelled events": "Ẩn sự kiện đã hủy",
    "Also show cancelled events": "Hiện cả sự kiện đã hủy",
    "See it in the calendar": "Xem trên lịch",
    # the review page
    "Review before loading": "Rà soát trước khi nạp",
    "Review": "Rà soát",
    "Draft from the directive": "Bản nháp từ văn bản chỉ đạo",
    "Each event quotes the sentence it came from; lines marked REVIEW need a person's eye. "
    "Correct the text below if needed, check it again, then load it.": (
        "Mỗi sự kiện kèm câu trích từ văn bản; các dòng đánh dấu REVIEW cần người xem lại. "
        "Sửa nội dung dưới đây nếu cần, kiểm tra lại rồi nạp."
    ),
    "What was read from %(name)s": "Những gì đọc được từ %(name)s",
    "%(num)d event read": "đọc được %(num)d sự kiện",
    "%(num)d item to review": "%(num)d mục cần xem lại",
    "When": "Thời gian",
    "Details": "Chi tiết",
    "To review": "Cần xem lại",
    "to review": "cần xem lại",
    "%(num)d file": "%(num)d tệp",
    "%(num)d error": "%(num)d lỗi",
    "%(num)d warning": "%(num)d cảnh báo",
    "The files can be loaded.": "Có thể nạp các tệp này.",
    "Nothing can be stored until the errors are corrected.": (
        "Chưa thể lưu cho đến khi sửa hết lỗi."
    ),
    "Problems with the upload": "Vấn đề của tệp tải lên",
    "What loading will change": "Những gì sẽ thay đổi khi nạp",
    "What": "Nội dung",
    "new": "mới",
    "changed": "thay đổi",
    "removed": "loại bỏ",
    "unchanged": "không đổi",
    "units": "đơn vị",
    "groups": "khối, cụm, nhóm",
    "campaigns": "phong trào",
    "events": "sự kiện",
    "dated occurrences": "mốc thời gian",
    "unit assignments": "phân công đơn vị",
    "%(num)d stored unit is not in the units file and will be marked inactive.": (
        "%(num)d đơn vị đã lưu không có trong tệp đơn vị và sẽ bị đánh dấu ngừng hoạt động."
    ),
    "Nothing would change: the store already holds these files as they are.": (
        "Không có gì thay đổi: dữ liệu đã lưu trùng với các tệp này."
    ),
    "campaign file": "tệp phong trào",
    "units file": "tệp đơn vị",
    "Problems in %(name)s": "Vấn đề trong %(name)s",
    "No problem found.": "Không phát hiện vấn đề.",
    "%(num)d dated event": "%(num)d sự kiện",
    "Text of %(name)s": "Nội dung %(name)s",
    "Check again": "Kiểm tra lại",
    "Load into the calendar": "Nạp vào lịch",
    "Cancel": "Hủy",
    "Choose at least one campaign or units file.": (
        "Hãy chọn ít nhất một tệp phong trào hoặc tệp đơn vị."
    ),
    "%(name)r is not a file name.": "%(name)r không phải tên tệp.",
    "%(name)s: upload campaign or units files (.yaml or .yml).": (
        "%(name)s: hãy tải lên tệp phong trào hoặc tệp đơn vị (.yaml hoặc .yml)."
    ),
    "%(name)s: two files have this name.": "%(name)s: có hai tệp trùng tên.",
    "At most %(count)d files at a time.": "Mỗi lần tối đa %(count)d tệp.",
    "Loaded %(files)s: %(summary)s.": "Đã nạp %(files)s: %(summary)s.",
    "nothing changed": "không có gì thay đổi",
    "%(what)s: %(created)d new, %(updated)d changed, %(cancelled)d removed": (
        "%(what)s: %(created)d mới, %(updated)d thay đổi, %(cancelled)d loại bỏ"
    ),
    # units
    "Find a unit": "Tìm đơn vị",
    "Find": "Tìm",
    "Name, code or e-mail address, with or without diacritics.": (
        "Tên, mã hoặc địa chỉ thư điện tử, có dấu hoặc không dấu."
    ),
    "No unit matches %(query)s.": "Không có đơn vị nào khớp với %(query)s.",
    "Only active units": "Chỉ đơn vị đang hoạt động",
    "Also units no longer in the units file": "Hiện cả đơn vị không còn trong tệp đơn vị",
    "Unit": "Đơn vị",
    "E-mail addresses": "Địa chỉ thư điện tử",
    "Part of": "Trực thuộc",
    "Groups": "Khối, cụm, nhóm",
    "inactive": "ngừng hoạt động",
    "Blocs, clusters and categories": "Khối thi đua, cụm thi đua và nhóm đơn vị",
    "Group": "Khối, cụm, nhóm",
    "Kind": "Loại",
    "Members as declared": "Thành viên (như khai báo)",
    "Units it reaches": "Số đơn vị",
    # errors
    "Not allowed": "Không được phép",
    "Not found": "Không tìm thấy",
    "Not available": "Chưa sẵn sàng",
    "Cannot do that": "Không thực hiện được",
    "Back to the dashboard": "Về trang tổng quan",
    "This form has expired or did not come from this site. Go back, reload the page and "
    "send it again.": (
        "Biểu mẫu đã hết hạn hoặc không được gửi từ trang này. Hãy quay lại, tải lại trang "
        "rồi gửi lại."
    ),
}
