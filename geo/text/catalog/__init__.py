"""Every text a person reads, Vietnamese and English side by side, one module per screen or domain.

Each module holds ``TEXTS = {key: {"vi": …, "en": …}}`` whose keys start with the module's name
(``plan.form_title`` is in ``plan.py``), so that a key read in the code says where its text is. :data:`CATALOG`
merges them when the package is imported, and refuses a key defined twice, a key outside its module's name or
an entry without both languages (a typo there would otherwise show on screen as a missing text much later).
Texts are looked up with :func:`geo.text.t`; placeholders are ``str.format`` fields (``{period}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType, ModuleType
from typing import Final

from geo.text.catalog import (
    access,
    admin,
    app,
    border,
    boundaries,
    briefing,
    cli,
    common,
    commune,
    compare,
    conversions,
    data,
    districts,
    export,
    faults,
    field,
    hotspots,
    inspections,
    maps,
    overview,
    period_words,
    plan,
    records,
    sheets,
    signin,
    targets,
    trend,
    units,
    validation,
)

LANGS: Final = ("vi", "en")
MODULES: Final[tuple[ModuleType, ...]] = (
    app, common, field, commune, overview, targets, conversions, inspections, border, districts, data, export,
    admin, signin, access, boundaries, units, records, validation, plan, trend, briefing, maps, sheets, cli,
    period_words, faults, hotspots, compare,
)


class CatalogError(ValueError):
    """A catalog module breaks a rule of the catalog (the message names the module and the key)."""


def merge(modules: tuple[ModuleType, ...]) -> Mapping[str, Mapping[str, str]]:
    """The texts of ``modules`` in one read-only mapping.

    Raises
    ------
    CatalogError
        When a key is defined twice, does not start with its module's name, or an entry lacks a language
        (or has one that is not in :data:`LANGS`, or a text that is not a string).
    """
    merged: dict[str, Mapping[str, str]] = {}
    where: dict[str, str] = {}
    for module in modules:
        name = module.__name__.rsplit(".", 1)[-1]
        for key, entry in module.TEXTS.items():
            if key in merged:
                raise CatalogError(f"{key!r} is defined twice: in {where[key]}.py and {name}.py")
            if not key.startswith(f"{name}."):
                raise CatalogError(f"{key!r} is in {name}.py: its key must start with {name + '.'!r}")
            if tuple(sorted(entry)) != tuple(sorted(LANGS)) or not all(isinstance(v, str) for v in entry.values()):
                raise CatalogError(f"{name}.py, {key!r}: needs exactly a text for each of {LANGS}, has {entry!r}")
            merged[key] = MappingProxyType(dict(entry))
            where[key] = name
    return MappingProxyType(merged)


CATALOG: Final = merge(MODULES)
