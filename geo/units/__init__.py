"""The province's unit lists over time and the links between them.

The province's unit lists over time (635 units in 2019, 559 from December 2019, 166 from July 2025): which
version a period uses, the units and boundaries of each version, the links between versions (official, derived,
corrected), re-expression of records across a change, the build of the versions and an admin's corrections.

Imports: geo.contract, geo.periods, geo.problems, geo.text, geo.access, geo.boundaries.border, geo.boundaries.layer.
"""
