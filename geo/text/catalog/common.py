"""Words several screens share: statuses, yes/no, the file report's columns, downloads."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "common.illustrative": {
        "vi": "DỮ LIỆU MINH HỌA — số liệu trạng thái do chương trình tạo ra (năm 2019 theo các chỉ tiêu của Kế hoạch "
              "19/KH-UBND, các năm sau tiếp nối từ đó), không phải số liệu thật của các xã; kế hoạch các năm 2020–2026 "
              "cũng là minh họa. Ranh giới hành chính là thật.",
        "en": "ILLUSTRATIVE DATA — the status figures are generated (2019 to match the targets of Plan 19/KH-UBND, "
              "later years carried on from it); they are not the real figures of the communes, and the plans of "
              "2020–2026 are illustrative too. The boundaries are real.",
    },
    "common.no_data": {"vi": "Không có số liệu", "en": "No data"},
    "common.yes": {"vi": "Có", "en": "Yes"},
    "common.no": {"vi": "Không", "en": "No"},
    "common.status": {"vi": "Đánh giá", "en": "Assessment"},
    "common.map_healthy": {"vi": "Bản đồ xã lành mạnh", "en": "Healthy communes map"},
    "common.commune": {"vi": "Xã", "en": "Commune"},
    "common.district": {"vi": "Huyện", "en": "District"},
    "common.former_district": {"vi": "Huyện cũ", "en": "Former district"},
    "common.error_word": {"vi": "Lỗi", "en": "Error"},
    "common.warning_word": {"vi": "Cảnh báo", "en": "Warning"},
    "common.severity": {"vi": "Mức", "en": "Severity"},
    "common.row": {"vi": "Dòng", "en": "Row"},
    "common.column": {"vi": "Cột", "en": "Column"},
    "common.value": {"vi": "Giá trị", "en": "Value"},
    "common.message": {"vi": "Nội dung", "en": "Message"},
    "common.download_csv": {"vi": "Tải bảng (CSV)", "en": "Download the table (CSV)"},
    "common.download_xlsx": {"vi": "Tải bảng (Excel)", "en": "Download the table (Excel)"},
    "common.username": {"vi": "Tên đăng nhập", "en": "User name"},
    "common.validating": {"vi": "Đang kiểm tra tệp…", "en": "Checking the file…"},
    "common.more_problems": {"vi": "… và {n} vấn đề khác: tải báo cáo đầy đủ bên dưới.",
                             "en": "… and {n} more problems: download the full report below."},
    "common.report_download": {"vi": "Tải báo cáo kiểm tra (CSV)", "en": "Download the validation report (CSV)"},
}
