"""One `Settings` object: everything the service is told, from ``THIDUA_*`` variables
and an optional ``thidua.toml`` (path in ``THIDUA_CONFIG``, default ``./thidua.toml``).

Variables win over the file; the file wins over the defaults. Defaults are the embedded
setup: SQLite and the e-mail outbox under ``var/``, feeds on localhost.

pydantic-settings reads both sources (its environment source and `TomlConfigSettingsSource`)
into one model, which validates them. Its imports cost every command some 63 M instructions
(20–40 ms) before starting, which a hand-written reader saved; a well-kept library is worth
that, and importing SQLAlchemy alone keeps `thidua status` above its 0.3 s goal anyway.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from datetime import time, timedelta
from email.utils import parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from translations import said

Policy = Literal["next_working_day", "previous_working_day", "keep"]

# Bounds of the day counts (the README's "Limits"): beyond them a setting is a typo, and the
# dates it yields (today + 800,000 days) would leave the calendar.
MAX_WINDOW_DAYS = 3660  # ten years of feed window, grace or link validity
MAX_OFFSET_DAYS = 366  # reminder offsets, overdue and late-list spacing, catch-up


# Domains of a sender no office has (RFC 2606 and 6761 names, and ours by default): mail
# from them is a setup that was never finished.
PLACEHOLDER_DOMAINS = ("localhost", "example", "example.com", "example.org", "invalid", "test")


# RFC 5545's DURATION as icalendar reads it (tests/test_config.py holds the two
# together): checked here without importing icalendar, which every command would pay for.
_DURATION = re.compile(r"([-+]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?\Z")


def iso_duration(text: str) -> timedelta | None:
    """An ISO 8601 / RFC 5545 duration (PT12H, P1D, -P1W), or None when it is not one."""
    match = _DURATION.match(text)
    if match is None:
        return None
    sign, weeks, days, hours, minutes, seconds = (group or "0" for group in match.groups())
    try:
        value = timedelta(
            weeks=int(weeks),
            days=int(days),
            hours=int(hours),
            minutes=int(minutes),
            seconds=int(seconds),
        )
    except OverflowError:
        return None
    return -value if sign == "-" else value


def placeholder_sender(mail_from: str) -> bool:
    """Whether ``mail_from`` (``THIDUA_MAIL_FROM``) is still a placeholder address
    (``thidua@localhost``, ``…@example.com``): no office's own."""
    domain = parseaddr(mail_from)[1].rpartition("@")[2].lower().rstrip(".")
    return (
        not domain
        or "." not in domain
        or any(domain == d or domain.endswith(f".{d}") for d in PLACEHOLDER_DOMAINS)
    )


def config_file() -> Path:
    """The settings file: ``THIDUA_CONFIG``, else ``thidua.toml`` in the working folder."""
    return Path(os.environ.get("THIDUA_CONFIG", "thidua.toml"))


