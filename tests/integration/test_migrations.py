"""The Alembic migrations build exactly the schema the table classes describe, on SQLite and
PostgreSQL: a table class changed without a migration fails here."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from governance.adapters.sql.migrate import current_revision, pending_model_changes

pytestmark = pytest.mark.integration


def test_migrated_schema_matches_the_tables(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"community", "proposal", "revision", "vote", "outbox", "chain_tx", "provenance",
            "announcement", "schedule_run", "reminder_opt_in", "scheduler_job", "governor", "governor_proposal",
            "governor_vote", "governor_event", "governor_block", "governor_announcement"} <= tables
    assert pending_model_changes(engine) == []
    assert current_revision(engine) == "0012"
