"""The lines: communes, districts, the Laos border, a land office's files and their revisions.

The lines: the bundled commune layer and district outlines, the Laos border, a land office's boundary file
(its check and preview) and the revisions an admin activates.

``border`` (the Laos border line and the one measure of the border communes of any version) sits at the bottom;
``layer`` above it and below ``geo.units`` (which builds every version's layer from both); ``check``,
``revisions`` and ``preview`` sit above ``geo.units`` (they check and lay lines over a version's units).

Imports: geo.contract, geo.clock, geo.database, geo.problems, geo.text, geo.io, geo.access, geo.units.
"""
