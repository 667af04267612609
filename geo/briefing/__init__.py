"""The leadership briefing of a period and area: its content from the figures, then PDF and DOCX.

``content`` gathers what the briefing says, ``pdf`` and ``docx`` lay it out, ``document`` makes the file for an
account and audits it (what the command line and the Export page call).

Imports: geo.contract, geo.periods, geo.clock, geo.text, geo.access, geo.boundaries, geo.units, geo.records,
geo.figures, geo.maps.
"""
