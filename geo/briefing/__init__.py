"""The leadership briefing of a period and area: its content from the figures, then PDF and DOCX.

Imports: geo.contract, geo.periods, geo.clock, geo.text, geo.boundaries, geo.units, geo.records, geo.figures, geo.maps.
"""
