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
}
