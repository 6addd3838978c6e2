"""The Alembic migrations build exactly the schema the table classes describe, on SQLite and
PostgreSQL: a table class changed without a migration fails here."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from governance.adapters.sql.migrate import current_revision, pending_model_changes

pytestmark = pytest.mark.integration
HEAD = "0014"  # the newest migration


def test_migrated_schema_matches_the_tables(engine):
    tables = set(inspect(engine).get_table_names())
    assert {"community", "proposal", "revision", "vote", "outbox", "chain_tx", "provenance",
            "announcement", "schedule_run", "reminder_opt_in", "scheduler_job", "governor", "governor_proposal",
            "governor_vote", "governor_event", "governor_block", "governor_announcement", "used_link"} <= tables
    assert pending_model_changes(engine) == []
    assert current_revision(engine) == HEAD


def test_governor_proposals_indexed_before_0012_get_numbers_in_creation_order(engine):
    """Down to 0007, two proposals indexed out of id order, up again: numbered by block and log."""
    from alembic import command
    from sqlalchemy import text

    from governance.adapters.sql.migrate import alembic_config, upgrade

    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    rows = [("999", 12, 0), ("111", 10, 3), ("555", 12, 1)]  # (id, block, log index)
    with engine.begin() as c:
        c.execute(text("INSERT INTO community (id, name, voting_period_seconds, quorum_kind, quorum_value, "
                       "threshold_bps, digest_cron, timezone) VALUES (7, 'DAO', 60, 'count', 1, 5000, "
                       "'0 9 * * mon', 'UTC')"))
        c.execute(text(
            "INSERT INTO governor (id, community_id, chain_id, genesis_hash, address, kind, name, token_address, "
            "token_name, token_symbol, token_decimals, clock_mode, voting_delay, voting_period, proposal_threshold, "
            "counting_mode, ballot_typehash, start_block, cursor_block, attached_at) VALUES (1, 7, 1, '0x', '0x', "
            "'openzeppelin-5', 'G', '0x', 'T', 'T', 18, 'blocknumber', 1, 1, '0', 'x', '0x', 0, 20, "
            "CURRENT_TIMESTAMP)"))
        governor = 1
        for proposal_id, block, log_index in rows:
            c.execute(text(
                "INSERT INTO governor_proposal (governor_id, proposal_id, proposer, targets, \"values\", calldatas, "
                "signatures, description, description_hash, id_matches, vote_start, vote_end, decoded_calls, "
                "findings, block_number, log_index, tx_hash, created_at) VALUES (:g, :p, '0x', '[]', '[]', '[]', "
                "'[]', :d, '0x', :t, 1, 2, '[]', '[]', :b, :l, '0x', CURRENT_TIMESTAMP)"),
                {"g": governor, "p": proposal_id, "d": b"x", "t": True, "b": block, "l": log_index})
    upgrade(engine)
    with engine.connect() as c:
        numbered = c.execute(text("SELECT proposal_id, number FROM governor_proposal ORDER BY number")).all()
    assert [tuple(r) for r in numbered] == [("111", 1), ("999", 2), ("555", 3)]
    assert pending_model_changes(engine) == [] and current_revision(engine) == HEAD


def test_proposals_published_before_0014_keep_the_voter_role_of_their_community(engine):
    """Down to 0013, a published proposal and a draft, up again: only the published one is frozen."""
    from alembic import command
    from sqlalchemy import text

    from governance.adapters.sql.migrate import alembic_config, upgrade

    with engine.begin() as connection:
        config = alembic_config(engine)
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    with engine.begin() as c:
        c.execute(text("INSERT INTO community (id, name, voting_period_seconds, quorum_kind, quorum_value, "
                       "threshold_bps, digest_cron, timezone, eligible_role_id) VALUES (7, 'DAO', 60, 'count', 1, "
                       "5000, '0 9 * * mon', 'UTC', 4242)"))
        for proposal_id, published in ((1, "CURRENT_TIMESTAMP"), (2, "NULL")):
            c.execute(text("INSERT INTO proposal (id, community_id, author, state, created_at, published_at) "
                           f"VALUES ({proposal_id}, 7, 'cli:x', 'active', CURRENT_TIMESTAMP, {published})"))
    upgrade(engine)
    with engine.connect() as c:
        frozen = c.execute(text("SELECT id, eligible_role_id FROM proposal ORDER BY id")).all()
    assert [tuple(r) for r in frozen] == [(1, 4242), (2, None)]
    assert pending_model_changes(engine) == [] and current_revision(engine) == HEAD
