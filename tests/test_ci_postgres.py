"""Under CI an unreachable PostgreSQL fails the run; on a developer's machine it skips."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

UNREACHABLE = "postgresql+psycopg://postgres@127.0.0.1:9/none"  # the discard port: refused


def run_store_tests(ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": ci, "THIDUA_TEST_POSTGRES_URL": UNREACHABLE}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:xdist",
            "-p",
            "no:cacheprovider",
            "tests/test_store.py",
            "-k",
            "postgres and unchanged",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.slow  # a nested pytest run
@pytest.mark.parametrize(("ci", "expect_failure"), [("true", True), ("", False)])
def test_unreachable_postgres(ci: str, expect_failure: bool) -> None:
    result = run_store_tests(ci)
    output = result.stdout + result.stderr
    if expect_failure:
        assert result.returncode != 0, output
        assert "CI=true: PostgreSQL tests must run" in output
    else:
        assert result.returncode == 0, output
        assert "1 skipped" in output
