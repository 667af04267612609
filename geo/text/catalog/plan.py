"""The plan items without commune figures: their statuses, the Plan page, refusals (geo/figures/plan_items.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # Refusals of an entry, and the statuses entered or judged (geo/figures/plan_items.py)
    "plan.no_item": {
        "vi": "Không có mục {item} trong kế hoạch (hoặc mục này được tính từ số liệu các xã). Các mục nhập tay: "
              "{known}.",
        "en": "No plan item {item} (or the item is measured from the commune figures). Items entered by hand: {known}.",
    },
    "plan.bad_status": {"vi": "Trạng thái không hợp lệ: {value}. Dùng một trong: {known}.",
                        "en": "Invalid status: {value}. Use one of: {known}."},
    "plan.bad_value": {"vi": "Mục {item}: số liệu không hợp lệ «{value}» (cần một số không âm).",
                       "en": "Item {item}: invalid number «{value}» (a number of zero or more is needed)."},
    "plan.no_value": {"vi": "Mục {item} không có chỉ tiêu bằng số: không nhập số liệu, hãy ghi vào phần ghi chú.",
                      "en": "Item {item} has no numeric target: enter no number; write it in the note."},
    "plan.bad_date": {"vi": "Ngày không hợp lệ: {value} (dùng YYYY-MM-DD, không sau hôm nay).",
                      "en": "Invalid date: {value} (use YYYY-MM-DD, not after today)."},
    "plan.long_note": {"vi": "Ghi chú dài quá {n} ký tự.", "en": "The note is longer than {n} characters."},
    "plan.no_right": {
        "vi": "Tài khoản {user} (vai trò {role}) không được cập nhật tiến độ kế hoạch: cần vai trò editor trở lên.",
        "en": "Account {user} (role {role}) may not record plan progress: editor or above is needed.",
    },
    "plan.status_not_started": {"vi": "Chưa thực hiện", "en": "Not started"},
    "plan.status_in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "plan.status_done": {"vi": "Hoàn thành", "en": "Done"},
    "plan.status_met": {"vi": "Đạt", "en": "Met"},
    "plan.status_on_track": {"vi": "Đúng tiến độ", "en": "On track"},
    "plan.status_behind": {"vi": "Chậm tiến độ", "en": "Behind"},
    "plan.status_no_data": {"vi": "Chưa có số liệu", "en": "No data"},
    "plan.status_reported": {"vi": "Có số liệu (không có chỉ tiêu số)", "en": "Reported (no numeric target)"},
    # The items table and the entry form (dashboard/components/plan_tables.py)
    "plan.items_title": {"vi": "Các mục của kế hoạch không tính theo xã", "en": "Plan items without commune figures"},
    "plan.items_help": {"vi": "Tiến độ cấp tỉnh do cán bộ nhập (trang Kế hoạch), tính đến hết {period}.",
                        "en": "Province-level progress entered by staff (Plan page), as at the end of {period}."},
    "plan.item": {"vi": "Mục", "en": "Item"},
    "plan.target": {"vi": "Chỉ tiêu", "en": "Target"},
    "plan.deadline": {"vi": "Thời hạn", "en": "Deadline"},
    "plan.entered": {"vi": "Trạng thái đã nhập", "en": "Entered status"},
    "plan.value": {"vi": "Số liệu", "en": "Number"},
    "plan.judged": {"vi": "Đánh giá", "en": "Assessment"},
    "plan.note": {"vi": "Ghi chú", "en": "Note"},
    "plan.as_of": {"vi": "Ngày", "en": "Date"},
    "plan.by": {"vi": "Người nhập", "en": "Entered by"},
    "plan.entered_at": {"vi": "Thời điểm nhập", "en": "Entered at"},
    "plan.form_title": {"vi": "Cập nhật tiến độ", "en": "Record progress"},
    "plan.form_status": {"vi": "Trạng thái", "en": "Status"},
    "plan.form_value": {"vi": "Số liệu (để trống nếu không có)", "en": "Number (leave empty if none)"},
    "plan.form_date": {"vi": "Ngày mà thông tin này mô tả", "en": "The day this entry describes"},
    "plan.form_save": {"vi": "Lưu", "en": "Save"},
    "plan.form_saved": {"vi": "Đã lưu mục {item} (mã {id}).", "en": "Saved item {item} (id {id})."},
    "plan.read_only": {"vi": "Chỉ cán bộ nhập liệu (editor) trở lên mới cập nhật được tiến độ.",
                       "en": "Only editors and above can record progress."},
    "plan.history": {"vi": "Lịch sử cập nhật", "en": "History of entries"},
}
