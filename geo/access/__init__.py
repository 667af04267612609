"""Who may do what: accounts and roles, login throttling, server-side sessions, and the audit trail.

Imports: geo.clock, geo.database, geo.faults, geo.periods, geo.text.
"""
