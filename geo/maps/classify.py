"""Choropleth classification: values in, class per commune out, no colours.

The classes are data (bins, a class index per row, labels, counts) so that the web map, the legend and a
printed export all read the same numbers. ``NA`` is "no data": it gets class ``-1`` and its own count and is
never put into a class.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Final, Literal

import mapclassify
import numpy as np
import pandas as pd

from geo.text import t

Scheme = Literal["quantiles", "natural_breaks", "equal_interval", "manual"]
SCHEMES: Final = ("quantiles", "natural_breaks", "equal_interval", "manual")
NO_DATA: Final = -1

DASH: Final = "–"  # en dash between the bounds of a class, with spaces: "0 – 2"


@dataclass(frozen=True)
class Classes:
    """The result of :func:`classify`.

    Attributes
    ----------
    bins
        Upper bound of each class (classes are ``(previous bound, bound]``, the first one closed).
    index
        Class per row of the input, same index; ``-1`` means no data.
    labels
        One label per class, e.g. ``"0 – 2"``; decimal point ``.`` (see :meth:`labels_for`).
    counts
        Number of rows in each class (a class may be empty with equal intervals or manual breaks).
    no_data_count
        Number of NA rows.
    scheme
        The scheme actually used: one of :data:`SCHEMES`, or ``"single"`` (one distinct value) or
        ``"none"`` (no value at all).
    k
        Number of classes actually produced (may be fewer than asked for).
    method
        A short English description, e.g. ``"quantiles, 5 classes"``.
    asked, distinct
        The number of classes asked for, and of distinct values classed (0 when not known).
    """

    bins: tuple[float, ...]
    index: pd.Series
    labels: tuple[str, ...]
    counts: tuple[int, ...]
    no_data_count: int
    scheme: str
    k: int
    method: str
    asked: int = 0
    distinct: int = 0

    def fewer_reason(self, lang: str = "vi") -> str | None:
        """Why fewer classes were drawn than asked for, in ``lang``; None when there are as many (or manual).

        Fewer distinct values than classes, or (quantiles) values so tied that several class bounds fall
        on the same value: "Yêu cầu 5 lớp nhưng chỉ chia được 2: …".
        """
        if self.scheme in ("manual", "none") or not self.asked or self.k >= self.asked:
            return None
        if self.distinct and self.distinct < self.asked:
            return t("maps.fewer_distinct", lang, asked=self.asked, k=self.k, n=self.distinct)
        return t("maps.fewer_ties", lang, asked=self.asked, k=self.k)

    def labels_for(self, lang: str = "vi") -> tuple[str, ...]:
        """Labels with the decimal separator of ``lang`` (Vietnamese writes ``0,25``)."""
        if lang != "vi":
            return self.labels
        return tuple(label.replace(".", ",") for label in self.labels)

    def method_for(self, lang: str = "vi") -> str:
        """The method note in ``lang``, e.g. ``"phân vị, 5 lớp"``."""
        name = t(f"maps.scheme_{self.scheme}", lang)
        if self.scheme == "none":
            return name
        return f"{name}, {self.k} {t('maps.class_one' if self.k == 1 else 'maps.class_many', lang)}"


def classify(
    values: pd.Series,
    scheme: Scheme = "quantiles",
    k: int = 5,
    breaks: list[float] | tuple[float, ...] | None = None,
) -> Classes:
    """Bin ``values`` into at most ``k`` classes with mapclassify; NA gets class -1.

    Parameters
    ----------
    values
        Numbers, nullable (``Int64``, ``Float64`` or float with NaN). Not modified.
    scheme
        ``"quantiles"`` (mapclassify ``Quantiles``), ``"natural_breaks"`` (``FisherJenks``: the exact,
        deterministic optimum; mapclassify's ``NaturalBreaks`` runs k-means from random seeds and can give
        different classes on each rerun of the page, so it is not used), ``"equal_interval"``
        (``EqualInterval``) or ``"manual"`` (``UserDefined`` with ``breaks``).
    k
        Number of classes asked for; fewer are produced when there are fewer distinct values.
    breaks
        Upper bounds for ``"manual"``, strictly increasing. A class up to the maximum is added when the
        data go above the last bound.

    Returns
    -------
    Classes

    Raises
    ------
    ValueError
        For an unknown scheme, ``k < 1``, or missing/unsorted manual breaks.
    """
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; use one of {SCHEMES}")
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    if scheme == "manual":
        if not breaks:
            raise ValueError("scheme 'manual' needs breaks, got none")
        if any(b >= a for b, a in zip(breaks[:-1], breaks[1:], strict=True)):
            raise ValueError(f"manual breaks must be strictly increasing, got {list(breaks)!r}")
    numeric = pd.to_numeric(values, errors="coerce").astype("Float64")
    valid_mask = numeric.notna().to_numpy(dtype=bool)
    valid = numeric[valid_mask].to_numpy(dtype=float)
    index = np.full(len(numeric), NO_DATA, dtype="int64")
    no_data = int((~valid_mask).sum())

    if valid.size == 0:
        return Classes((), pd.Series(index, index=values.index), (), (), no_data, "none", 0, "no data")
    integer = bool(np.all(np.mod(valid, 1) == 0))
    distinct = np.unique(valid)

    if scheme != "manual" and distinct.size == 1:
        bins = np.array([distinct[0]])
        yb = np.zeros(valid.size, dtype="int64")
        used = "single"
    else:
        bins, yb = _fit(valid, distinct, scheme, k, breaks)
        used = scheme
    index[valid_mask] = yb
    counts = tuple(int(n) for n in np.bincount(yb, minlength=len(bins)))
    labels = _labels(bins, float(valid.min()), integer)
    n = len(bins)
    method = "single value" if used == "single" else f"{scheme.replace('_', ' ')}, {n} classes"
    return Classes(
        tuple(float(b) for b in bins),
        pd.Series(index, index=values.index),
        labels,
        counts,
        no_data,
        used,
        n,
        method,
        k,
        int(distinct.size),
    )


def _fit(
    valid: np.ndarray,
    distinct: np.ndarray,
    scheme: str,
    k: int,
    breaks: list[float] | tuple[float, ...] | None,
) -> tuple[np.ndarray, np.ndarray]:
    """Run the mapclassify classifier; return (bins, class per valid value)."""
    k_eff = min(k, distinct.size)
    with warnings.catch_warnings():
        # "Numba not installed" (FisherJenks falls back to pure Python: ~1 s for 635 values) and
        # "Not enough unique values ... Setting k to 3" (handled below by reading the bins back).
        warnings.simplefilter("ignore", UserWarning)
        if scheme == "quantiles":
            fit = mapclassify.Quantiles(valid, k=k_eff)
        elif scheme == "natural_breaks":
            # FisherJenks raises when k > distinct values, hence k_eff.
            fit = mapclassify.FisherJenks(valid, k=k_eff)
        elif scheme == "equal_interval":
            fit = mapclassify.EqualInterval(valid, k=k_eff)
        else:
            fit = mapclassify.UserDefined(valid, bins=list(breaks or ()))
    # Quantiles drops duplicate bins on ties but keeps ``k`` as asked, so trust ``bins``, not ``k``.
    bins, yb = np.asarray(fit.bins, dtype=float), np.asarray(fit.yb, dtype="int64")
    if scheme == "quantiles":
        # Ties can still leave a class with no member (0, 0, 0, 0, 1, 5 -> bins 0, 0.33, 5): drop it, as
        # quantiles promise classes of data; equal intervals and manual breaks keep their empty classes.
        counts = np.bincount(yb, minlength=len(bins))
        keep = counts > 0
        yb = (np.cumsum(keep) - 1)[yb]
        bins = bins[keep]
    return bins, yb


def _labels(bins: np.ndarray, lowest: float, integer: bool) -> tuple[str, ...]:
    """Labels ``"lo – hi"`` per class; for whole numbers the classes do not overlap: ``0 – 2``, ``3 – 5``."""
    labels: list[str] = []
    for i, hi in enumerate(bins):
        if i == 0 and lowest > hi:  # manual breaks below every value: an empty first class
            labels.append(f"≤ {_fmt(hi, integer)}")
            continue
        if integer:
            lo_i = math.floor(lowest) if i == 0 else math.floor(bins[i - 1]) + 1
            hi_i = math.floor(hi)
            if lo_i <= hi_i:
                labels.append(str(hi_i) if lo_i == hi_i else f"{lo_i} {DASH} {hi_i}")
                continue
            # no whole number fits between two fractional bounds: fall through to the plain bounds
        lo = lowest if i == 0 else float(bins[i - 1])
        labels.append(_fmt(hi, integer) if lo == hi else f"{_fmt(lo, integer)} {DASH} {_fmt(hi, integer)}")
    return tuple(labels)


def _fmt(x: float, integer: bool = False) -> str:
    """A whole number as such; a ratio with 2 decimals, or 3 significant digits when tiny (0.004/km²)."""
    if integer and float(x).is_integer():
        return str(int(x))
    if x != 0 and abs(x) < 0.1:
        return f"{x:.3g}"
    return f"{x:.2f}"


def parse_breaks(text: str) -> list[float]:
    """Manual class breaks typed by a user: ``"1, 2, 5"``, or ``"0,5; 1,5"`` with decimal commas.

    With a ``;`` anywhere, ``;`` separates the breaks and ``,`` is a decimal comma (the Vietnamese
    convention); otherwise ``,`` or spaces separate them. Returns the distinct values in increasing order.

    Raises
    ------
    ValueError
        When a part is not a number or no break is given; the message names the part.
    """
    parts = text.split(";") if ";" in text else text.replace(",", " ").split()
    values = set()
    for part in (p.strip() for p in parts):
        if not part:
            continue
        try:
            value = float(part.replace(",", "."))
        except ValueError:
            raise ValueError(f"not a number: {part!r}") from None
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {part!r}")
        values.add(value)
    if not values:
        raise ValueError(f"no break in {text!r}")
    return sorted(values)
