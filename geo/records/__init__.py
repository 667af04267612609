"""What the districts send, and how it is read, checked, stored and kept.

What the districts send, and how it is kept: readers of CSV/XLSX files, the validator, the store (import,
history, the unit version of a period as stored), the seeded illustrative records, backup and restore.

Imports: geo.contract, geo.periods, geo.clock, geo.problems, geo.database, geo.faults, geo.text, geo.access,
geo.boundaries.layer, geo.units.
"""
