"""A throwaway PostgreSQL server for the tests, from Debian's ``postgresql`` package.

The package's own cluster and service are not used: :class:`Server` runs ``initdb`` into a fresh
directory, starts ``postgres`` on 127.0.0.1 at a free port with trust authentication, and removes
everything when stopped. PostgreSQL refuses to run as root, so when the tests run as root the server
runs as the ``postgres`` system user the package creates.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

# Not UTC on purpose: a server in Vietnam may well be set to local time, and the app must not care.
SERVER_TIMEZONE = "Asia/Ho_Chi_Minh"


def find_bindir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<version>/bin`` that has ``initdb``, or None."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    if not found:
        return None
    return max(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One PostgreSQL server in a temporary directory. Use :meth:`start`, :meth:`new_database`, :meth:`stop`."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_postgres = os.geteuid() == 0
        # Not under pytest's tmp dir: its parents are private to root, and the server runs as postgres.
        self.root = Path(tempfile.mkdtemp(prefix="geo-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.port = 0
        self._names = itertools.count(1)

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        done = subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=120, cwd=self.root)
        if done.returncode:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}{log}")
        return done

    def start(self) -> str:
        """Initialise and start the server; return the URL of its ``postgres`` database."""
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        self.port = _free_port()
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c timezone={SERVER_TIMEZONE} "
                   f"-c max_connections=200")
        self._run(str(self.bindir / "pg_ctl"), "start", "-D", str(self.data), "-l", str(self.log), "-w",
                  "-t", "60", "-o", options)
        return self.url("postgres")

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        """Run one statement on the ``postgres`` database, outside a transaction (CREATE/DROP DATABASE)."""
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self) -> str:
        """Create an empty database of its own (for one test) and return its URL."""
        name = f"t{next(self._names)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`new_database`, ending the connections still open on it.

        Tests open engines and leave them to the garbage collector: without this, their pooled connections
        would pile up towards ``max_connections`` over a session.
        """
        from sqlalchemy.engine import make_url

        self._admin(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", "-w")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
