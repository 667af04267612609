"""The Data page: upload, validation, import, template and import log (dashboard/views/data.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "data.upload_title": {"vi": "Nhập số liệu từ huyện", "en": "Import a district file"},
    "data.upload_help": {"vi": "Tệp CSV hoặc XLSX (trang tính đầu tiên). Tệp được kiểm tra trước, chưa lưu gì.",
                         "en": "A CSV or XLSX file (first sheet). The file is checked first; nothing is stored yet."},
    "data.units_version_choice": {"vi": "Danh mục đơn vị của tệp (kỳ này có thay đổi đơn vị hành chính)",
                                  "en": "The file's unit list (the units changed within this period)"},
    "data.units_version_rule": {"vi": "Theo quy tắc: danh mục có hiệu lực ngày đầu kỳ",
                                "en": "By the rule: the list in force on the period's first day"},
    "data.units_version_option": {"vi": "Danh mục có hiệu lực từ {v} ({n} đơn vị)",
                                  "en": "The list in force from {v} ({n} units)"},
    "data.units_version_chosen": {
        "vi": "Số liệu được kiểm tra và sẽ lưu theo danh mục có hiệu lực từ {v} ({n} đơn vị); kỳ này sẽ được hiển thị "
              "theo danh mục đó.",
        "en": "Checked against, and to be stored on, the list in force from {v} ({n} units); the period will be shown "
              "on that list.",
    },
    "data.period_override": {"vi": "Kỳ cho các dòng không ghi kỳ (tùy chọn: một năm, vd. 2019, hoặc một quý, vd. "
                                   "Quý 3/2019)",
                             "en": "Period for rows without one (optional: a year, e.g. 2019, or a quarter, e.g. "
                                   "Q3 2019)"},
    "data.encoding_assumed": {"vi": "Bảng mã đã dùng để đọc tệp: {encoding}", "en": "Encoding assumed: {encoding}"},
    "data.rejected": {"vi": "{file}: bị từ chối vì {n} lỗi. Không có gì được lưu. Hãy sửa tệp rồi tải lên lại.",
                      "en": "{file}: rejected, {n} errors. Nothing was stored. Fix the file and upload it again."},
    "data.valid": {"vi": "{file}: hợp lệ — {rows} bản ghi, {periods}; chưa xã nào có số liệu kỳ này. Bấm «Nhập» để "
                         "lưu.",
                   "en": "{file}: valid — {rows} records, {periods}; no commune has records for it yet. Press "
                         "«Import» to store them."},
    "data.valid_clashes": {
        "vi": "{file}: hợp lệ — {rows} bản ghi, {periods}; nhưng {n} xã đã có số liệu kỳ này (danh sách dưới đây). "
              "Nhập tệp này sẽ thay thế số liệu của các xã đó.",
        "en": "{file}: valid — {rows} records, {periods}; but {n} communes already have records for it (listed "
              "below). Importing this file replaces their records.",
    },
    "data.clashes_title": {"vi": "{n} xã đã có số liệu", "en": "{n} communes already have records"},
    "data.replace": {"vi": "Thay thế số liệu hiện có của các xã này (số liệu cũ vẫn giữ trong lịch sử)",
                     "en": "Replace the current records of these communes (the old ones stay in the history)"},
    "data.replace_needed": {"vi": "Đánh dấu ô «Thay thế» ở trên thì mới nhập được tệp này.",
                            "en": "Tick «Replace» above to import this file."},
    "data.problem_counts": {"vi": "✖ {errors} lỗi (phải sửa) · ⚠ {warnings} cảnh báo (nên xem lại, vẫn nhập được)",
                            "en": "✖ {errors} errors (must be fixed) · ⚠ {warnings} warnings (worth a look, the "
                                  "file still imports)"},
    "data.import_button": {"vi": "Nhập", "en": "Import"},
    "data.stored": {"vi": "Đã lưu {n} bản ghi ({periods}); thay thế {r} bản ghi cũ.",
                    "en": "Stored {n} records ({periods}); replaced {r} earlier records."},
    "data.template_title": {"vi": "Mẫu nhập số liệu", "en": "Import template"},
    "data.template_period": {"vi": "Kỳ của mẫu", "en": "Template period"},
    "data.template_download": {"vi": "Tải mẫu kỳ {period} (XLSX)", "en": "Download the {period} template (XLSX)"},
    "data.bad_period": {"vi": "Kỳ không hợp lệ: «{value}» (ghi một năm, vd. 2019, hoặc một quý, vd. Quý 3/2019).",
                        "en": "Invalid period: «{value}» (write a year, e.g. 2019, or a quarter, e.g. Q3 2019)."},
    "data.import_log": {"vi": "Nhật ký nhập số liệu", "en": "Import log"},
    # The import log's columns (the time shown in UTC+7, geo/clock.py)
    "data.log_id": {"vi": "Mã", "en": "Id"},
    "data.log_created_at": {"vi": "Thời gian", "en": "Time"},
    "data.log_username": {"vi": "Người nhập", "en": "User"},
    "data.log_file_name": {"vi": "Tệp", "en": "File"},
    "data.log_outcome": {"vi": "Kết quả", "en": "Outcome"},
    "data.outcome_stored": {"vi": "Đã lưu", "en": "Stored"},
    "data.outcome_conflict": {"vi": "Không nhập: đã có số liệu", "en": "Not imported: records exist"},
    "data.outcome_rejected": {"vi": "Bị từ chối: tệp có lỗi", "en": "Rejected: errors in the file"},
    "data.log_rows_read": {"vi": "Dòng đọc", "en": "Rows read"},
    "data.log_rows_stored": {"vi": "Bản ghi lưu", "en": "Records stored"},
    "data.log_rows_replaced": {"vi": "Bản ghi thay thế", "en": "Records replaced"},
    "data.log_periods": {"vi": "Kỳ", "en": "Periods"},
    "data.log_illustrative": {"vi": "Minh họa", "en": "Illustrative"},
    "data.log_message": {"vi": "Ghi chú", "en": "Message"},
    "data.log_sha256": {"vi": "SHA-256", "en": "SHA-256"},
    "data.validating_rows": {"vi": "Đang kiểm tra: {done}/{total} dòng", "en": "Checking: {done}/{total} rows"},
}
