"""``thidua users`` and the accounts behind the sign-in page: argon2id hashes, password
rules, disabling, new passwords; the users table's migration matches its model, on
SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from argon2 import PasswordHasher

from config.settings import Settings
from tests.conftest import Cli
from tests.office import NOW
from thidua import users as accounts
from thidua.context import AppContext
from thidua.database import all_metadata
from thidua.models import User
from translations import gettext


@pytest.fixture
def local(sqlite_settings: Settings) -> Iterator[AppContext]:
    """Most of these tests are about the command, not the engine: SQLite is enough."""
    context = AppContext(settings=sqlite_settings)
    yield context
    context.close()


def test_add_prompts_twice_and_stores_only_a_hash(app: AppContext, cli: Cli) -> None:
    result = cli(
        "users", "add", "Lan", "--name", "Nguyễn Thị Lan", input="mật khẩu 1\nmật khẩu 1\n"
    )
    assert result.exit_code == 0, result.stderr
    assert "đã thêm người dùng lan (Nguyễn Thị Lan)" in result.stderr
    with app.database.session() as session:
        user = accounts.require(session, "lan")
        assert user.display_name == "Nguyễn Thị Lan"
        assert user.password_hash.startswith("$argon2id$")
        assert "mật khẩu" not in user.password_hash
        assert user.active and user.last_login_at is None
        assert accounts.authenticate(session, "LAN", "mật khẩu 1", now=NOW) is not None


def test_add_asks_again_when_the_two_passwords_differ(local: AppContext, cli: Cli) -> None:
    result = cli(
        "users", "add", "minh", input="first pass 1\nsecond pass\nright pass\nright pass\n"
    )
    assert result.exit_code == 0, result.stderr
    with local.database.session() as session:
        assert accounts.authenticate(session, "minh", "right pass", now=NOW) is not None


def test_add_reads_the_password_from_stdin(local: AppContext, cli: Cli) -> None:
    result = cli("users", "add", "hoa@snv.example", "--password-stdin", input="từ stdin 123\n")
    assert result.exit_code == 0, result.stderr
    with local.database.session() as session:
        assert accounts.authenticate(session, "hoa@snv.example", "từ stdin 123", now=NOW)


# The command's language is Vietnamese by default: the catalog's words, not a copy.
USERNAME_RULE = (
    "username %(name)s: use 1 to 64 letters a-z, digits and . _ @ + - "
    "(starting with a letter or digit)"
)


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["Bad Name"], "long enough 1\n", gettext(USERNAME_RULE, "vi", name="'Bad Name'")),
        ([".dot"], "long enough 1\n", gettext(USERNAME_RULE, "vi", name="'.dot'")),
        (["x" * 65], "long enough 1\n", gettext(USERNAME_RULE, "vi", name=repr("x" * 65))),
        (
            ["nam"],
            "short\n",
            gettext("the password must have at least %(n)d characters", "vi", n=8),
        ),
        (["namnamnam"], "namnamnam\n", gettext("the password must not be the username", "vi")),
        (["nam"], "", "đầu vào chuẩn trống"),
    ],
)
def test_add_refuses_bad_input(
    local: AppContext, cli: Cli, args: list[str], stdin: str, message: str
) -> None:
    result = cli("users", "add", *args, "--password-stdin", input=stdin)
    assert result.exit_code == 2
    assert message in result.stderr
    with local.database.session() as session:
        assert accounts.all_users(session) == []


def test_add_refuses_an_existing_user_before_asking(local: AppContext, cli: Cli) -> None:
    assert cli("users", "add", "lan", "--password-stdin", input="long enough 1\n").exit_code == 0
    result = cli("users", "add", "LAN")  # no input: it must not prompt
    assert result.exit_code == 2
    assert "người dùng 'lan' đã có" in result.stderr


def test_list_disable_enable_password(local: AppContext, cli: Cli) -> None:
    cli(
        "users", "add", "lan", "--name", "Nguyễn Thị Lan", "--password-stdin", input="pass word 1\n"
    )
    cli("users", "add", "minh", "--password-stdin", input="pass word 2\n")
    records = json.loads(cli("users", "list", "--format", "json").stdout)
    assert [(r["username"], r["name"], r["active"]) for r in records] == [
        ("lan", "Nguyễn Thị Lan", True),
        ("minh", "minh", True),
    ]
    table = cli("users", "list").stdout
    assert "Nguyễn Thị Lan" in table and "Tên đăng nhập" in table

    assert cli("users", "disable", "minh").exit_code == 0
    with local.database.session() as session:
        assert accounts.authenticate(session, "minh", "pass word 2", now=NOW) is None
    records = json.loads(cli("users", "list", "--format", "json").stdout)
    assert [r["active"] for r in records] == [True, False]
    assert cli("users", "enable", "minh").exit_code == 0
    with local.database.session() as session:
        assert accounts.authenticate(session, "minh", "pass word 2", now=NOW) is not None

    result = cli("users", "password", "lan", "--password-stdin", input="new pass word\n")
    assert result.exit_code == 0
    with local.database.session() as session:
        assert accounts.authenticate(session, "lan", "pass word 1", now=NOW) is None
        assert accounts.authenticate(session, "lan", "new pass word", now=NOW) is not None

    for args in (["disable"], ["enable"], ["password", "--password-stdin"]):
        result = cli("users", *args[:1], "nobody", *args[1:], input="whatever 123\n")
        assert result.exit_code == 2
        assert gettext("no user %(user)s", "vi", user="'nobody'") in result.stderr


def test_lockout_and_its_end(local: AppContext) -> None:
    with local.database.session() as session, session.begin():
        accounts.add_user(session, "lan", "right password", display_name=None, now=NOW)
    for _ in range(accounts.MAX_FAILED_LOGINS):
        with local.database.session() as session, session.begin():
            assert accounts.authenticate(session, "lan", "wrong", now=NOW) is None
    with (
        local.database.session() as session,
        session.begin(),
        pytest.raises(accounts.AccountLocked),
    ):
        accounts.authenticate(session, "lan", "right password", now=NOW)
    later = NOW.replace(minute=NOW.minute + accounts.LOCK_MINUTES, second=1)
    with local.database.session() as session, session.begin():
        user = accounts.authenticate(session, "lan", "right password", now=later)
        assert user is not None and user.last_login_at == later
        assert user.failed_logins == 0 and user.locked_until is None


def test_an_outdated_hash_is_replaced_at_sign_in(local: AppContext) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    with local.database.session() as session, session.begin():
        user = accounts.add_user(session, "lan", "right password", display_name=None, now=NOW)
        user.password_hash = weak.hash("right password")
    with local.database.session() as session, session.begin():
        user = accounts.authenticate(session, "lan", "right password", now=NOW)
        assert user is not None
        assert "m=65536" in user.password_hash


def test_fingerprint_changes_with_the_password(local: AppContext) -> None:
    with local.database.session() as session, session.begin():
        user = accounts.add_user(session, "lan", "right password", display_name=None, now=NOW)
        before = accounts.fingerprint(user)
        accounts.set_password(session, "lan", "right password", now=NOW)  # same words
        assert accounts.fingerprint(user) != before  # a new salt: old sessions end


def test_the_users_migration_matches_the_model(app: AppContext) -> None:
    """On each engine: the table t0001 makes is the one `thidua.models.User` describes."""
    with app.database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = [
            diff
            for diff in compare_metadata(context, all_metadata())
            if User.__tablename__ in repr(diff)
        ]
    assert differences == []
