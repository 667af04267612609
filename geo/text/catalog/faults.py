"""Operational faults (geo/faults.py): the database or the disk fails, in one line, with what to do.

The command line puts the place first (``127.0.0.1:5432: …``, a folder); a page shows the text alone.
"""

TEXTS = {
    "faults.unreachable": {
        "vi": "Không kết nối được máy chủ cơ sở dữ liệu PostgreSQL: máy chủ chưa chạy hoặc không truy "
              "cập được. Không có gì thay đổi; hãy kiểm tra máy chủ rồi thử lại.",
        "en": "Cannot reach the PostgreSQL database server: it is not running or not reachable. "
              "Nothing changed; check the server and try again.",
    },
    "faults.refused_login": {
        "vi": "Máy chủ cơ sở dữ liệu từ chối đăng nhập (sai tên hoặc mật khẩu kết nối). Không có gì "
              "thay đổi.",
        "en": "The database server refused the login (wrong connection name or password). Nothing "
              "changed.",
    },
    "faults.no_database": {
        "vi": "Không có cơ sở dữ liệu này trên máy chủ. Không có gì thay đổi.",
        "en": "There is no such database on the server. Nothing changed.",
    },
    "faults.read_only": {
        "vi": "Cơ sở dữ liệu chỉ cho đọc (tệp hoặc thư mục không ghi được): không lưu được gì, không có "
              "gì thay đổi. Hãy cấp quyền ghi rồi thử lại.",
        "en": "The database is read-only (its file or folder cannot be written): nothing was stored, "
              "nothing changed. Give write access and try again.",
    },
    "faults.cannot_open": {
        "vi": "Không mở được cơ sở dữ liệu (thư mục không tồn tại hoặc không có quyền). Không có gì "
              "thay đổi.",
        "en": "Cannot open the database (its folder does not exist or cannot be accessed). Nothing "
              "changed.",
    },
    "faults.corrupt": {
        "vi": "Cơ sở dữ liệu bị hỏng (không đọc được). Không có gì thay đổi; hãy khôi phục từ bản sao "
              "lưu gần nhất.",
        "en": "The database is damaged (cannot be read). Nothing changed; restore it from the latest "
              "backup.",
    },
    "faults.disk_full": {
        "vi": "Ổ đĩa đã đầy: không lưu được gì, dữ liệu đã có vẫn nguyên vẹn. Hãy giải phóng dung "
              "lượng ở đó rồi thử lại.",
        "en": "The disk is full: nothing was stored, the data already there is intact. Free space "
              "there and try again.",
    },
    "faults.server": {"vi": "máy chủ cơ sở dữ liệu", "en": "the database server"},
    "faults.cannot_write": {
        "vi": "Không ghi được tệp (chỉ đọc hoặc không có quyền). Không có gì được ghi.",
        "en": "Cannot write the file (read-only or no permission). Nothing was written.",
    },
    "faults.database": {
        "vi": "Cơ sở dữ liệu báo lỗi và không thực hiện được thao tác. Không có gì thay đổi.",
        "en": "The database reported an error and the action could not be done. Nothing changed.",
    },
    "faults.unexpected": {
        "vi": "Lỗi ngoài dự kiến: thao tác không hoàn thành. Chạy lại với --debug (hoặc GEO_DEBUG=1) để xem "
              "chi tiết cho người phát triển.",
        "en": "Unexpected error: the action did not complete. Run again with --debug (or GEO_DEBUG=1) to see "
              "the details for a developer.",
    },
}
