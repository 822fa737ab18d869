"""Make sure the real services the suite talks to are up before it starts (`make test`).

PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth), or the server of
``THIDUA_TEST_POSTGRES_URL``: when nothing answers on a local address, the machine's own
clusters are started with ``pg_ctlcluster`` where it exists, and the script waits for the
server to accept connections. It exits 1 with a message when the server cannot be had, so
that a strict run (``CI=true``) stops here instead of in the middle of the suite.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import time

import sqlalchemy as sa

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
WAIT_SECONDS = 60


def accepts(url: sa.URL) -> bool:
    try:
        with socket.create_connection((url.host or "127.0.0.1", url.port or 5432), timeout=1):
            return True
    except OSError:
        return False


def start_local_clusters() -> None:
    """Start the clusters Debian's postgresql-common knows of (a no-op where none)."""
    ctl = shutil.which("pg_ctlcluster")
    if ctl is None:
        return
    for conf in glob.glob("/etc/postgresql/*/*/postgresql.conf"):
        version, cluster = conf.split("/")[3:5]
        subprocess.run(
            [ctl, "--skip-systemctl-redirect", version, cluster, "start"],
            check=False,
            capture_output=True,
        )


def main() -> int:
    url = sa.make_url(os.environ.get("THIDUA_TEST_POSTGRES_URL", DEFAULT_URL))
    if not accepts(url):
        if url.host in {None, "", "127.0.0.1", "localhost", "::1"}:
            start_local_clusters()
        deadline = time.monotonic() + WAIT_SECONDS
        while not accepts(url) and time.monotonic() < deadline:
            time.sleep(0.5)
    if not accepts(url):
        print(f"PostgreSQL does not answer at {url.host}:{url.port}", file=sys.stderr)
        return 1
    engine = sa.create_engine(url)
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            with engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            break
        except sa.exc.OperationalError as exc:  # starting up: connections refused for a while
            if time.monotonic() > deadline:
                print(f"PostgreSQL refuses connections: {exc.orig}", file=sys.stderr)
                return 1
            time.sleep(0.5)
    engine.dispose()
    print(f"PostgreSQL ready at {url.host}:{url.port}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
