"""The Administration page: accounts, roles, sessions, audit log (dashboard/views/admin.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "admin.end_sessions": {"vi": "Kết thúc mọi phiên đăng nhập", "en": "End all sessions"},
    "admin.sessions_ended": {"vi": "Đã kết thúc {n} phiên của {name}.", "en": "Ended {n} sessions of {name}."},
    "admin.open_sessions": {"vi": "Phiên đang mở", "en": "Open sessions"},
    "admin.users": {"vi": "Tài khoản", "en": "Accounts"},
    "admin.add_user": {"vi": "Thêm tài khoản", "en": "Add an account"},
    "admin.role": {"vi": "Vai trò", "en": "Role"},
    "admin.sees_small_counts": {"vi": "Được xem số nhỏ (<3) về nạn nhân, vụ án",
                                "en": "May see small counts (<3) of victims and cases"},
    "admin.user_added": {"vi": "Đã tạo tài khoản {name}. Mật khẩu dùng một lần (chỉ hiện lần này):",
                         "en": "Account {name} created. One-time password (shown only now):"},
    "admin.change_user": {"vi": "Sửa tài khoản", "en": "Change an account"},
    "admin.set_role": {"vi": "Đổi vai trò", "en": "Set role"},
    "admin.disable": {"vi": "Vô hiệu hóa", "en": "Disable"},
    "admin.enable": {"vi": "Kích hoạt lại", "en": "Enable"},
    "admin.allow_small": {"vi": "Cho xem số nhỏ", "en": "Allow small counts"},
    "admin.forbid_small": {"vi": "Ẩn số nhỏ", "en": "Hide small counts"},
    "admin.reset_password": {"vi": "Đặt lại mật khẩu", "en": "Reset password"},
    "admin.password_reset": {"vi": "Mật khẩu mới dùng một lần của {name} (chỉ hiện lần này):",
                             "en": "New one-time password for {name} (shown only now):"},
    "admin.audit_log": {"vi": "Nhật ký kiểm toán", "en": "Audit log"},
    "admin.audit_machine": {
        "vi": "Mã băm, mã số và các trường kỹ thuật của từng dòng được giữ nguyên trong bản trích xuất cho máy "
              "(bộ phận kỹ thuật lấy bằng lệnh quản trị).",
        "en": "Hashes, ids and the technical fields of each line are kept in the machine extract (the technical "
              "staff obtain it with the administration command).",
    },
    "admin.current_role": {"vi": "Vai trò hiện tại của {name}: {role}.", "en": "{name}'s current role: {role}."},
    "admin.col_small": {"vi": "Xem số nhỏ", "en": "Small counts"},
    "admin.col_state": {"vi": "Tình trạng", "en": "State"},
    "admin.state_active": {"vi": "Đang hoạt động", "en": "Active"},
    "admin.state_disabled": {"vi": "Đã vô hiệu hóa", "en": "Disabled"},
    "admin.state_must_change": {"vi": "Chờ đổi mật khẩu lần đầu", "en": "Must change the one-time password"},
    "admin.col_failed": {"vi": "Số lần đăng nhập sai", "en": "Failed sign-ins"},
    "admin.col_locked_until": {"vi": "Khóa đến", "en": "Locked until"},
    "admin.col_created": {"vi": "Ngày tạo", "en": "Created"},
    "admin.col_started": {"vi": "Bắt đầu", "en": "Started"},
    "admin.col_last_seen": {"vi": "Hoạt động gần nhất", "en": "Last active"},
}
