"""Alembic environment. Run through `folkmoot db upgrade` (governance.adapters.sql.migrate)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import governance.adapters.sql.ai_tables  # noqa: F401  (registers the tables)
import governance.adapters.sql.chain_tables  # noqa: F401
import governance.adapters.sql.governor_tables  # noqa: F401
import governance.adapters.sql.schedule_tables  # noqa: F401
import governance.adapters.sql.tables  # noqa: F401
from governance.adapters.sql.engine import make_engine

target_metadata = SQLModel.metadata
config = context.config


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = make_engine(config.get_main_option("sqlalchemy.url"))
        with engine.connect() as connection:
            _run(connection)
        engine.dispose()
    else:
        _run(connection)


def _run(connection) -> None:
    # Batch mode lets later migrations alter tables on SQLite too.
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
