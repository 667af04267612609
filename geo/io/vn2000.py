"""VN-2000 to WGS 84 with the official seven-parameter shift, whatever projection the file uses.

VN-2000 (EPSG:4756) sits on the WGS 84 ellipsoid but not on its datum: reprojecting a VN-2000 grid with the
projection alone (the "ballpark" path, what a tool does when it does not know the datum) puts every line
about 220 m off in Thanh Hóa. The official shift is the Helmert transformation of Decision 05/2007/QĐ-BTNMT,
EPSG:6960 "VN-2000 to WGS 84 (2)" (dX −191.90441429 m, dY −39.30318279 m, dZ −111.45032835 m, rX −0.00928836″,
rY 0.01975479″, rZ −0.00427372″, scale +0.252906278 ppm, coordinate frame). pyproj lists an older set too
(EPSG:5194, "(1)", about 1 m apart); this module always takes EPSG:6960, by its code, so that a PROJ upgrade
that reorders its candidates cannot change the result silently.

Grids the province's offices use: geographic VN-2000 (EPSG:4756), UTM zone 48N (EPSG:3405) and the provincial
3° TM zone of Thanh Hóa, central meridian 105°, k = 0.9999 (EPSG:5897, "VN-2000 / TM-3 zone 482").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.transformer import TransformerGroup

VN2000: Final = CRS.from_epsg(4756)
WGS84: Final = CRS.from_epsg(4326)
OFFICIAL_SHIFT: Final = "EPSG:6960"
UTM48N: Final = "EPSG:3405"
TM3_105: Final = "EPSG:5897"  # VN-2000 / TM-3 zone 482: the provincial zone of Thanh Hóa (central meridian 105°)

_VN2000_DATUM_NAMES: Final = ("vietnam 2000", "vn-2000", "vn_2000", "vn2000", "vietnam_2000", "d_vietnam_2000")


def is_vn2000(crs: CRS) -> bool:
    """True when ``crs`` is on the VN-2000 datum (by EPSG code or by datum name, as Esri ``.prj`` files say)."""
    base = crs.source_crs if crs.is_bound else crs
    geodetic = base.geodetic_crs
    if geodetic is None:
        return False
    if geodetic.to_epsg(min_confidence=90) == 4756:
        return True
    name = (geodetic.datum.name if geodetic.datum else "").casefold()
    return any(n in name for n in _VN2000_DATUM_NAMES)


def _official() -> Transformer:
    group = TransformerGroup(VN2000, WGS84, always_xy=True)
    for transformer in group.transformers:
        ids = {f"{op.to_json_dict().get('id', {}).get('authority')}:{op.to_json_dict().get('id', {}).get('code')}"
               for op in transformer.operations}
        if OFFICIAL_SHIFT in ids:
            return transformer
    raise RuntimeError(f"PROJ has no {OFFICIAL_SHIFT} (VN-2000 to WGS 84); check the pyproj installation")


_OFFICIAL: Final = _official()


def official_shift() -> Transformer:
    """The official VN-2000 → WGS 84 transformer (EPSG:6960), lon/lat order."""
    return _OFFICIAL


def to_wgs84_function(crs: CRS) -> tuple[Callable[[np.ndarray], np.ndarray], str]:
    """A coordinate function from ``crs`` to WGS 84 lon/lat (for :func:`shapely.transform`) and its description.

    VN-2000 grids are first unprojected on VN-2000 itself (no datum change), then shifted with EPSG:6960.
    """
    steps: list[Transformer] = []
    base = crs.source_crs if crs.is_bound else crs
    if is_vn2000(crs):
        if not base.equals(VN2000, ignore_axis_order=True):
            steps.append(Transformer.from_crs(base, VN2000, always_xy=True))
        steps.append(_OFFICIAL)
        description = f"{base.name} → VN-2000 → WGS 84 ({OFFICIAL_SHIFT}, 7 tham số / 7 parameters)"
    else:
        steps.append(Transformer.from_crs(crs, WGS84, always_xy=True))
        description = f"{crs.name} → WGS 84 ({steps[0].description})"

    def apply(coords: np.ndarray) -> np.ndarray:
        n = len(coords)
        # pyproj 3.7 takes a one-element array for a scalar (and numpy warns); pad it to two and cut back.
        x, y = (np.repeat(coords[:, i], 2) if n == 1 else coords[:, i] for i in (0, 1))
        for step in steps:
            x, y = step.transform(x, y, errcheck=False)
        return np.column_stack([x, y])[:n]

    return apply, description


def transform(geoms: np.ndarray | shapely.Geometry, crs: CRS) -> np.ndarray | shapely.Geometry:
    """Geometries (2D) from ``crs`` to WGS 84."""
    fn, _ = to_wgs84_function(crs)
    return shapely.transform(shapely.force_2d(geoms), fn)


def parse_crs(text: str) -> CRS:
    """A CRS the user names: ``3405``, ``EPSG:3405``, ``5897`` or any PROJ/WKT string. Raises pyproj's CRSError."""
    text = str(text).strip()
    return CRS.from_epsg(int(text)) if text.isdigit() else CRS.from_user_input(text)
