"""Read a boundary file as it arrives from a land office: shapefile sets, GeoPackage, KML/KMZ, GeoJSON.

What is read here is only what the file says: its features, their attribute text decoded to Unicode, and its
coordinate reference system. Whether the features are right is :mod:`geo.boundaries.check`'s job.

- A shapefile set comes as loose files (``.shp`` ``.shx`` ``.dbf`` and usually ``.prj``, sometimes ``.cpg``)
  or zipped, under any names; several sets in one zip are offered as layers.
- DBF text: the ``.cpg`` code page when there is one, else UTF-8 if every value is valid UTF-8, else
  Windows-1258; then TCVN3 and VNI-Windows are tried on the same bytes (:mod:`geo.io.vn_legacy`) and kept when
  they read as Vietnamese and match the expected names better.
- A GeoPackage or a KML with several layers is refused until a layer is chosen.
"""

from __future__ import annotations

import shutil
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Final

import geopandas as gpd
import pandas as pd
import pyogrio

from geo.io import vn_legacy

MAX_UNZIPPED_BYTES: Final = 500 * 1024 * 1024  # zip-bomb guard for an uploaded archive
_SHAPE_PARTS: Final = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".qix")
_VECTOR_SUFFIXES: Final = (".shp", ".gpkg", ".kml", ".geojson", ".json")

# .cpg contents seen in the wild -> Python codec. ArcGIS writes "UTF-8" or a bare code page number.
_CPG_CODECS: Final = {
    "utf-8": "utf-8", "utf8": "utf-8", "65001": "utf-8",
    "1258": "cp1258", "cp1258": "cp1258", "ansi 1258": "cp1258", "windows-1258": "cp1258",
    "1252": "cp1252", "cp1252": "cp1252", "ansi 1252": "cp1252", "windows-1252": "cp1252",
    "88591": "latin-1", "8859-1": "latin-1", "iso-8859-1": "latin-1", "iso88591": "latin-1",
}  # fmt: skip


