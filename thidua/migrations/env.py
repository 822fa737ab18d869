"""Alembic's environment: migrates the connection `thidua.database` hands it.

Each room keeps its revisions under ``<room>/migrations/versions`` on a branch of its own
(``calendars``, ``scheduler``, ``thidua``); the metadata here is all rooms' tables, for
``alembic revision --autogenerate``.
"""

from alembic import context

from thidua.database import all_metadata

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=all_metadata(),
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
