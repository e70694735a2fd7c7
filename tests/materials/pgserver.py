"""A throwaway PostgreSQL server for the materials-store tests.

:func:`start` runs ``initdb`` and ``pg_ctl start`` on a data directory in a new temporary
folder, listening on a free TCP port of 127.0.0.1 only (trust authentication, no password) and
on a Unix socket inside that folder, so a system PostgreSQL instance is never used or touched.
PostgreSQL refuses to run as root: as root (CI) the server runs as the unprivileged user
``nobody`` through ``runuser``. :meth:`Server.stop` stops it and removes the folder.

The tests that need it skip (never fail) when the PostgreSQL binaries or psycopg are missing;
see :func:`unavailable`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: The unprivileged account that runs the server when the tests run as root.
UNPRIVILEGED_USER = "nobody"
#: Settings for a fast throwaway server: no durability (the data is deleted afterwards).
_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "max_connections": "200",
    "shared_buffers": "32MB",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}
_HBA = "local all all trust\nhost all all 127.0.0.1/32 trust\n"


def bindir() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``: the one of ``initdb`` on
    PATH, else the newest ``/usr/lib/postgresql/*/bin``; None when there is none."""
    found = shutil.which("initdb")
    candidates = [Path(os.path.realpath(found)).parent] if found else []
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                           key=lambda p: int(Path(p).parent.name)
                                           if Path(p).parent.name.isdigit() else 0,
                                           reverse=True)]
    for folder in candidates:
        if all((folder / exe).is_file() for exe in ("initdb", "pg_ctl", "postgres")):
            return folder
    return None


def unavailable() -> str | None:
    """Why a PostgreSQL test server cannot be started here, or None when it can."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return 'psycopg is not installed (pip install "psycopg[binary]>=3.1,<4")'
    if bindir() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found"
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            return "running as root and runuser is missing (PostgreSQL refuses to run as root)"
        try:
            pwd.getpwnam(UNPRIVILEGED_USER)
        except KeyError:
            return f"running as root and there is no user {UNPRIVILEGED_USER!r} to run PostgreSQL"
    return None


def _parent_folder(as_root: bool) -> str:
    """Where the server's folder goes: the temporary directory, unless its path is long (the
    socket path must stay under 108 bytes) or, as root, ``nobody`` cannot reach it; then
    /tmp."""
    folder = Path(tempfile.gettempdir()).resolve()
    reachable = all(p.stat().st_mode & 0o001 for p in (folder, *folder.parents))
    return str(folder) if len(str(folder)) < 60 and (reachable or not as_root) else "/tmp"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running throwaway server; ``url(name)`` is the SQLAlchemy URL of database ``name``."""

    folder: Path
    port: int
    bin: Path
    prefix: list[str]
    env: dict[str, str]
    #: a database with the curated data loaded, copied for each test (set by the fixture)
    template: str = ""
    _count: int = field(default=0)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run one statement (CREATE/DROP DATABASE) on the maintenance database."""
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres",
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, template: str | None = None) -> str:
        """A new, empty database (or a copy of ``template``); returns its name."""
        self._count += 1
        name = f"solidcell_{os.getpid()}_{self._count}"
        self.admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        """Drop ``name``, closing connections still open on it."""
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and delete its folder."""
        try:
            subprocess.run([*self.prefix, str(self.bin / "pg_ctl"), "-D",
                            str(self.folder / "data"), "-m", "immediate", "-w", "stop"],
                           cwd=self.folder, env=self.env, capture_output=True, timeout=60,
                           check=False)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start(attempts: int = 3) -> Server:
    """Start a throwaway server (call :func:`unavailable` first). Raises RuntimeError with the
    server log when it does not start."""
    folder_bin = bindir()
    assert folder_bin is not None
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    prefix: list[str] = []
    as_root = os.geteuid() == 0
    folder = Path(tempfile.mkdtemp(prefix="solidcell-pg-", dir=_parent_folder(as_root)))
    if as_root:
        prefix = ["runuser", "-u", UNPRIVILEGED_USER, "--"]
        user = pwd.getpwnam(UNPRIVILEGED_USER)
        os.chown(folder, user.pw_uid, user.pw_gid)
    data, log = folder / "data", folder / "server.log"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*prefix, *args], cwd=folder, env=env, capture_output=True,
                              text=True, timeout=120, check=False)

    init = run(str(folder_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
               "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions")
    if init.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    (data / "pg_hba.conf").write_text(_HBA)  # 127.0.0.1 and the private socket only
    for _ in range(attempts):  # another process may take the free port before the server does
        port = _free_port()
        settings = {**_SETTINGS, "port": str(port), "unix_socket_directories": f"'{folder}'"}
        with open(data / "postgresql.conf", "a", encoding="utf-8") as conf:
            conf.write("".join(f"\n{k} = {v}" for k, v in settings.items()) + "\n")
        started = run(str(folder_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
                      "-t", "60", "start")
        if started.returncode == 0:
            return Server(folder=folder, port=port, bin=folder_bin, prefix=prefix, env=env)
    text = log.read_text(errors="replace")[-3000:] if log.exists() else ""
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start:\n{started.stdout}\n{started.stderr}\n{text}")


def user_rows(db: str) -> list[tuple]:
    """Every user row of the materials and properties tables, in a fixed order: what must not
    change after a refused write. ``db``: an SQLite file path or an SQLAlchemy URL."""
    import sqlalchemy as sa

    engine = sa.create_engine(db if "://" in db else f"sqlite:///{db}")
    try:
        with engine.connect() as conn:
            return [
                *map(tuple, conn.exec_driver_sql(
                    "SELECT id, payload FROM materials WHERE origin='user' ORDER BY id")),
                *map(tuple, conn.exec_driver_sql(
                    "SELECT material_id, payload FROM properties WHERE origin='user' "
                    "ORDER BY pk")),
            ]
    finally:
        engine.dispose()
