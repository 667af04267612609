"""Maps: themes, classes, the web map, print-ready sheets and exports.

Maps: the themes (classes, colours, legends), class breaks, the light web geometry, the offline Leaflet map,
print-ready sheets and the exports (HTML, CSV, XLSX, batch zip).

Imports: geo.contract, geo.periods, geo.clock, geo.text, geo.io, geo.access, geo.boundaries, geo.units, geo.records,
geo.figures.
"""
