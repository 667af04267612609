"""The sign-in page (web/server.py) and the account's own controls in the sidebar (dashboard/access.py)."""

from __future__ import annotations

from typing import Final

TEXTS: Final[dict[str, dict[str, str]]] = {
    "signin.login_title": {"vi": "Đăng nhập", "en": "Sign in"},
    "signin.password": {"vi": "Mật khẩu", "en": "Password"},
    "signin.login": {"vi": "Đăng nhập", "en": "Sign in"},
    "signin.logout": {"vi": "Đăng xuất", "en": "Sign out"},
    "signin.sso_login": {"vi": "Đăng nhập một lần (SSO)", "en": "Single sign-on"},
    "signin.sso_other": {"vi": "hoặc", "en": "or"},
    "signin.login_hint": {
        "vi": "Dữ liệu nhạy cảm: chỉ người có tài khoản mới xem được. Mọi lần đăng nhập đều được ghi nhật ký.",
        "en": "Sensitive data: only account holders may see it. Every sign-in is logged.",
    },
    "signin.session_expired": {"vi": "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
                               "en": "Your session has expired. Please sign in again."},
    "signin.signed_out_notice": {
        "vi": "Phiên làm việc đã kết thúc (đăng xuất, hoặc quản trị viên đã kết thúc phiên). Vui lòng đăng nhập lại.",
        "en": "This session has ended (signed out, or ended by an administrator). Please sign in again.",
    },
    "signin.change_password": {"vi": "Đổi mật khẩu", "en": "Change password"},
    "signin.must_change_password": {
        "vi": "Mật khẩu hiện tại là mật khẩu dùng một lần. Hãy đặt mật khẩu mới (ít nhất 10 ký tự).",
        "en": "Your current password is a one-time password. Set a new one (at least 10 characters).",
    },
    "signin.new_password": {"vi": "Mật khẩu mới", "en": "New password"},
    "signin.repeat_password": {"vi": "Nhập lại mật khẩu mới", "en": "Repeat the new password"},
    "signin.passwords_differ": {"vi": "Hai mật khẩu không khớp.", "en": "The two passwords differ."},
    "signin.save": {"vi": "Lưu", "en": "Save"},
    "signin.signed_in_as": {"vi": "Đăng nhập: **{name}** ({role})", "en": "Signed in: **{name}** ({role})"},
    # The sign-in page's own notices (web/server.py)
    "signin.csrf": {"vi": "Biểu mẫu đăng nhập đã cũ. Vui lòng nhập lại.",
                    "en": "The sign-in form was out of date. Please enter your details again."},
    "signin.signed_out": {"vi": "Bạn đã đăng xuất.", "en": "You are signed out."},
    "signin.other_lang": {"vi": "English", "en": "Tiếng Việt"},
    "signin.sso_failed": {"vi": "Đăng nhập một lần không thành công ({reason}). Vui lòng thử lại hoặc dùng mật khẩu.",
                          "en": "Single sign-on did not succeed ({reason}). Try again or use your password."},
}
