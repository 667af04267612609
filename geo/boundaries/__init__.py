"""The lines: communes, districts, the Laos border, a land office's files and their revisions.

The lines: the bundled commune layer and district outlines, the Laos border, a land office's boundary file
(its check and preview) and the revisions an admin activates.

``layer`` sits below ``geo.units`` (which builds every version's layer from it); ``check``, ``revisions`` and
``preview`` sit above it (they check and lay lines over a version's units).

Imports: geo.contract, geo.clock, geo.database, geo.problems, geo.text, geo.io, geo.access, geo.units.
"""
