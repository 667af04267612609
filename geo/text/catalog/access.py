"""Accounts and their rights: refusals, roles, the audit trail's own errors (geo/access/)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
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
