"""File formats: what comes in (boundary files, VN-2000, legacy encodings) and tables that go out.

File formats: boundary files (shapefile sets, zips, GeoPackage, KML/KMZ, GeoJSON), VN-2000 to WGS 84, TCVN3 and
VNI-Windows text, and the CSV/XLSX tables written for people (formula neutralisation, the import template).

Imports: geo.contract, geo.text.
"""