class Settings(BaseSettings):
    """The service's configuration; see the README's "Configuration" section. Made with
    keyword arguments, they win over the variables, which win over the file."""

    # Variables are named in any case; unknown names are ignored (another version's file);
    # defaults are validated too.
    model_config = SettingsConfigDict(
        env_prefix="THIDUA_", case_sensitive=False, extra="ignore", validate_default=True
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # No .env file and no secrets folder: the variables, then the file, as documented.
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file())
        return init_settings, env_settings, toml

    # Where state lives.
    var_dir: Path = Path("var")
    database_url: str = ""  # empty: a SQLite file in var_dir

    # Calendar.
    timezone: str = "Asia/Ho_Chi_Minh"
    default_policy: Policy = "next_working_day"
    workdays_file: Path | None = None  # the office's swaps and days off; default var_dir/…

    # Feeds.
    base_url: str = "http://127.0.0.1:8000"
    uid_domain: str = "thidua.local"
    feeds_public: bool = True
    feed_refresh: str = "PT12H"  # ISO 8601 duration for REFRESH-INTERVAL / X-PUBLISHED-TTL
    feed_window_back_days: int = Field(default=365, ge=0, le=MAX_WINDOW_DAYS)
    feed_window_ahead_days: int = Field(default=730, ge=0, le=MAX_WINDOW_DAYS)
    cancelled_grace_days: int = Field(default=30, ge=0, le=MAX_WINDOW_DAYS)
    feed_check_seconds: float = Field(
        default=0.25, gt=0, le=3600
    )  # how often the web app looks for calendar changes
    fragment_cache_bytes: int = Field(
        default=256 * 2**20, ge=0, le=2**40
    )  # rendered events a running service keeps in memory, counted in bytes

    # Reminders.
    # NoDecode: `_json_list` decodes the variable, so that text which is no JSON is a
    # validation error naming THIDUA_REMINDER_OFFSETS, not the library's SettingsError.
    reminder_offsets: Annotated[list[int], NoDecode] = Field(default_factory=lambda: [7, 3, 1, 0])
    overdue_every_working_days: int = Field(default=3, ge=1, le=MAX_OFFSET_DAYS)
    overdue_max: int = Field(default=3, ge=0, le=100)
    digest_time: time = time(7, 30)
    language: Literal["vi", "en"] = "vi"
    submit_links: bool = True
    submit_link_valid_days: int = Field(default=30, ge=1, le=MAX_WINDOW_DAYS)
    late_list_working_days: int = Field(
        default=20, ge=0, le=MAX_OFFSET_DAYS
    )  # the office's daily late list
    catch_up_days: int = Field(
        default=7, ge=0, le=MAX_OFFSET_DAYS
    )  # older missed reminders are skipped, not sent
    dispatch_lease_seconds: int = Field(
        default=300, ge=1, le=86_400
    )  # a dead worker's rows wait this long
    retry_base_seconds: int = Field(
        default=60, ge=1, le=86_400
    )  # first retry; doubles with each attempt
    retry_max_attempts: int = Field(default=8, ge=1, le=100)

    # Reports sent in (the upload page, replies by mail).
    reports_dir: Path | None = None  # empty: var_dir/reports
    upload_max_bytes: int = Field(default=20 * 1024 * 1024, ge=1024, le=1024**3)

    # Mail.
    notifier: Literal["outbox", "smtp"] = "outbox"
    outbox_dir: Path | None = None  # empty: var_dir/outbox
    smtp_host: str = "localhost"
    smtp_port: int = Field(default=25, ge=1, le=65_535)
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_timeout: float = Field(default=30.0, gt=0, le=600)
    mail_from: str = "Ban Thi đua - Khen thưởng <thidua@localhost>"
    mail_reply_to: str = ""

    # Mail that comes in: replies with reports (`submissions.receiver`).
    inbound_address: str = ""  # the service's mailbox; empty: any recipient is taken
    inbound_smtp_host: str = "127.0.0.1"
    inbound_smtp_port: int = Field(default=2525, ge=0, le=65_535)
    inbound_max_bytes: int = Field(default=25 * 1024 * 1024, ge=1024, le=200 * 1024 * 1024)
    inbound_max_attachments: int = Field(default=10, ge=1, le=100)
    inbound_imap_host: str = ""  # empty: no mailbox is polled
    inbound_imap_port: int = Field(default=993, ge=1, le=65_535)
    inbound_imap_security: Literal["none", "starttls", "ssl"] = "ssl"
    inbound_imap_username: str = ""
    inbound_imap_password: str = Field(default="", repr=False)
    inbound_imap_folder: str = "INBOX"
    inbound_poll_seconds: int = Field(default=300, ge=10, le=86_400)

    # Credentials.
    secret_key: str = ""  # empty: generated once into var_dir/secret_key
    api_token: str = ""  # bearer token of the JSON API; empty: the API is closed

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(said("unknown time zone %(value)s", value=repr(value))) from exc
        return value

    @field_validator("inbound_address")
    @classmethod
    def _one_plain_address(cls, value: str) -> str:
        """A bare ASCII address (it is written into every reminder's Reply-To)."""
        value = value.strip()
        local, at, domain = value.rpartition("@")
        plain = value.isascii() and not any(c in value for c in ' <>,;"\r\n\t')
        if value and not (at and local and "." in domain and plain):
            raise ValueError(
                said(
                    "%(value)s is not one plain e-mail address (baocao@snv.gov.vn)",
                    value=repr(value),
                )
            )
        return value

    @field_validator("feed_refresh")
    @classmethod
    def _iso_duration(cls, value: str) -> str:
        duration = iso_duration(value)
        if duration is None or duration <= timedelta(0):
            raise ValueError(
                said(
                    "%(value)s is not a positive ISO 8601 duration (e.g. PT12H or P1D)",
                    value=repr(value),
                )
            )
        return value

    @field_validator("reminder_offsets", mode="before")
    @classmethod
    def _json_list(cls, value: Any) -> Any:
        """A list given as a variable's text is written as JSON (``'[5, 1, 0]'``); a text
        in the file is read the same way, a TOML list as it is."""
        if not isinstance(value, str):
            return value  # the file's list, or a keyword argument
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ValueError(
                said(
                    "%(value)s is not a list as JSON writes it (e.g. [7, 3, 1])",
                    value=repr(value),
                )
            ) from exc

    @field_validator("reminder_offsets")
    @classmethod
    def _offsets_not_negative(cls, value: list[int]) -> list[int]:
        if any(offset < 0 for offset in value):
            raise ValueError(said("reminder offsets are days before the deadline: 0 or more"))
        if any(offset > MAX_OFFSET_DAYS for offset in value) or len(value) > 20:
            raise ValueError(
                said(
                    "at most 20 reminder offsets, each at most %(limit)d days",
                    limit=MAX_OFFSET_DAYS,
                )
            )
        return sorted(set(value), reverse=True)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def effective_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.var_dir / 'thidua.db'}"

    @property
    def effective_workdays_file(self) -> Path:
        """The office's working-day file, read on top of the shipped catalog when it exists
        and written by ``thidua workdays add-swap``."""
        return self.workdays_file or self.var_dir / "workdays.yaml"

    @property
    def effective_outbox_dir(self) -> Path:
        return self.outbox_dir or self.var_dir / "outbox"

    @property
    def effective_reports_dir(self) -> Path:
        return self.reports_dir or self.var_dir / "reports"

    def effective_secret_key(self) -> str:
        """The signing key; generated once and kept in ``var_dir`` when not configured."""
        if self.secret_key:
            return self.secret_key
        path = self.var_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_private(path, secrets.token_urlsafe(48))
        return path.read_text(encoding="ascii").strip()


def _create_private(path: Path, text: str) -> None:
    """Write a new file readable by its owner only from its first byte (0600 at creation,
    not after); a process that created it first wins, and its key is the one read."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(descriptor, "w", encoding="ascii") as file:
        file.write(text)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return Settings()
