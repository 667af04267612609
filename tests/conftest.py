"""Shared fixtures: the real commune layer (read once), temporary databases on SQLite and PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest

from tests import pg

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def communes_gdf():
    """The committed commune layer: 635 units (633 polygons, 2 points)."""
    from geo.boundaries.layer import read_communes

    return read_communes()


@pytest.fixture(scope="session")
def communes(communes_gdf) -> pd.DataFrame:
    """The commune attributes without geometry."""
    return pd.DataFrame(communes_gdf.drop(columns="geometry"))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.Server]:
    """A PostgreSQL server of the test session's own (``tests/pg.py``), stopped and deleted at the end.

    Started by the first test that needs it, so ``-m "not postgres"`` never starts it. Without PostgreSQL's
    binaries those tests are skipped, except under CI (``CI`` set), where that is a failure.
    """
    bindir = pg.find_bindir()
    if bindir is None:
        reason = "PostgreSQL is not installed (/usr/lib/postgresql/*/bin/initdb); `make postgres-deps` installs it"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = pg.Server(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path) -> Iterator[str]:
    """The URL of an empty database of the test's own: the test runs once on SQLite, once on PostgreSQL.

    Every test that stores something asks for ``db`` (or ``engine``), so that it holds on both databases
    without being listed anywhere. SQLite: a new file in the test's folder. PostgreSQL (marked ``postgres``):
    a new database on the session's server, dropped afterwards (``CREATE DATABASE`` and ``DROP DATABASE``: a
    third of a second together here; a schema reset would save little and share state between tests).
    A module restricts its tests to one kind with ``pytest.mark.parametrize("db", ["postgresql"],
    indirect=True)`` (``tests/geo/test_postgres.py``).
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite'}"
        return
    server = request.getfixturevalue("pg_server")
    url = server.new_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def another_db(db, request, tmp_path) -> Iterator[Callable[[], str]]:
    """A function that makes further empty databases of the same kind as ``db`` (to restore a backup into)."""
    made: list[str] = []

    def make() -> str:
        if db.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'another-{len(made) + 1}.sqlite'}"
        else:
            url = request.getfixturevalue("pg_server").new_database()
        made.append(url)
        return url

    yield make
    if not db.startswith("sqlite"):
        for url in made:
            request.getfixturevalue("pg_server").drop_database(url)


@pytest.fixture
def engine(db):
    """An empty database (``db``: SQLite, then PostgreSQL) with one planner account, ``an``.

    The password is ``tests.util.PASSWORD``.
    """
    from geo.access import accounts
    from geo.records.store import get_engine
    from tests.util import PASSWORD

    e = get_engine(db)
    accounts.add_user(e, "an", PASSWORD, "planner")
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
    from geo.records.store import get_engine

    return get_engine(f"sqlite:///{tmp_path_factory.mktemp('db') / 'seeded.sqlite'}", seed=True)


@pytest.fixture
def app_as(monkeypatch, tmp_path):
    """Open the app (AppTest) on a seeded database of its own as one of its accounts (every role exists)."""
    from unittest.mock import patch

    import streamlit as st
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from dashboard import access
    from dashboard.components import page
    from geo.access import accounts, sessions
    from geo.records.store import get_engine

    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    engine = get_engine(url, seed=True)
    for role in accounts.ROLES:
        accounts.add_user(engine, role, "correct horse battery", role)
    monkeypatch.setenv("GEO_DB_URL", url)
    before = config.get_option("runner.enforceSerializableSessionState")
    config.set_option("runner.enforceSerializableSessionState", False)  # AppTest's own state (see test_app.py)
    patcher = patch("dashboard.components.mapframe.show", return_value=None)
    patcher.start()

    def open_as(username: str) -> AppTest:
        st.cache_data.clear()
        st.cache_resource.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        # AppTest sends no cookie: the session token goes where access.py looks for it in tests
        at.session_state[access.TEST_TOKEN_KEY] = sessions.open_session(engine, accounts.get_user(engine, username))
        # AppTest cannot run the map's frame, whose answer ends a session's map-first run (page.map_first): these
        # sessions start as after it; tests/dashboard/test_app.py tests that run itself.
        at.session_state[page.MAP_FIRST_DONE] = True
        at.engine = engine
        return at

    yield open_as
    patcher.stop()
    config.set_option("runner.enforceSerializableSessionState", before)
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def moved_file(tmp_path, communes_gdf):
    """Hàm Rồng and Đông Thọ redrawn in VN-2000 / UTM 48N (a shapefile): Hàm Rồng 20 m smaller all round."""
    import warnings

    from geo.io import vn2000

    sub = communes_gdf[communes_gdf["commune_code"].isin(["14755", "14758"])].to_crs(vn2000.UTM48N)
    sub = sub.rename(columns={"commune_code": "MaXa", "commune_name": "TenXa"})[["MaXa", "TenXa", "geometry"]]
    sub.loc[sub["MaXa"] == "14755", "geometry"] = sub.loc[sub["MaXa"] == "14755", "geometry"].buffer(-20)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # GDAL's note that field names are cut to 10 characters
        sub.to_file(tmp_path / "ham_rong.shp")
    return tmp_path / "ham_rong.shp"
