"""Members who opted in to a direct message before deadlines they have not voted on yet."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from governance.adapters.sql.schedule_tables import ReminderOptInRow

_table = ReminderOptInRow.__table__


class ReminderOptIns:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert

    def opt_in(self, community_id: int, member_id: int, now: datetime) -> None:
        statement = self._insert(_table).values(community_id=community_id, member_id=member_id,
                                                opted_in_at=now).on_conflict_do_nothing()
        with self.engine.begin() as connection:
            connection.execute(statement)

    def opt_out(self, community_id: int, member_id: int) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(_table).where(_table.c.community_id == community_id,
                                                    _table.c.member_id == member_id))

    def members(self, community_id: int) -> set[int]:
        query = select(_table.c.member_id).where(_table.c.community_id == community_id)
        with self.engine.connect() as connection:
            return set(connection.execute(query).scalars())
