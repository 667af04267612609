"""Every figure of a period, computed once for every screen, sheet, export and command.

Every figure of a period: the summary (one function for the overview, the CLI, the sheets and the briefing),
the plan and its targets, plan items, the trend across periods, a commune's history, small-count privacy.

Imports: geo.contract, geo.periods, geo.clock, geo.database, geo.text, geo.access, geo.boundaries, geo.records,
geo.units.
"""