class SourceError(Exception):
    """A file that cannot be read as a boundary set; ``key`` and ``params`` name a message."""

    def __init__(self, key: str, choices: Sequence[str] = (), **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params
        self.layers = tuple(choices)  # the layers to choose from, when that is the problem


@dataclass
class Source:
    """The features of one layer of a boundary file, text decoded, geometry in the file's own CRS."""

    name: str  # the file name the user gave
    kind: str  # shapefile | gpkg | kml | geojson
    layer: str | None
    layers: tuple[str, ...]
    frame: gpd.GeoDataFrame  # as read; geometry in ``frame.crs`` (None when the file has no CRS)
    encoding: str | None  # the text encoding used (None: text was Unicode by format)
    declared_encoding: str | None  # what the file said (.cpg), if anything
    legacy: str | None = None  # "tcvn3" or "vni" when names were converted
    notes: list[str] = field(default_factory=list)


def stage(files: Sequence[tuple[str, bytes]], directory: Path) -> list[Path]:
    """Write uploaded ``(name, bytes)`` files into ``directory``, unpacking zips; return the written paths.

    Only the base name of each member is kept (no path in an archive can write outside ``directory``).
    """
    written: list[Path] = []
    for name, data in files:
        base = PurePosixPath(name.replace("\\", "/")).name
        if base.lower().endswith((".zip", ".kmz")):
            written.extend(_unzip(data, directory, kmz=base.lower().endswith(".kmz")))
        else:
            path = directory / base
            path.write_bytes(data)
            written.append(path)
    return written


def _unzip(data: bytes, directory: Path, *, kmz: bool) -> list[Path]:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise SourceError("bad_zip") from exc
    members = [m for m in archive.infolist() if not m.is_dir()]
    if sum(m.file_size for m in members) > MAX_UNZIPPED_BYTES:
        raise SourceError("zip_too_big", limit=MAX_UNZIPPED_BYTES // (1024 * 1024))
    out = []
    for member in members:
        base = PurePosixPath(member.filename.replace("\\", "/")).name
        if not base or base.startswith("."):  # __MACOSX/._x.shp and the like
            continue
        if kmz and base.lower().endswith(".kml"):
            base = base[:-4] + ".kml"
        path = directory / base
        with archive.open(member) as src, path.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        out.append(path)
    return out


def _datasets(paths: Iterable[Path]) -> list[Path]:
    """The readable datasets among ``paths`` (a .shp stands for its set)."""
    found = [p for p in paths if p.suffix.lower() in _VECTOR_SUFFIXES]
    return sorted(found, key=lambda p: p.name)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    return {".shp": "shapefile", ".gpkg": "gpkg", ".kml": "kml", ".geojson": "geojson", ".json": "geojson"}[suffix]


def _sibling(path: Path, suffix: str) -> Path | None:
    """The file of the same set with ``suffix``, whatever the case of its name (``X.SHP`` + ``x.dbf``)."""
    for p in path.parent.iterdir():
        if p.stem.lower() == path.stem.lower() and p.suffix.lower() == suffix:
            return p
    return None


def read_source(paths: Sequence[Path], name: str, *, layer: str | None = None,
                expected_names: Sequence[str] = ()) -> Source:
    """Read one layer of the boundary file made of ``paths`` (already staged in one directory).

    Parameters
    ----------
    paths
        The staged files (from :func:`stage`, or a file and its siblings on disk).
    name
        The file name to report.
    layer
        The layer to read; required when the file holds several.
    expected_names
        Unit names the text is expected to contain (any order): they decide between legacy encodings.

    Raises
    ------
    SourceError
        When no dataset is found, a layer must be chosen or does not exist, or GDAL cannot read the file.
    """
    datasets = _datasets(paths)
    if not datasets:
        raise SourceError("no_dataset", files=", ".join(sorted(p.name for p in paths)) or "-")
    shapefiles = [p for p in datasets if p.suffix.lower() == ".shp"]
    if shapefiles:  # a set of shapefiles: each is a layer
        by_layer = {p.stem: p for p in shapefiles}
        path = _choose(by_layer, layer)
        for part in (".shx", ".dbf"):
            if _sibling(path, part) is None:
                raise SourceError("shape_part_missing", layer=path.stem, part=part)
        return _read_shapefile(path, name, tuple(by_layer), expected_names)
    if len(datasets) > 1:
        by_layer = {p.name: p for p in datasets}
        path = _choose(by_layer, layer)
        layer = None
    else:
        path = datasets[0]
    kind = _kind(path)
    try:
        layers = tuple(str(row[0]) for row in pyogrio.list_layers(path))
    except Exception as exc:  # GDAL's errors are many classes; all mean "not readable"
        raise SourceError("unreadable", detail=str(exc).splitlines()[0][:200]) from exc
    if len(datasets) > 1:
        layers = tuple(p.name for p in datasets)
        chosen = None
    elif len(layers) > 1:
        chosen = _choose({x: x for x in layers}, layer)
    else:
        if layer is not None and layers and layer != layers[0]:
            raise SourceError("no_layer", layers, layer=layer, layers=", ".join(layers))
        chosen = layers[0] if layers else None
    frame = _read(path, layer=chosen)
    source = Source(name, kind, chosen, layers, frame, encoding=None, declared_encoding=None)
    _fix_legacy_text(source, expected_names, raw_codec="cp1252")
    return source


def _choose(by_layer: dict[str, Path] | dict[str, str], layer: str | None) -> Path | str:
    if layer is None:
        if len(by_layer) == 1:
            return next(iter(by_layer.values()))
        raise SourceError("choose_layer", by_layer, layers=", ".join(by_layer))
    if layer not in by_layer:
        raise SourceError("no_layer", by_layer, layer=layer, layers=", ".join(by_layer))
    return by_layer[layer]


def _read(path: Path, *, layer: str | None = None, **open_options: str) -> gpd.GeoDataFrame:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's notes on field names and the like
            return pyogrio.read_dataframe(path, layer=layer, **open_options)
    except Exception as exc:
        raise SourceError("unreadable", detail=str(exc).splitlines()[0][:200]) from exc


def _read_shapefile(path: Path, name: str, layers: tuple[str, ...], expected: Sequence[str]) -> Source:
    cpg = _sibling(path, ".cpg")
    declared = None
    if cpg is not None:
        text = cpg.read_bytes().decode("ascii", "replace").strip().casefold()
        declared = _CPG_CODECS.get(text)
    # Read every text byte as Latin-1 (one byte, one character, nothing lost), then decode it ourselves:
    # GDAL would otherwise guess from the DBF's language byte, which is 0 in most Vietnamese files. It must be
    # the driver's ENCODING open option: pyogrio's ``encoding=`` argument is overridden by a .cpg (pyogrio
    # 0.13, GDAL 3.12: with a "UTF-8" .cpg the text still came back decoded from UTF-8).
    frame = _read(path, ENCODING="ISO-8859-1")
    source = Source(name, "shapefile", path.stem, layers, frame, encoding=None, declared_encoding=declared)
    columns = _text_columns(frame)
    raw = {c: frame[c].map(lambda v: v.encode("latin-1") if isinstance(v, str) else v) for c in columns}
    values = [v for c in columns for v in raw[c] if isinstance(v, bytes)]
    if declared is not None:
        base = declared
    elif all(_is_utf8(v) for v in values):
        base = "utf-8"
    else:
        base = "cp1258"  # the Windows code page for Vietnamese: the usual ANSI choice on a Vietnamese PC
    for c in columns:
        frame[c] = raw[c].map(lambda v, enc=base: _safe_decode(v, enc) if isinstance(v, bytes) else v)
    source.encoding = base
    _fix_legacy_text(source, expected, raw_codec=None, raw=raw)
    return source


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _safe_decode(data: bytes, encoding: str) -> str:
    return unicodedata.normalize("NFC", data.decode(encoding, errors="replace")).strip()


def _text_columns(frame: pd.DataFrame) -> list[str]:
    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    return [c for c in frame.columns if c != geometry and frame[c].map(lambda v: isinstance(v, str)).any()]


def _fix_legacy_text(source: Source, expected: Sequence[str], *, raw_codec: str | None,
                     raw: dict[str, pd.Series] | None = None) -> None:
    """Convert TCVN3 / VNI-Windows text when it reads better that way; record which one in ``source.legacy``.

    ``raw`` holds each text column's bytes; without it the text is re-encoded with ``raw_codec`` (text that
    went through a Windows-1252 reader on its way into a KML or GeoJSON keeps its legacy bytes that way).
    """
    frame = source.frame
    columns = _text_columns(frame)
    if raw is None:
        raw = {}
        for c in columns:
            try:
                raw[c] = frame[c].map(lambda v: v.encode(raw_codec) if isinstance(v, str) else v)
            except UnicodeEncodeError:  # real Unicode beyond Windows-1252: not legacy text
                return
    values = [v for c in columns for v in raw[c] if isinstance(v, bytes) and any(b >= 0x80 for b in v)]
    if not values:
        return
    from geo.text.names import name_key

    wanted = {name_key(n) for n in expected}
    current = [v for c in columns for v in frame[c] if isinstance(v, str)]

    def score(texts: list[str]) -> tuple[int, float]:
        return sum(name_key(t) in wanted for t in texts), vn_legacy.vietnamese_score(texts)

    best, best_score = None, score(current)
    for enc in vn_legacy.ENCODINGS:
        decoded = [vn_legacy.decode(v, enc) for v in values]
        s = score(decoded)
        # Matching names decide; without names to match, a clearly better Vietnamese reading does.
        if s[0] > best_score[0] or (s[0] == best_score[0] and s[1] > best_score[1] + 0.2):
            best, best_score = enc, s
    if best is None:
        return
    for c in columns:
        frame[c] = raw[c].map(lambda v, enc=best: vn_legacy.decode(v, enc).strip() if isinstance(v, bytes) else v)
    source.legacy = best
    source.encoding = best
