import pandas as pd
import pytest

from geo.maps.classify import NO_DATA, classify


@pytest.fixture
def counts() -> pd.Series:
    """Eleven whole numbers 0..10 and one NA, indexed by commune code."""
    values = pd.array([*range(11), None], dtype="Int64")
    return pd.Series(values, index=[f"{i:05d}" for i in range(12)])


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_na_is_no_data_never_a_class(counts, scheme):
    c = classify(counts, scheme, k=5)
    assert c.index.iloc[-1] == NO_DATA
    assert c.no_data_count == 1
    assert (c.index.iloc[:-1] >= 0).all()
    assert sum(c.counts) + c.no_data_count == len(counts)
    assert len(c.labels) == len(c.bins) == len(c.counts) == c.k
    assert c.index.index.equals(counts.index)


def test_integer_labels_do_not_overlap(counts):
    c = classify(counts, "equal_interval", k=5)
    assert c.labels == ("0 – 2", "3 – 4", "5 – 6", "7 – 8", "9 – 10")


def test_all_na():
    c = classify(pd.Series([None, None], dtype="Int64"), "quantiles")
    assert c.k == 0 and c.labels == () and c.counts == ()
    assert c.no_data_count == 2
    assert c.index.tolist() == [NO_DATA, NO_DATA]
    assert c.method_for("en") == "no data"


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_single_value(scheme):
    c = classify(pd.Series([3, 3, None], dtype="Int64"), scheme)
    assert c.labels == ("3",)
    assert c.counts == (2,)
    assert c.index.tolist() == [0, 0, NO_DATA]


@pytest.mark.parametrize("scheme", ["quantiles", "natural_breaks", "equal_interval"])
def test_fewer_unique_values_than_k(scheme):
    c = classify(pd.Series([0, 0, 0, 0, 1, 5], dtype="Int64"), scheme, k=5)
    assert c.k <= 3
    assert sum(c.counts) == 6
    if scheme != "equal_interval":  # equal intervals keep their empty classes on purpose
        assert all(n > 0 for n in c.counts)


def test_quantile_ties_drop_empty_classes():
    c = classify(pd.Series([0, 0, 0, 0, 1, 5], dtype="Int64"), "quantiles", k=5)
    assert c.labels == ("0", "1 – 5")
    assert c.counts == (4, 2)


def test_manual_breaks_add_a_class_up_to_the_maximum():
    c = classify(pd.Series([0, 1, 2, 10, None], dtype="Int64"), "manual", breaks=[1, 5])
    assert c.bins == (1.0, 5.0, 10.0)
    assert c.counts == (2, 1, 1)
    assert c.labels == ("0 – 1", "2 – 5", "6 – 10")
    assert c.method_for("en") == "manual breaks, 3 classes"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"scheme": "manual"}, "needs breaks"),
        ({"scheme": "manual", "breaks": [5, 1]}, "strictly increasing"),
        ({"scheme": "jenks"}, "unknown scheme"),
        ({"k": 0}, "k must be at least 1"),
    ],
)
def test_bad_arguments_name_the_problem(counts, kwargs, message):
    with pytest.raises(ValueError, match=message):
        classify(counts, **kwargs)


def test_ratio_labels_two_decimals_and_vietnamese_comma():
    c = classify(pd.Series([0.25, 0.5, 1.5, 2.25, float("nan")]), "equal_interval", k=2)
    assert c.labels == ("0.25 – 1.25", "1.25 – 2.25")
    assert c.labels_for("vi") == ("0,25 – 1,25", "1,25 – 2,25")
    assert c.no_data_count == 1


def test_natural_breaks_is_deterministic_and_input_untouched():
    values = pd.Series([1, 2, 2, 3, 8, 9, 10, 30, 31, None], dtype="Int64")
    before = values.copy()
    a = classify(values, "natural_breaks", k=3)
    b = classify(values, "natural_breaks", k=3)
    assert a.bins == b.bins == (3.0, 10.0, 31.0)
    assert a.method_for("vi") == "ngắt tự nhiên (Fisher–Jenks), 3 lớp"
    pd.testing.assert_series_equal(values, before)


def test_fewer_classes_than_asked_say_why():
    few = classify(pd.Series([0, 0, 1, 1, 5], dtype="Int64"), "equal_interval", k=5)
    assert few.k == 3 and few.fewer_reason("vi") == "Yêu cầu 5 lớp nhưng chỉ chia được 3: số liệu chỉ có 3 giá trị " \
        "khác nhau."
    tied = classify(pd.Series([0] * 20 + [1, 2, 3, 4, 5, 6], dtype="Int64"), "quantiles", k=5)
    assert tied.k < 5 and "trùng nhau" in tied.fewer_reason("vi") and "coincide" in tied.fewer_reason("en")
    assert classify(pd.Series(range(20), dtype="Int64"), "quantiles", k=5).fewer_reason() is None
