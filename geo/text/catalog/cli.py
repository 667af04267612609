"""``python -m geo``: the commands' own messages (geo/cli/)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # Shared by several commands (geo/cli/common.py)
    "cli.no_file": {"vi": "Không tìm thấy tệp: {path}", "en": "File not found: {path}"},
    "cli.illustrative": {"vi": "DỮ LIỆU MINH HỌA, không phải số liệu thật của các xã.",
                         "en": "ILLUSTRATIVE DATA, not the real figures of the communes."},
    # validate (geo/cli/validate.py)
    "cli.validate.ok": {"vi": "{file}: hợp lệ, {n} dòng số liệu, {w} cảnh báo.",
                        "en": "{file}: valid, {n} data rows, {w} warnings."},
    "cli.validate.bad": {"vi": "{file}: bị từ chối, {e} lỗi, {w} cảnh báo. Không có gì được lưu.",
                         "en": "{file}: rejected, {e} errors, {w} warnings. Nothing was stored."},
    "cli.validate.bad_period": {"vi": "Kỳ không hợp lệ: {value} (dùng YYYY hoặc YYYY-Qn)",
                                "en": "Invalid period: {value} (use YYYY or YYYY-Qn)"},
    # import (geo/cli/imports.py)
    "cli.import.stored": {
        "vi": "Đã lưu {n} bản ghi (kỳ {periods}); thay thế {r} bản ghi cũ (vẫn giữ trong lịch sử). Mã lần nhập: {id}.",
        "en": "Stored {n} records (period {periods}); replaced {r} earlier records (kept in the history). Import id: "
              "{id}.",
    },
    # units (geo/cli/units.py)
    "cli.units.correct_refused": {"vi": "Tệp sửa liên kết bị từ chối: {n} lỗi. Không có gì thay đổi.",
                                  "en": "Link corrections refused: {n} errors. Nothing was changed."},
    "cli.units.correct_valid": {"vi": "Tệp sửa liên kết hợp lệ (chưa áp dụng: --check).",
                                "en": "Link corrections are valid (not applied: --check)."},
    "cli.units.no_source": {"vi": "Không thấy dữ liệu tham chiếu {path} (versions.csv) để dựng lại các danh mục.",
                            "en": "Reference data not found at {path} (versions.csv): the versions cannot be rebuilt."},
    "cli.units.correct_line": {"vi": "{version}: {removed} sáp nhập vào {new} (trước: {old})",
                               "en": "{version}: {removed} merged into {new} (before: {old})"},
    "cli.units.correct_done": {
        "vi": "Đã áp dụng {n} dòng sửa liên kết; data/units đã được dựng lại và ghi vào nhật ký.",
        "en": "Applied {n} link correction rows; data/units rebuilt, and the change audited.",
    },
    "cli.units.units_head": {"vi": "phiên bản  đến         số ĐV  huyện  ranh giới",
                             "en": "version     until       units  dist.  boundaries"},
    # summary (geo/cli/summary.py)
    "cli.summary.no_period": {"vi": "Kỳ {period} không có số liệu. Các kỳ hiện có: {known}",
                              "en": "Period {period} has no records. Periods available: {known}"},
    "cli.summary.no_district": {"vi": "Không có huyện mã {code}.", "en": "No district with code {code}."},
    # export, export-batch (geo/cli/export.py)
    "cli.export.exported": {"vi": "Đã ghi {path} ({size} byte).", "en": "Wrote {path} ({size} bytes)."},
    # plan (geo/cli/plans.py)
    "cli.plan.stored": {"vi": "Đã lưu kế hoạch {id} năm {year} ({units} đơn vị), phiên bản số {row}.",
                        "en": "Stored plan {id} for {year} ({units} units), version {row}."},
    "cli.plan.line": {"vi": "{year} · {units} đơn vị · {id} ký ngày {signed} ({issuer}): {title} — {n} chỉ tiêu; "
                            "nhập bởi {user}, {at}",
                      "en": "{year} · {units} units · {id} signed {signed} ({issuer}): {title} — {n} targets; "
                            "entered by {user}, {at}"},
    "cli.plan.current": {"vi": "đang áp dụng", "en": "in force"},
    "cli.plan.illustrative": {"vi": "minh họa", "en": "illustrative"},
    "cli.plan.none": {"vi": "Chưa có kế hoạch nào trong hệ thống.", "en": "No plan is loaded."},
    "cli.plan.none_year": {"vi": "Chưa có kế hoạch năm {year} trong hệ thống.", "en": "No plan for {year} is loaded."},
    # plan-item (geo/cli/plan_items.py)
    "cli.plan_item.stored": {"vi": "Đã lưu mục {item}: {status} (ngày {date}), mã {id}.",
                             "en": "Stored item {item}: {status} (as of {date}), id {id}."},
    "cli.plan_item.no_period": {"vi": "Kỳ {period} không có số liệu. Các kỳ hiện có: {known}",
                                "en": "Period {period} has no records. Periods available: {known}"},
    "cli.plan_item.none": {"vi": "Chưa có mục nào được cập nhật.", "en": "Nothing entered yet."},
    # boundaries (geo/cli/boundaries.py)
    "cli.boundaries.no_version": {"vi": "Không có danh mục đơn vị {version}. Các danh mục: {known}",
                                  "en": "No unit list {version}. Lists: {known}"},
    "cli.boundaries.ok": {"vi": "{file}: hợp lệ, {n} đối tượng, {u} đơn vị của danh mục từ {version}, {w} cảnh báo.",
                          "en": "{file}: valid, {n} features, {u} units of the list of {version}, {w} warnings."},
    "cli.boundaries.bad": {"vi": "{file}: bị từ chối, {e} lỗi, {w} cảnh báo. Không có gì được lưu.",
                           "en": "{file}: rejected, {e} errors, {w} warnings. Nothing was stored."},
    "cli.boundaries.crs": {"vi": "Hệ tọa độ: {crs}; chuyển đổi: {transformation}",
                           "en": "CRS: {crs}; transformation: {transformation}"},
    "cli.boundaries.stored": {
        "vi": "Đã lưu bản ranh giới số {id} ({u} đơn vị), chưa dùng. Kích hoạt: python -m geo boundaries activate {id}",
        "en": "Stored boundary revision {id} ({u} units), not in use yet. Activate it: python -m geo boundaries "
              "activate {id}",
    },
    "cli.boundaries.activated": {"vi": "Bản ranh giới số {id} đang được dùng.",
                                 "en": "Boundary revision {id} is now in use."},
    "cli.boundaries.deactivated": {"vi": "Bản ranh giới số {id} không còn được dùng.",
                                   "en": "Boundary revision {id} is no longer used."},
    # briefing (geo/cli/briefing.py)
    "cli.briefing.written": {"vi": "Đã ghi {path} ({pages}{size} byte, {seconds} giây).",
                             "en": "Wrote {path} ({pages}{size} bytes, {seconds} s)."},
    "cli.briefing.pages": {"vi": "{n} trang, ", "en": "{n} pages, "},
    "cli.briefing.bad_format": {"vi": "Định dạng không hợp lệ: {value} (dùng pdf hoặc docx).",
                                "en": "Invalid format: {value} (use pdf or docx)."},
    "cli.briefing.cannot_write": {"vi": "Không ghi được {path}: {error}", "en": "Cannot write {path}: {error}"},
    # A warning after a result that stands (geo/cli/common.py)
    "cli.warning": {"vi": "CẢNH BÁO", "en": "WARNING"},
    "cli.restore.which": {"vi": "Hãy chỉ ra tệp sao lưu cần khôi phục (hoặc --undo).",
                          "en": "Name the backup file to restore (or --undo)."},
    "cli.restore.done": {"vi": "Đã khôi phục từ {file}.", "en": "Restored from {file}."},
    "cli.restore.safety": {
        "vi": "Cơ sở dữ liệu trước khi khôi phục được giữ tại {path} (lấy lại bằng: restore --undo).",
        "en": "The database as it was is kept at {path} (bring it back with: restore --undo).",
    },
    "cli.not_a_period": {"vi": "«{value}» không phải là một kỳ (viết 2019, 2019-Q1, Q1/2019 hoặc Quý 1/2019).",
                         "en": "«{value}» is not a period (write 2019, 2019-Q1, Q1/2019 or Quý 1/2019)."},
    # user (geo/cli/users.py): a new account's one-time password, printed in both languages
    "cli.users.account": {"vi": "Tài khoản", "en": "account"},
    "cli.users.one_time_password": {"vi": "Mật khẩu dùng một lần", "en": "one-time password"},
    "cli.users.change_it": {"vi": "Đổi mật khẩu ở lần đăng nhập đầu tiên.",
                            "en": "It must be changed at the first sign-in."},
}
