"""SQLite's leader lock: an exclusive file lock next to the database."""

from __future__ import annotations

from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.leader import (
    FileLeaderLock,
    ProcessLeaderLock,
    advisory_key,
    leader_lock_for,
)


def test_only_one_holder_until_released(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'bot.db'}")
    first, second = leader_lock_for(engine), leader_lock_for(engine)
    assert isinstance(first, FileLeaderLock) and first.path == tmp_path / "bot.db.scheduler.lock"
    assert first.try_acquire() and first.try_acquire()  # holding it again is fine
    assert not second.try_acquire()
    first.release()
    assert not first.still_held()
    assert second.try_acquire() and second.still_held()
    second.release()


def test_an_in_memory_database_uses_a_process_lock():
    first, second = (
        leader_lock_for(make_engine("sqlite://")),
        leader_lock_for(make_engine("sqlite://")),
    )
    assert isinstance(first, ProcessLeaderLock)
    assert first.try_acquire() and not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()


def test_advisory_keys_are_stable_signed_64_bit():
    key = advisory_key("folkmoot.scheduler:public")
    assert (
        key == advisory_key("folkmoot.scheduler:public") != advisory_key("folkmoot.scheduler:other")
    )
    assert -(2**63) <= key < 2**63
