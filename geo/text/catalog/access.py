"""Accounts and their rights: refusals, roles, the audit trail's own errors (geo/access/)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    # The audit trail in words (geo.access.audit.readable): the columns, the actions, outcomes and detail keys
    "access.col_at": {"vi": "Thời gian", "en": "Time"},
    "access.col_username": {"vi": "Người thực hiện", "en": "Who"},
    "access.col_what": {"vi": "Việc", "en": "What"},
    "access.col_target": {"vi": "Đối tượng", "en": "On"},
    "access.col_outcome": {"vi": "Kết quả", "en": "Outcome"},
    "access.col_detail": {"vi": "Chi tiết", "en": "Details"},
    "access.outcome_ok": {"vi": "Thành công", "en": "Done"},
    "access.outcome_refused": {"vi": "Bị từ chối", "en": "Refused"},
    "access.action_import": {"vi": "Nhập số liệu", "en": "Import of records"},
    "access.action_validate": {"vi": "Kiểm tra tệp số liệu", "en": "Check of a records file"},
    "access.action_refused": {"vi": "Thao tác không được phép", "en": "Action not allowed"},
    "access.action_backup": {"vi": "Sao lưu cơ sở dữ liệu", "en": "Database backup"},
    "access.action_restore": {"vi": "Khôi phục cơ sở dữ liệu", "en": "Database restore"},
    "access.action_export": {"vi": "Xuất tệp", "en": "Export of a file"},
    "access.action_plan_progress": {"vi": "Cập nhật tiến độ kế hoạch", "en": "Plan progress entry"},
    "access.action_units_correct": {"vi": "Sửa liên kết đơn vị hành chính", "en": "Correction of unit links"},
    "access.action_boundary_import": {"vi": "Nhập ranh giới", "en": "Boundary import"},
    "access.action_boundary_validate": {"vi": "Kiểm tra tệp ranh giới", "en": "Boundary file check"},
    "access.action_boundary_activate": {"vi": "Áp dụng bản ranh giới", "en": "Boundary revision activated"},
    "access.action_boundary_deactivate": {"vi": "Bỏ áp dụng bản ranh giới", "en": "Boundary revision deactivated"},
    "access.action_login": {"vi": "Đăng nhập", "en": "Sign-in"},
    "access.action_login_failed": {"vi": "Đăng nhập không thành công", "en": "Failed sign-in"},
    "access.action_logout": {"vi": "Đăng xuất", "en": "Sign-out"},
    "access.action_session_expired": {"vi": "Phiên hết hạn", "en": "Session expired"},
    "access.action_sessions_end": {"vi": "Kết thúc phiên đăng nhập", "en": "Sessions ended"},
    "access.action_user_add": {"vi": "Tạo tài khoản", "en": "Account created"},
    "access.action_user_password": {"vi": "Đổi mật khẩu", "en": "Password changed"},
    "access.action_user_role": {"vi": "Đổi vai trò", "en": "Role changed"},
    "access.action_user_small_counts": {"vi": "Đổi quyền xem số nhỏ", "en": "Small-count right changed"},
    "access.action_user_disable": {"vi": "Vô hiệu hóa tài khoản", "en": "Account disabled"},
    "access.action_user_enable": {"vi": "Kích hoạt lại tài khoản", "en": "Account enabled"},
    "access.detail_role": {"vi": "vai trò", "en": "role"},
    "access.detail_rows": {"vi": "số dòng", "en": "rows"},
    "access.detail_stored": {"vi": "đã lưu", "en": "stored"},
    "access.detail_replaced": {"vi": "thay thế", "en": "replaced"},
    "access.detail_errors": {"vi": "số lỗi", "en": "errors"},
    "access.detail_periods": {"vi": "các kỳ", "en": "periods"},
    "access.detail_period": {"vi": "kỳ", "en": "period"},
    "access.detail_theme": {"vi": "bản đồ", "en": "map"},
    "access.detail_format": {"vi": "định dạng", "en": "format"},
    "access.detail_districts": {"vi": "huyện", "en": "districts"},
    "access.detail_sessions": {"vi": "số phiên", "en": "sessions"},
    "access.detail_status": {"vi": "trạng thái", "en": "status"},
    "access.detail_value": {"vi": "giá trị", "en": "value"},
    "access.detail_version": {"vi": "danh mục", "en": "unit list"},
    "access.detail_kind": {"vi": "loại", "en": "kind"},
    "access.detail_reason": {"vi": "lý do", "en": "reason"},
    "access.detail_right": {"vi": "quyền cần có", "en": "right needed"},
    "access.detail_allowed": {"vi": "được xem số nhỏ", "en": "small counts allowed"},
    "access.detail_sees_small_counts": {"vi": "được xem số nhỏ", "en": "sees small counts"},
    "access.detail_yes": {"vi": "có", "en": "yes"},
    "access.detail_no": {"vi": "không", "en": "no"},
    "access.detail_none": {"vi": "không có", "en": "none"},
    # A role, as the sidebar and the Administration page name it
    "access.role_viewer": {"vi": "xem", "en": "viewer"},
    "access.role_planner": {"vi": "kế hoạch", "en": "planner"},
    "access.role_editor": {"vi": "nhập liệu", "en": "editor"},
    "access.role_admin": {"vi": "quản trị", "en": "admin"},
    # Refusals of a sign-in, an account change or an action (geo/access/accounts.py)
    "access.bad_login": {"vi": "Tên đăng nhập hoặc mật khẩu không đúng.", "en": "Wrong user name or password."},
    "access.wait": {"vi": "Đăng nhập sai nhiều lần. Vui lòng đợi {seconds} giây rồi thử lại.",
                    "en": "Too many failed logins. Wait {seconds} seconds and try again."},
    "access.locked": {"vi": "Tài khoản bị khóa tạm thời đến {until} do đăng nhập sai nhiều lần.",
                      "en": "The account is locked until {until} after repeated failed logins."},
    "access.disabled": {"vi": "Tài khoản đã bị vô hiệu hóa.", "en": "This account is disabled."},
    "access.bad_role": {"vi": "Vai trò không hợp lệ: {role}. Dùng một trong: {roles}.",
                        "en": "Invalid role: {role}. Use one of: {roles}."},
    "access.exists": {"vi": "Tài khoản {name} đã tồn tại.", "en": "Account {name} already exists."},
    "access.no_user": {"vi": "Không có tài khoản {name}.", "en": "No account named {name}."},
    "access.short": {"vi": "Mật khẩu phải có ít nhất {n} ký tự.",
                     "en": "The password must have at least {n} characters."},
    "access.sso_no_account": {
        "vi": "Chưa có tài khoản cho {email}. Liên hệ quản trị viên để được tạo tài khoản có tên đăng nhập là địa chỉ "
              "e-mail này.",
        "en": "There is no account for {email}. Ask an administrator for an account whose user name is this e-mail "
              "address.",
    },
    "access.sso_no_email": {"vi": "Nhà cung cấp đăng nhập một lần không cho biết địa chỉ e-mail đã xác minh.",
                            "en": "The single sign-on provider did not give a verified e-mail address."},
    "access.bad_name": {
        "vi": "Tên đăng nhập chỉ gồm chữ, số, dấu chấm, gạch dưới, gạch ngang hoặc @ (tối đa 100 ký tự).",
        "en": "A user name may only contain letters, digits, '.', '_', '-' or '@' (at most 100).",
    },
    "access.need_account": {
        "vi": "Thao tác này cần tên tài khoản của người thực hiện (--user TÊN), có quyền {right}. Không có gì thay "
              "đổi.",
        "en": "This action needs the account of the person doing it (--user NAME), with the right to {right}. Nothing "
              "was changed.",
    },
    "access.unknown_account": {"vi": "Không có tài khoản {name}. Không có gì thay đổi.",
                               "en": "No account named {name}. Nothing was changed."},
    "access.disabled_account": {"vi": "Tài khoản {name} đã bị vô hiệu hóa. Không có gì thay đổi.",
                                "en": "The account {name} is disabled. Nothing was changed."},
    "access.no_right": {
        "vi": "Tài khoản {name} (vai trò {role}) không có quyền {right}: cần vai trò {needed} trở lên. Không có gì "
              "thay đổi.",
        "en": "The account {name} (role {role}) may not {right}: the {needed} role or above is needed. Nothing was "
              "changed.",
    },
    # A right, as a refusal names it ("… không có quyền {right}")
    "access.right_view": {"vi": "xem bản đồ và bảng", "en": "view maps and tables"},
    "access.right_export": {"vi": "xuất bản đồ và báo cáo", "en": "export maps and reports"},
    "access.right_import": {"vi": "nhập số liệu", "en": "import records"},
    "access.right_admin": {"vi": "quản trị", "en": "administer"},
    # The audit trail's own errors (geo/access/audit.py)
    "access.audit.undone": {
        "vi": "Không ghi được nhật ký hoạt động vào cơ sở dữ liệu (chỉ đọc, đầy hoặc mất kết nối): thao tác đã bị "
              "hủy, không có gì thay đổi.",
        "en": "The audit line could not be written to the database (read-only, full or unreachable): the action was "
              "cancelled and nothing changed.",
    },
    "access.audit.unwritable": {
        "vi": "Không ghi được vào cơ sở dữ liệu (chỉ đọc, đầy hoặc mất kết nối): không có gì thay đổi.",
        "en": "The database could not be written (read-only, full or unreachable): nothing changed.",
    },
    "access.audit.missing": {
        "vi": "Không ghi được nhật ký hoạt động vào cơ sở dữ liệu (chỉ đọc, đầy hoặc mất kết nối).",
        "en": "The audit line could not be written to the database (read-only, full or unreachable).",
    },
}
