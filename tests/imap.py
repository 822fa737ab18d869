"""A real IMAP server for the tests: Debian's Dovecot (``dovecot-imapd``), started by the
test as an unprivileged instance with a configuration of its own in a temporary folder,
on two loopback ports (plain with STARTTLS, and implicit TLS with a certificate of `CA`),
with one passwd-file user and a Maildir the test delivers into.

Run as root (a container), the instance runs as Dovecot's own system user; otherwise as
the user running the tests. Without Dovecot the IMAP tests are skipped — except under CI
(``CI=true``), where they fail.
"""

from __future__ import annotations

import getpass
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

DOVECOT = "/usr/sbin/dovecot"
CA = trustme.CA(organization_name="thidua IMAP tests")  # the instances' certificates
USER, PASSWORD = "vanthu", "mat-khau-thu-nghiem"

_CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
instance_name = thidua-test-{port}
listen = 127.0.0.1
protocols = imap
ssl = yes
ssl_cert = <{root}/cert.pem
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {user}
default_internal_user = {user}
default_internal_group = {group}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  chroot =
}}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Dovecot:
    """One running instance; `deliver` puts a message in the user's inbox."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="thidua-dovecot-"))
        self.host, self.port, self.ssl_port = "127.0.0.1", _free_port(), _free_port()
        self.username, self.password = USER, PASSWORD
        self.user, self.group = self._run_as()
        self.maildir = self.root / "home" / USER / "Maildir"
        self._process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def _run_as() -> tuple[str, str]:
        if os.geteuid() == 0:
            return "dovecot", "dovecot"
        return getpass.getuser(), grp.getgrgid(os.getegid()).gr_name

    def start(self) -> Dovecot:
        for sub in ("run", "state", "Maildir/new", "Maildir/cur", "Maildir/tmp"):
            base = self.maildir.parent if sub.startswith("Maildir") else self.root
            (base / sub).mkdir(parents=True, exist_ok=True)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}::::\n", encoding="utf-8")
        certificate = CA.issue_cert("127.0.0.1", "localhost")
        certificate.private_key_pem.write_to_path(str(self.root / "key.pem"))
        certificate.cert_chain_pems[0].write_to_path(str(self.root / "cert.pem"))
        config = self.root / "dovecot.conf"
        config.write_text(
            _CONFIG.format(
                root=self.root,
                port=self.port,
                ssl_port=self.ssl_port,
                user=self.user,
                group=self.group,
            ),
            encoding="utf-8",
        )
        self._own()
        self._process = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(config)],
            user=self.user if os.geteuid() == 0 else None,
            group=self.group if os.geteuid() == 0 else None,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_listening()
        return self

    def _wait_listening(self) -> None:
        """Until the port answers, or the process has ended (its error is the failure)."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                error = self._process.stderr.read().decode() if self._process.stderr else ""
                pytest.fail(f"Dovecot did not start: {error}{self.log()}")
            try:
                socket.create_connection((self.host, self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        pytest.fail(f"Dovecot did not listen on {self.port}: {self.log()}")

    def _own(self) -> None:
        """Hand the folder to the instance's user (run as root: Dovecot's own user)."""
        if os.geteuid() != 0:
            return
        uid, gid = pwd.getpwnam(self.user).pw_uid, grp.getgrnam(self.group).gr_gid
        for path in [self.root, *self.root.rglob("*")]:
            os.chown(path, uid, gid)

    def deliver(self, raw: bytes) -> None:
        """Put a message in the inbox as a delivery agent does: written in tmp/, moved to
        new/ whole."""
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.thidua-test"
        temporary = self.maildir / "tmp" / name
        temporary.write_bytes(raw)
        self._own()
        temporary.rename(self.maildir / "new" / name)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.wait(timeout=30)
            if self._process.stderr:
                self._process.stderr.close()
            self._process = None
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """A running Dovecot with one user and an empty inbox, stopped after the test."""
    from tests.conftest import _in_ci  # noqa: PLC0415 (the conftest imports this module)

    if not os.access(DOVECOT, os.X_OK):
        message = f"Dovecot is not installed ({DOVECOT}; Debian package dovecot-imapd)"
        if _in_ci():
            pytest.fail(message + " (CI=true: the IMAP tests must run)")
        pytest.skip(message)
    server = Dovecot().start()
    yield server
    server.stop()
