"""The scheduler's tables come from migration 0003 and match their table classes exactly."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from governance.adapters.sql.migrate import pending_model_changes

pytestmark = pytest.mark.integration


def test_migrated_schema_matches_the_tables(engine):
    assert {"schedule_run", "reminder_opt_in", "scheduler_job"} <= set(
        inspect(engine).get_table_names()
    )
    assert pending_model_changes(engine) == []
