"""The HTTP layer under ``st.App``: it never draws a page.

The HTTP layer under ``st.App``: sign-in and sign-out routes, single sign-on, the gate (sign-in required,
security headers, compression) and the health check. Never draws a page.
"""
