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
    "Late": "Quá hạn",
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
    "To review": "Cần xem lại",
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
    # progress (dashboard, campaign, deadline)
    "%(num)d still has time": "%(num)d đơn vị chưa đến hạn",
    "%(num)d unit is late": "%(num)d đơn vị quá hạn",
    "%(num)d day": "%(num)d ngày",
    "and %(count)d more": "và %(count)d đơn vị khác",
    "%(num)d unit could not be reached by e-mail": ("%(num)d đơn vị không nhận được thư nhắc"),
    "Unit by unit: record submissions, send reminders": ("Từng đơn vị: ghi nhận đã gửi, nhắc việc"),
    # subscribe links
    "Web address (https)": "Địa chỉ web (https)",
    "Apple Calendar, Outlook, Thunderbird (webcal)": (
        "Apple Calendar, Outlook, Thunderbird (webcal)"
    ),
    "Google Calendar": "Google Calendar",
    "Add to Google Calendar": "Thêm vào Google Calendar",
    "QR code to scan with a phone": "Mã QR để quét bằng điện thoại",
    "QR code of the webcal link of %(name)s": "Mã QR của liên kết webcal của %(name)s",
    "The campaign's calendar": "Lịch của phong trào",
    "Every dated event of the campaign, for anyone to subscribe to: calendar apps keep it "
    "up to date.": (
        "Mọi sự kiện có ngày của phong trào, ai cũng đăng ký theo dõi được: ứng dụng lịch tự "
        "cập nhật khi có thay đổi."
    ),
    "Shared calendars need the API token (THIDUA_FEEDS_PUBLIC is false): each unit "
    "subscribes with its own link, issued on its page.": (
        "Lịch chung cần mã API (THIDUA_FEEDS_PUBLIC là false): mỗi đơn vị đăng ký bằng liên "
        "kết riêng, được cấp trên trang của đơn vị."
    ),
    "One calendar with every campaign": "Một lịch gồm tất cả phong trào",
    "every campaign": "tất cả phong trào",
    # a deadline's page
    "There is no deadline %(id)s.": "Không có thời hạn %(id)s.",
    "Reference": "Mã tham chiếu",
    "as the command line and the API name it": "dùng trong dòng lệnh và API",
    "This deadline was cancelled: no reminder goes out for it and no submission can be recorded.": (
        "Thời hạn này đã bị hủy: không còn thư nhắc và không ghi nhận báo cáo cho thời hạn này."
    ),
    "Progress": "Tiến độ",
    "submitted": "đã gửi",
    "still have time": "chưa đến hạn",
    "late": "quá hạn",
    "not reachable by e-mail": "không nhận được thư nhắc",
    "Lists of late units for %(office)s": "Danh sách đơn vị chậm gửi cho %(office)s",
    "Unit by unit": "Từng đơn vị",
    "Show units": "Lọc đơn vị",
    "All": "Tất cả",
    "Still have time": "Chưa đến hạn",
    "Submitted": "Đã gửi",
    "Not reachable": "Không nhận được thư",
    "For the units ticked in the table": "Với các đơn vị được chọn trong bảng",
    "Note kept with the submission (optional)": "Ghi chú lưu cùng báo cáo (không bắt buộc)",
    "For example the number and date of the report received.": (
        "Ví dụ: số và ngày của báo cáo nhận được."
    ),
    "Record as submitted": "Ghi nhận đã gửi",
    "Send them a reminder now": "Gửi thư nhắc ngay",
    "Remind the %(num)d unit that has not submitted": ("Nhắc ngay %(num)d đơn vị chưa gửi"),
    "Tick": "Chọn",
    "Tick %(unit)s": "Chọn %(unit)s",
    "Reminders": "Nhắc việc",
    "Actions": "Thao tác",
    "no e-mail address": "không có địa chỉ thư",
    "%(num)d day late": "muộn %(num)d ngày",
    "Note": "Ghi chú",
    "Late by %(num)d day": "Quá hạn %(num)d ngày",
    "Still has time": "Chưa đến hạn",
    "Delivery failed": "Gửi thư không thành công",
    "Last sent": "Lần nhắc gần nhất",
    "None sent yet": "Chưa nhắc lần nào",
    "Next": "Lần tới",
    "Undo": "Hoàn tác",
    "Remind now": "Nhắc ngay",
    "Preview e-mail": "Xem trước thư",
    "No unit in this list.": "Không có đơn vị nào trong danh sách này.",
    # reminders, as the pages name them
    "%(offset)d days before": "trước hạn %(offset)d ngày",
    "on the last day": "đúng ngày hạn cuối",
    "overdue, chase %(offset)d": "quá hạn, nhắc lần %(offset)d",
    "late list %(offset)d": "danh sách chậm gửi lần %(offset)d",
    "sent by the office": "văn phòng gửi ngay",
    "planned": "dự kiến",
    "being sent": "đang gửi",
    "sent": "đã gửi",
    "not delivered": "không gửi được",
    "not sent": "không gửi",
    "the unit has submitted": "đơn vị đã gửi báo cáo",
    "a nearer reminder goes the same day": "cùng ngày với lần nhắc gần hạn hơn",
    "a later reminder went instead": "đã có lần nhắc mới hơn",
    "too long after it was due": "quá lâu sau thời điểm gửi",
    "nobody is late any more": "không còn đơn vị chậm",
    "the unit has no e-mail address": "đơn vị không có địa chỉ thư điện tử",
    "the deadline was cancelled": "thời hạn đã bị hủy",
    "the unit no longer answers for it": "đơn vị không còn phụ trách",
    "no longer planned": "không còn trong kế hoạch nhắc",
    "reminded by hand less than %(minutes)d minutes ago": (
        "vừa được nhắc ngay chưa đầy %(minutes)d phút trước"
    ),
    "recorded by the office": "văn phòng ghi nhận",
    "the unit's link": "đơn vị bấm liên kết trong thư",
    "API": "API",
    # what the deadline's forms did
    "Choose at least one unit.": "Hãy chọn ít nhất một đơn vị.",
    "The note is longer than %(count)d characters.": "Ghi chú dài quá %(count)d ký tự.",
    "This deadline was cancelled: nothing can be done for it any more.": (
        "Thời hạn này đã bị hủy: không thể ghi nhận hay nhắc việc nữa."
    ),
    "%(unit)s is not an active unit answering for this deadline.": (
        "%(unit)s không phải đơn vị đang hoạt động thực hiện thời hạn này."
    ),
    "Recorded as submitted: %(units)s. Their reminders stop.": (
        "Đã ghi nhận đã gửi báo cáo: %(units)s. Thư nhắc cho các đơn vị này dừng lại."
    ),
    "Already recorded before: %(units)s.": "Đã được ghi nhận từ trước: %(units)s.",
    "Submission withdrawn for %(units)s: their reminders resume.": (
        "Đã hoàn tác ghi nhận của %(units)s: thư nhắc tiếp tục."
    ),
    "No submission was recorded for %(units)s.": "%(units)s chưa được ghi nhận gửi báo cáo.",
    "Every unit has submitted: nobody to remind.": (
        "Tất cả đơn vị đã gửi báo cáo: không còn ai để nhắc."
    ),
    "Reminder sent to %(units)s.": "Đã gửi thư nhắc tới %(units)s.",
    "Some addresses of %(units)s refused it: %(error)s": (
        "Một số địa chỉ của %(units)s từ chối nhận: %(error)s"
    ),
    "Not sent to %(units)s: %(reason)s.": "Không gửi tới %(units)s: %(reason)s.",
    "Could not be delivered to %(units)s: %(error)s": ("Không gửi được tới %(units)s: %(error)s"),
    "Not sent yet to %(units)s (%(error)s): it will be tried again automatically.": (
        "Chưa gửi được tới %(units)s (%(error)s): hệ thống sẽ tự gửi lại."
    ),
    # the e-mail's preview
    "E-mail to %(unit)s": "Thư gửi %(unit)s",
    "%(unit)s does not answer for this deadline.": "%(unit)s không thực hiện thời hạn này.",
    "The reminder of this deadline as %(unit)s receives it, written on %(date)s. A reminder "
    "sent on another day says how many days are left on that day.": (
        "Thư nhắc thời hạn này như %(unit)s sẽ nhận, soạn ngày %(date)s. Thư gửi vào ngày "
        "khác ghi số ngày còn lại tính đến ngày đó."
    ),
    "To": "Gửi tới",
    "Nothing can be sent to this unit until the units file gives it an address.": (
        "Chưa gửi được thư cho đơn vị này cho đến khi tệp đơn vị có địa chỉ của đơn vị."
    ),
    "Subject": "Tiêu đề",
    "Attached": "Tệp đính kèm",
    "the deadline as a calendar event (.ics)": "thời hạn dưới dạng sự kiện lịch (.ics)",
    "As most mail programs show it": "Như phần lớn chương trình thư hiển thị",
    "The e-mail to %(unit)s, as HTML": "Thư gửi %(unit)s, dạng HTML",
    "Plain text version": "Bản văn bản thuần",
    "This unit's reminders of this deadline": "Các lần nhắc đơn vị này về thời hạn này",
    "No reminder is planned yet: the reminder service plans them when it runs.": (
        "Chưa có lần nhắc nào được lập: dịch vụ nhắc việc lập khi chạy."
    ),
    "Back to the deadline": "Về trang thời hạn",
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
    "Reminders and delivery problems": "Nhắc việc và lỗi gửi thư",
    "Calendar link": "Liên kết lịch",
    "Issued on %(date)s": "Cấp ngày %(date)s",
    "Not issued": "Chưa cấp",
    "Issue a link": "Cấp liên kết",
    "Issue a new link": "Cấp liên kết mới",
    "%(num)d delivery problem": "%(num)d lần gửi thư lỗi",
    "Shared calendar": "Lịch chung",
    "Subscribe links": "Liên kết đăng ký",
    "Not public": "Không công khai",
    "Each group's shared calendar holds the deadlines of its units and the campaigns' other "
    "events; anyone with the link can subscribe.": (
        "Lịch chung của mỗi khối, cụm, nhóm gồm thời hạn của các đơn vị trong đó và các sự "
        "kiện khác của phong trào; ai có liên kết đều đăng ký được."
    ),
    "Shared calendars need the API token (THIDUA_FEEDS_PUBLIC is false): only a unit's own "
    "link is offered.": (
        "Lịch chung cần mã API (THIDUA_FEEDS_PUBLIC là false): chỉ cấp liên kết riêng cho "
        "từng đơn vị."
    ),
    # a unit's page
    "There is no unit %(code)s.": "Không có đơn vị %(code)s.",
    "This unit is no longer in the units file: it gets no reminder and no calendar link.": (
        "Đơn vị này không còn trong tệp đơn vị: không nhận thư nhắc và không được cấp liên "
        "kết lịch."
    ),
    "Code": "Mã",
    "The unit's calendar link": "Liên kết lịch của đơn vị",
    "A new link for %(unit)s. It is shown only now: copy it or send it to the unit before "
    "leaving this page.": (
        "Liên kết mới của %(unit)s. Liên kết chỉ hiện lần này: hãy sao chép hoặc gửi cho đơn "
        "vị trước khi rời trang."
    ),
    "The unit's previous link has stopped working: calendars subscribed with it must "
    "subscribe again with this one.": (
        "Liên kết cũ của đơn vị đã ngừng hoạt động: lịch đã đăng ký bằng liên kết cũ phải đăng "
        "ký lại bằng liên kết này."
    ),
    "Keep it private: anyone with it sees the unit's deadlines without a password.": (
        "Hãy giữ kín: ai có liên kết đều xem được thời hạn của đơn vị mà không cần mật khẩu."
    ),
    "The service's address is %(url)s: calendar apps on other machines, and Google "
    "Calendar, need its public https:// address in THIDUA_BASE_URL.": (
        "Địa chỉ của dịch vụ là %(url)s: ứng dụng lịch trên máy khác và Google Calendar cần "
        "địa chỉ công khai https:// đặt trong THIDUA_BASE_URL."
    ),
    "No link could be made: %(problem)s": "Không tạo được liên kết: %(problem)s",
    "A link was issued on %(date)s.": "Liên kết đã được cấp ngày %(date)s.",
    "Only a fingerprint of it is kept, so it cannot be shown again. If the unit has lost it, "
    "issue a new one: the old link then stops working.": (
        "Hệ thống chỉ lưu dấu vết của liên kết nên không hiện lại được. Nếu đơn vị làm mất, "
        "hãy cấp liên kết mới: liên kết cũ khi đó ngừng hoạt động."
    ),
    "No link has been issued yet. The unit's calendar holds its deadlines and its "
    "campaigns' other events; calendar apps keep it up to date.": (
        "Chưa cấp liên kết. Lịch của đơn vị gồm các thời hạn của đơn vị và các sự kiện khác "
        "của phong trào; ứng dụng lịch tự cập nhật."
    ),
    "The current link stops working at once.": "Liên kết hiện tại sẽ ngừng hoạt động ngay.",
    "%(code)s is no longer in the units file: it gets no calendar link.": (
        "%(code)s không còn trong tệp đơn vị: không được cấp liên kết lịch."
    ),
    "Its deadlines": "Các thời hạn của đơn vị",
    "This unit answers for no deadline.": "Đơn vị này không có thời hạn nào.",
    "Last reminder sent on %(date)s, about %(deadline)s.": (
        "Lần nhắc gần nhất: %(date)s, về %(deadline)s."
    ),
    "No reminder has been sent to this unit yet.": "Chưa gửi thư nhắc nào cho đơn vị này.",
    "the latest are shown": "hiện các lần gần nhất",
    "No delivery problem.": "Không có lỗi gửi thư.",
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
    "Stored units not in the units file stay active unless you tick “Deactivate them” below:": (
        "Các đơn vị đã lưu nhưng không có trong tệp đơn vị vẫn hoạt động, trừ khi bạn đánh dấu "
        "“Ngừng hoạt động các đơn vị này” dưới đây:"
    ),
    "Deactivate them": "Ngừng hoạt động các đơn vị này",
    "Too many failed sign-ins from this address: try again after %(time)s.": (
        "Địa chỉ này đã đăng nhập sai quá nhiều lần: hãy thử lại sau %(time)s."
    ),
}
