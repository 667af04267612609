import unicodedata

import pandas as pd
import pytest

from geo.text.names import fold, name_key, strip_prefix
from tests.util import SHARED_DATA, require


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Xã Thiệu Hoà", "Thiệu Hòa"),  # old vs new tone placement
        ("Xã Cẩm Thuỷ", "Cẩm Thủy"),
        ("xã  thiệu   hòa ", "THIỆU HÒA"),  # case and spaces
        ("Phường Hàm Rồng", "Hàm Rồng"),
        ("P. Hàm Rồng", "Hàm Rồng"),
        ("P.Hàm Rồng", "Hàm Rồng"),
        ("X. Quảng Phú", "Quảng Phú"),
        ("Thị trấn Lam Sơn", "Lam Sơn"),
        ("Thị Trấn Lam Sơn", "Lam Sơn"),
        ("TT Lam Sơn", "Lam Sơn"),
        ("TT. Lam Sơn", "Lam Sơn"),
        ("TT.Lam Sơn", "Lam Sơn"),
        ("Huyện Thọ Xuân", "Thọ Xuân"),
        ("Thành phố Thanh Hóa", "Thanh Hoá"),
        ("TP Thanh Hóa", "Thanh Hóa"),
        ("TP. Thanh Hóa", "Thanh Hóa"),
        ("Thị xã Bỉm Sơn", "Bỉm Sơn"),
        ("TX Bỉm Sơn", "Bỉm Sơn"),
        ("TX. Bỉm Sơn", "Bỉm Sơn"),
        (unicodedata.normalize("NFD", "Xã Quảng Chiểu"), "Quảng Chiểu"),  # NFD input
        ("Quý Lộc", "Xã Quí Lộc"),  # the old and new spelling of i/y after q (the GSO list writes "Quí")
        ("Hoằng Quì", "Hoằng Quỳ"),
    ],
)
def test_name_key_equates_the_ways_staff_write_a_name(written, official):
    assert name_key(written) == name_key(official)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hoằng Quý", "Hoằng Quỳ"),  # two communes of Hoằng Hóa: i/y spellings meet, tones still differ
        ("Thạch Sơn", "Thành Sơn"),
        ("Quảng Phú", "Quang Phú"),  # tones matter for name_key
        ("Xuân Hòa", "Xuân Hóa"),
    ],
)
def test_name_key_keeps_different_names_apart(a, b):
    assert name_key(a) != name_key(b)


def test_name_key_keeps_a_bare_prefix_word_and_words_starting_like_a_prefix():
    assert name_key("Xã") == name_key("xã") != ""
    assert name_key("Xá Lợi") != name_key("Lợi")
    assert name_key("Tân Phúc") == name_key("Xã Tân Phúc")


def test_strip_prefix_loose_recognises_prefixes_without_diacritics():
    assert strip_prefix("Xa Quang Chieu", loose=True) == "quang chieu"
    assert strip_prefix("Xa Quang Chieu") == "xa quang chieu"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Quang Chiểu", "quang chieu"),
        ("  Đông   Sơn ", "dong son"),
        ("ĐỊNH HẢI", "dinh hai"),
        (unicodedata.normalize("NFD", "Mường Lát"), "muong lat"),
        ("Thiệu Hoà", "thieu hoa"),
    ],
)
def test_fold_drops_all_diacritics(text, folded):
    assert fold(text) == folded


def test_every_gso_district_has_a_distinct_key_and_communes_are_unique_within_district():
    require(SHARED_DATA / "gso_thanhhoa_2019.csv")
    gso = pd.read_csv(SHARED_DATA / "gso_thanhhoa_2019.csv", dtype=str)
    districts = gso.drop_duplicates("district_code")
    assert districts["district_name"].map(name_key).is_unique
    keys = gso.assign(k=gso["commune_name"].map(name_key))
    assert not keys.duplicated(["district_code", "k"]).any()


def test_without_prefix_keeps_the_name_as_written():
    from geo.text.names import without_prefix

    assert without_prefix("Huyện Mường Lát") == "Mường Lát"
    assert without_prefix("Thị xã  Bỉm Sơn") == "Bỉm Sơn"  # "thị xã" wins over "xã"
    assert without_prefix("P.Hàm Rồng") == "Hàm Rồng"
    assert without_prefix("Xã") == "Xã"  # nothing would be left
