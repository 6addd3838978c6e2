"""Schema migrations with Alembic, driven from Python (no alembic.ini to find)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Engine
from sqlmodel import SQLModel

import governance.adapters.sql.ai_tables  # noqa: F401  (registers the tables)
import governance.adapters.sql.chain_tables  # noqa: F401
import governance.adapters.sql.governor_tables  # noqa: F401
import governance.adapters.sql.schedule_tables  # noqa: F401
import governance.adapters.sql.tables  # noqa: F401

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # the options go through configparser, where % starts an interpolation: a percent-encoded
    # password (p%40ss) must be written %%
    url = engine.url.render_as_string(hide_password=False)
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "heads") -> None:
    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        heads = MigrationContext.configure(connection).get_current_heads()
        return ", ".join(sorted(heads)) or None


def pending_model_changes(engine: Engine) -> list:
    """Differences between the migrated schema and the table classes (should be none)."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)
