"""The database: the declarative base every room's tables share, and the sessions.

The engine and the UTC column type are in `calendars.engine` (no ORM there, so a command
that only reads with Core loads none); they are named here too, where the rooms have always
found them. Schema changes are Alembic migrations (each room keeps its own under
``<room>/migrations``; ``thidua.database`` runs them all).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Engine, MetaData
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from calendars.engine import READ_ONLY, UTCDateTime, make_engine

__all__ = [
    "NAMING",
    "READ_ONLY",
    "Base",
    "UTCDateTime",
    "make_engine",
    "make_reader",
    "make_sessionmaker",
    "utcnow",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        dict[str, Any]: JSON(),
        list[str]: JSON(),
        list[int]: JSON(),
    }


def utcnow() -> datetime:
    return datetime.now(UTC)


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def make_reader(engine: Engine) -> sessionmaker[Session]:
    """Sessions that only read (see `READ_ONLY`)."""
    return sessionmaker(engine.execution_options(**READ_ONLY), expire_on_commit=False)
