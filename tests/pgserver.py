"""A throwaway PostgreSQL server for the tests and benchmarks (Debian's ``postgresql`` package).

``initdb`` into a temporary folder, then ``postgres`` on a free port, listening only on the loopback
address and a unix socket inside that folder. ``initdb`` and the server refuse to run as root, so
as root (CI) both run as the ``postgres`` system user through ``runuser``. The superuser
``postgres`` has a password (for the loopback TCP port, scram-sha-256); the unix socket trusts
local users, which is what the role tests use to log in as each role.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


class ServerUnavailable(RuntimeError):
    pass


def _bindir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name) if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise ServerUnavailable("PostgreSQL is not installed (Debian: apt-get install postgresql; 'make test' does it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    """Start with ``start()``, stop with ``stop()`` (the folder is removed)."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.log = self.root / "server.log"
        self.port = _free_port()
        self.password = secrets.token_hex(12)
        self.host = "127.0.0.1"
        self._as_postgres = os.geteuid() == 0
        self._counter = 0

    def _run(self, *cmd: str, **kwargs) -> subprocess.CompletedProcess:
        argv = [str(self.bindir / cmd[0]), *cmd[1:]]
        if self._as_postgres:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        return subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs)

    def start(self) -> "PgServer":
        self.socket_dir.mkdir()
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self._as_postgres:
            user = pwd.getpwnam("postgres")
            for path in (self.root, self.socket_dir, pwfile):
                os.chown(path, user.pw_uid, user.pw_gid)
        os.chmod(self.root, 0o700)
        try:
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--pwfile", str(pwfile), "-E", "UTF8",
                      "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync")
        except subprocess.CalledProcessError as exc:
            raise ServerUnavailable(f"initdb failed: {exc.stderr.strip()}") from None
        pwfile.unlink()
        options = (f"-c listen_addresses={self.host} -c port={self.port} -c unix_socket_directories={self.socket_dir} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=120 "
                   "-c shared_buffers=64MB")
        self._options = options
        self._start_server()
        return self

    def _start_server(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", self._options,
                      "start")
        except subprocess.CalledProcessError as exc:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise ServerUnavailable(f"the test PostgreSQL did not start: {exc.stderr.strip()} {log[-2000:]}") from None

    def pause(self) -> None:
        """Stop the server as an outage would (every connection is cut), keeping its data (a fast
        shutdown: with synchronous_commit off, an immediate one could lose the last commits)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def resume(self) -> None:
        """Start the paused server again on the same port, with the same data."""
        self._start_server()

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- connecting -----------------------------------------------------------------------
    def url(self, database: str = "postgres", user: str = "postgres", *, password: bool = False) -> str:
        """A loopback URL (password in the URL only when asked: normally it comes from PGPASSWORD)."""
        secret = f":{self.password}" if password else ""
        return f"postgresql://{user}{secret}@{self.host}:{self.port}/{database}"

    def socket_url(self, database: str, user: str) -> str:
        """A URL through the unix socket, where every role logs in without a password (role tests)."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def admin(self, sql: str, database: str = "postgres") -> None:
        """Run SQL as the superuser, outside a transaction (CREATE DATABASE and the like)."""
        import psycopg

        with psycopg.connect(host=str(self.socket_dir), port=self.port, user="postgres", dbname=database,
                             autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, prefix: str = "t") -> str:
        self._counter += 1
        name = f"{prefix}_{os.getpid()}_{self._counter}_{int(time.time() * 1000) % 100000}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING UTF8')
        return name

    def drop_database(self, name: str) -> None:
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
