"""The one place where real adapters are chosen and wired together.

Tests pass fakes for the ports here (`clock=...`, later `ledger=...`, `model=...`);
nothing else constructs adapters.
"""

from __future__ import annotations

from sqlalchemy import Engine

from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.migrate import upgrade
from governance.adapters.sql.unit_of_work import SqlUnitOfWork
from governance.app import Governance
from governance.config import Settings, load_settings
from governance.clock import SystemClock
from governance.ports import Clock


def bootstrap(
    settings: Settings | None = None, *, engine: Engine | None = None, clock: Clock | None = None,
    migrate: bool = True,
) -> Governance:
    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    return Governance(uow=lambda: SqlUnitOfWork(engine), clock=clock or SystemClock())
