"""Shared fixtures: the real commune layer (read once), temporary databases."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def communes_gdf():
    """The committed commune layer: 635 units (633 polygons, 2 points)."""
    from geo.boundaries import read_communes

    return read_communes()


@pytest.fixture(scope="session")
def communes(communes_gdf) -> pd.DataFrame:
    """The commune attributes without geometry."""
    return pd.DataFrame(communes_gdf.drop(columns="geometry"))


@pytest.fixture
def db_url(tmp_path) -> str:
    """An empty SQLite database of its own for each test."""
    return f"sqlite:///{tmp_path / 'test.sqlite'}"


@pytest.fixture
def engine(db_url):
    """An empty database with one planner account, ``an`` (password ``tests.util.PASSWORD``)."""
    from geo import auth
    from geo.store import get_engine
    from tests.util import PASSWORD

    e = get_engine(db_url)
    auth.add_user(e, "an", PASSWORD, "planner")
    return e


@pytest.fixture
def good_csv(tmp_path):
    """A district's small, valid file (``tests.util.GOOD_CSV``)."""
    from tests.util import GOOD_CSV

    path = tmp_path / "huyen.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    return path


@pytest.fixture
def bad_csv(tmp_path):
    """A file the validator rejects (``tests.util.BAD_CSV``)."""
    from tests.util import BAD_CSV

    path = tmp_path / "loi.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def illustrative_engine(tmp_path_factory):
    """A database seeded with the bundled illustrative records, shared by read-only tests."""
    from geo.store import get_engine

    return get_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'seeded.sqlite'}", seed=True)
