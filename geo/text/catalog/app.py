"""The app's frame: title, navigation, sidebar, the notices every page may show, Streamlit's own words."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "app.title": {"vi": "Bản đồ xã, phường, thị trấn lành mạnh — Thanh Hóa", "en": "Healthy communes map — Thanh Hóa"},
    # The navigation (app.py), and each page's title
    "app.page_overview": {"vi": "Tổng quan", "en": "Overview"},
    "app.page_conversions": {"vi": "Chuyển hóa", "en": "Targeted conversions"},
    "app.page_inspections": {"vi": "Kiểm tra", "en": "Inspection density"},
    "app.page_border": {"vi": "Biên giới", "en": "Border area"},
    "app.page_districts": {"vi": "Huyện", "en": "Districts"},
    "app.page_data": {"vi": "Dữ liệu", "en": "Data"},
    "app.page_export": {"vi": "Xuất bản đồ", "en": "Export"},
    "app.page_plan": {"vi": "Kế hoạch", "en": "Plan items"},
    "app.page_trend": {"vi": "Xu hướng", "en": "Trend"},
    "app.page_hotspots": {"vi": "Điểm nóng", "en": "Hot spots"},
    "app.page_compare": {"vi": "So sánh các kỳ", "en": "Compare periods"},
    "app.page_admin": {"vi": "Quản trị", "en": "Administration"},
    "app.page_boundaries": {"vi": "Ranh giới", "en": "Boundaries"},
    # The sidebar and the notices every page may show (dashboard/components/page.py)
    "app.language": {"vi": "Ngôn ngữ", "en": "Language"},
    "app.period": {"vi": "Kỳ báo cáo", "en": "Period"},
    "app.districts": {"vi": "Huyện, thị xã, thành phố", "en": "Districts"},
    "app.all_districts": {"vi": "Toàn tỉnh", "en": "Whole province"},
    "app.search": {"vi": "Tìm xã: tên, mã hoặc huyện (có hoặc không dấu)",
                   "en": "Find a commune: name, code or district (with or without diacritics)"},
    "app.search_none": {"vi": "Không tìm thấy xã nào khớp «{q}».", "en": "No commune matches «{q}»."},
    "app.illustrative_short": {"vi": "Dữ liệu minh họa", "en": "Illustrative data"},
    "app.no_periods": {"vi": "Chưa có số liệu nào. Hãy nhập tệp ở trang Dữ liệu.",
                       "en": "No data yet. Import a file on the Data page."},
    "app.bad_boundaries": {
        "vi": "Không đọc được tệp ranh giới xã: {error}. Báo cho quản trị viên.",
        "en": "The commune boundary file cannot be read: {error}. Tell the administrator.",
    },
    "app.link_not_a_period": {"vi": "«{value}» trong đường dẫn không phải là một kỳ: đang hiển thị kỳ mặc định.",
                              "en": "«{value}» in the link is not a period: showing the default period."},
    "app.unexpected": {
        "vi": "Trang này gặp lỗi ngoài dự kiến và chưa hiển thị được. Hãy thử lại hoặc chọn kỳ, khu vực khác; "
              "nếu lỗi lặp lại, báo cho quản trị viên kèm thời điểm {when}.",
        "en": "This page hit an unexpected error and cannot be shown. Try again or choose another period or area; "
              "if it happens again, tell the administrator the time {when}.",
    },
    "app.no_records": {"vi": "Kỳ {period} chưa có số liệu cho khu vực đã chọn: mọi xã hiển thị là «không có số liệu».",
                       "en": "Period {period} has no records for the selected area: every commune shows as «no data»."},
    "app.click_hint": {"vi": "Bấm vào một xã trên bản đồ hoặc tìm theo tên để xem chi tiết.",
                       "en": "Click a commune on the map or search by name to see its details."},
    "app.labels_toggle": {"vi": "Hiện tên huyện", "en": "Show district names"},
    "app.former_districts": {"vi": "Huyện cũ (trước 1/7/2025)", "en": "Former districts (before 1 July 2025)"},
    "app.page_not_allowed": {
        "vi": "Trang «{page}» dành cho tài khoản có vai trò «{needed}» trở lên; tài khoản của bạn có vai trò "
              "«{role}» nên không mở được trang này. Nếu bạn cần dùng, hãy đề nghị quản trị viên cấp quyền.",
        "en": "The page “{page}” is for accounts with the role {needed} or above; your account's role is {role}, "
              "so it cannot open it. Ask an administrator if you need it.",
    },
    "app.back_to_overview": {"vi": "Về trang Tổng quan", "en": "Back to the overview"},
    "app.not_allowed": {"vi": "Tài khoản của bạn không có quyền dùng trang này.",
                        "en": "Your account may not use this page."},
    # Streamlit's own English words, replaced in Vietnamese (dashboard/chrome.py); English keeps Streamlit's
    "app.streamlit_upload": {"vi": "Chọn tệp", "en": "Upload"},
    "app.streamlit_limit": {"vi": "Tối đa {mb} MB mỗi tệp • {types}", "en": "{mb}MB per file • {types}"},
    "app.streamlit_stop": {"vi": "Dừng", "en": "Stop"},
    # Streamlit's own names for a screen reader, in the page's language (frontend/shell/shell.js); the English
    # is Streamlit's own words, which the script looks for.
    "app.shell_skip": {"vi": "Chuyển đến nội dung chính", "en": "Skip to main content"},
    "app.shell_collapse": {"vi": "Thu gọn thanh bên", "en": "Collapse sidebar"},
    "app.shell_expand": {"vi": "Mở thanh bên", "en": "Expand sidebar"},
    "app.shell_heading_link": {"vi": "Liên kết đến tiêu đề", "en": "Link to heading"},
    "app.shell_help": {"vi": "Giải thích: {x}", "en": "Help for {x}"},
    "app.shell_select_all": {"vi": "Chọn tất cả", "en": "Select all"},
    "app.shell_clear_all": {"vi": "Bỏ chọn tất cả", "en": "Clear all"},
    "app.shell_loading": {"vi": "Đang tải…", "en": "Loading…"},
    "app.shell_sidebar": {"vi": "Thanh bên", "en": "Sidebar"},
    "app.shell_pages": {"vi": "Các trang", "en": "App pages"},
    "app.shell_open": {"vi": "Mở danh sách", "en": "Open"},
}
