"""Every figure of a period, computed once for every screen, sheet, export and command.

Every figure of a period: the summary (one function for the overview, the CLI, the sheets and the briefing),
the plan and its targets, plan items, the trend across periods, small-count privacy.

Imports: geo.contract, geo.periods, geo.database, geo.text, geo.access, geo.records, geo.units.
"""
