"""Matching keys for Vietnamese commune and district names.

District staff write the same place in many ways: with or without the unit prefix ("Xã", "TT.", "TP"),
in NFC or NFD, in any case, and with the old or the new tone-mark placement ("Hoà" / "Hòa",
"Thuỷ" / "Thủy"), and the old or the new spelling of i / y after q ("Quí Lộc" / "Quý Lộc", "Hoằng Quì" /
"Hoằng Quỳ": the GSO list itself still writes "Xã Quí Lộc"). :func:`name_key` maps all of these to one
key; :func:`fold` drops every diacritic for loose search ("Quang Chiểu" -> "quang chieu").
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    import pandas as pd

# The five Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters. Vowel marks
# (circumflex, breve, horn) are kept in the key: they change the letter, not the tone.
_TONES: Final = {"\u0300": "2", "\u0301": "1", "\u0303": "4", "\u0309": "3", "\u0323": "5"}

# Unit prefixes, as casefolded word tuples, longest first so "thị xã" wins over "xã".
_PREFIXES: Final = tuple(
    sorted(
        (
            tuple(unicodedata.normalize("NFC", p).split())
            for p in (
                "thành phố",
                "thị trấn",
                "thị xã",
                "phường",
                "huyện",
                "xã",
                "tp.",
                "tp",
                "tt.",
                "tt",
                "tx.",
                "tx",
                "p.",
                "x.",
            )
        ),
        key=len,
        reverse=True,
    )
)
# Abbreviations that may be glued to the name: "TT.Rừng Thông", "P.Hàm Rồng".
_DOTTED: Final = ("tp.", "tt.", "tx.", "p.", "x.")


def nfc_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text column in Unicode NFC and stripped of outer spaces."""
    from pandas.api.types import is_string_dtype

    out = frame.copy()
    for col in out.columns:
        if is_string_dtype(out[col]):
            out[col] = out[col].map(lambda s: unicodedata.normalize("NFC", s).strip() if isinstance(s, str) else s)
    return out


def _words(text: str) -> list[str]:
    """NFC, casefolded, whitespace-split words of ``text``."""
    return unicodedata.normalize("NFC", str(text)).casefold().split()


def _strip_words(words: list[str], *, loose: bool) -> list[str]:
    """Drop a leading unit prefix from ``words`` when something is left after it."""
    if words:
        first = words[0]
        for dotted in _DOTTED:
            if first.startswith(dotted) and len(first) > len(dotted):
                return [first[len(dotted) :], *words[1:]]
    cmp = [fold(w) for w in words] if loose else words
    for prefix in _PREFIXES:
        p = [fold(w) for w in prefix] if loose else list(prefix)
        if len(cmp) > len(p) and cmp[: len(p)] == p:
            return words[len(p) :]
    return words


def strip_prefix(name: str, *, loose: bool = False) -> str:
    """Return ``name`` (NFC, casefolded, spaces collapsed) without its unit prefix.

    With ``loose=True`` prefixes are also recognised without diacritics ("Xa Quang Chau").
    """
    return " ".join(_strip_words(_words(name), loose=loose))


def without_prefix(name: str) -> str:
    """``name`` as written (NFC), without its unit prefix: "Huyện Mường Lát" -> "Mường Lát"."""
    words = unicodedata.normalize("NFC", str(name)).split()
    kept = _strip_words([w.casefold() for w in words], loose=False)
    if len(kept) == len(words) and kept and kept[0] != words[0].casefold():  # glued: "P.Hàm Rồng"
        return " ".join([words[0][len(words[0]) - len(kept[0]):], *words[1:]])
    return " ".join(words[len(words) - len(kept):])


def _qu_y(bare: str) -> str:
    """The new spelling of a syllable without its tone: "qui" is written "quy" (the same sound)."""
    return "quy" if bare == "qui" else bare


def _syllable_key(syllable: str, *, variants: bool = True) -> str:
    """One syllable without its tone mark, followed by the tone as a digit token (if any).

    With ``variants``, the old spelling "qui" reads as "quy" (tone kept: "Quí" == "Quý", "Quì" == "Quỳ").
    """
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    bare = unicodedata.normalize("NFC", "".join(kept))
    return (_qu_y(bare) if variants else bare) + tone


def name_key(name: str) -> str:
    """Return the matching key of a commune or district name.

    NFC, casefolded, whitespace collapsed, the unit prefix ("Xã", "Phường", "Thị trấn", "TT.", "Huyện",
    "Thành phố", "TP", "Thị xã", "TX", ...) stripped, and independent of where the tone mark sits
    ("Hoà" == "Hòa", "Thuỷ" == "Thủy").

    Examples
    --------
    >>> name_key("Xã  Thiệu Hoà") == name_key("thiệu hòa")
    True
    >>> name_key("Quí Lộc") == name_key("Xã Quý Lộc"), name_key("Hoằng Quỳ") == name_key("Hoằng Quý")
    (True, False)
    """
    if name is None:
        return ""
    return " ".join(_syllable_key(w) for w in _strip_words(_words(name), loose=False))


def by_spelling_variant(name: str, other: str) -> bool:
    """True when two names match only through the old / new spelling of i / y after q ("Quí" / "Quý").

    The validator says so in a warning: the match is right, but the user should know how it was made.
    """
    def strict(text: str) -> str:
        return " ".join(_syllable_key(w, variants=False) for w in _strip_words(_words(text), loose=False))

    return name_key(name) == name_key(other) and strict(name) != strict(other)


def fold(text: str) -> str:
    """Return a search key without any diacritics: đ -> d, lowercase, spaces collapsed, "qui" as "quy".

    >>> fold("  Quang  Chiểu ")
    'quang chieu'
    """
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFD", str(text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return " ".join(_qu_y(w) for w in bare.casefold().split())
