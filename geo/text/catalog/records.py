"""Storing records: the refusals of an import (geo/records/store.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "records.conflict": {
        "vi": "Kỳ {periods} đã có số liệu của {n} xã (ví dụ {examples}); không có gì được nhập. Muốn thay thế thì "
              "nhập lại và chọn thay thế; số liệu cũ vẫn được lưu trong lịch sử.",
        "en": "Period {periods} already has records for {n} communes (e.g. {examples}); nothing was imported. To "
              "replace them, import again choosing to replace; the old records stay in the history.",
    },
    # the command line's way to choose it (geo/cli/imports.py), said after the refusal above
    "records.conflict_cli": {"vi": "Dùng --replace để thay thế.", "en": "Use --replace to replace them."},
    "records.race": {
        "vi": "Một lần nhập khác vừa lưu số liệu cho cùng kỳ {periods} trong lúc tệp này đang được nhập. Không có gì "
              "được lưu từ tệp này; hãy xem lại số liệu hiện có rồi nhập lại nếu cần.",
        "en": "Another import stored records for the same period {periods} while this file was being imported. "
              "Nothing from this file was stored; review the current data and import again if needed.",
    },
    "records.rejected": {"vi": "Tệp bị từ chối: {n} lỗi. Không có gì được lưu.",
                         "en": "File rejected: {n} errors. Nothing was stored."},
    # Backups and restores (geo/records/backup.py)
    "records.backup_no_file": {"vi": "Không có tệp {file}. Không có gì thay đổi.",
                               "en": "There is no file {file}. Nothing changed."},
    "records.backup_tool_missing": {
        "vi": "Máy chủ thiếu công cụ {tool} của PostgreSQL: cần cài gói postgresql của Debian. Không có gì thay đổi.",
        "en": "The server lacks PostgreSQL's {tool}: Debian's postgresql package is needed. Nothing changed.",
    },
    "records.backup_not_a_file": {
        "vi": "Cơ sở dữ liệu này không phải là một tệp SQLite: không sao lưu hay khôi phục theo tệp được.",
        "en": "This database is not a SQLite file: it cannot be backed up or restored as a file.",
    },
    "records.backup_copy_damaged": {
        "vi": "Bản sao {file} vừa ghi không qua được kiểm tra toàn vẹn nên đã bị xóa: hãy kiểm tra ổ đĩa rồi thử lại.",
        "en": "The copy {file} just written failed its integrity check and was removed: check the disk and try again.",
    },
    "records.backup_unsupported": {
        "vi": "Không sao lưu được cơ sở dữ liệu loại {dialect} (chỉ SQLite và PostgreSQL).",
        "en": "Databases of kind {dialect} cannot be backed up (SQLite and PostgreSQL only).",
    },
    "records.backup_tool_failed": {
        "vi": "{tool} không thành công: {detail}",
        "en": "{tool} failed: {detail}",
    },
    "records.backup_not_ours": {
        "vi": "{file} không phải là bản sao lưu của ứng dụng này. Không có gì thay đổi.",
        "en": "{file} is not a backup of this application. Nothing changed.",
    },
    "records.backup_other_kind": {
        "vi": "{file} là bản sao lưu {kind}, còn cơ sở dữ liệu là {dialect}. Không có gì thay đổi.",
        "en": "{file} is a {kind} backup; the database is {dialect}. Nothing changed.",
    },
    "records.backup_damaged": {
        "vi": "Bản sao lưu {file} bị hỏng hoặc không đầy đủ (không qua được kiểm tra toàn vẹn): không khôi phục. "
              "Cơ sở dữ liệu hiện tại giữ nguyên.",
        "en": "The backup {file} is damaged or incomplete (it fails its integrity check): not restored. The "
              "current database is unchanged.",
    },
    "records.backup_newer": {
        "vi": "Bản sao lưu {file} do phiên bản mới hơn của ứng dụng tạo ra (lược đồ {version}, phiên bản này đọc "
              "đến {ours}): không khôi phục. Không có gì thay đổi.",
        "en": "The backup {file} was made by a newer version of the application (schema {version}; this one reads "
              "up to {ours}): not restored. Nothing changed.",
    },
    "records.backup_holds": {
        "vi": "{periods} kỳ, {records} bản ghi, {accounts} tài khoản, {audit} dòng nhật ký",
        "en": "{periods} periods, {records} records, {accounts} accounts, {audit} audit lines",
    },
    "records.backup_unreadable": {"vi": "không đọc được (hỏng)", "en": "cannot be read (damaged)"},
    "records.backup_backup_holds": {"vi": "Bản sao lưu: {what}.", "en": "The backup: {what}."},
    "records.backup_target_holds": {"vi": "Cơ sở dữ liệu hiện tại: {what}.", "en": "The current database: {what}."},
    "records.backup_would_lose": {
        "vi": "{n} bản ghi hiện có không nằm trong bản sao lưu và sẽ mất khỏi cơ sở dữ liệu.",
        "en": "{n} current records are not in the backup and would be gone from the database.",
    },
    "records.backup_needs_yes": {
        "vi": "Không khôi phục: cơ sở dữ liệu có {n} bản ghi không nằm trong bản sao lưu. Chạy lại với --yes nếu "
              "thật sự muốn thay thế. Không có gì thay đổi.",
        "en": "Not restored: the database holds {n} records that are not in the backup. Run again with --yes to "
              "replace it all the same. Nothing changed.",
    },
    "records.backup_no_safety": {
        "vi": "Chưa có bản lưu an toàn nào của cơ sở dữ liệu này trong {folder}: không có gì để hoàn tác.",
        "en": "There is no safety copy of this database in {folder}: nothing to undo.",
    },
}
