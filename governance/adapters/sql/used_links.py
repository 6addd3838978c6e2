"""Used one-time links of the wallet page: an insert that does nothing when the link was used before."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from governance.adapters.sql.scheduling import _insert
from governance.adapters.sql.tables import UsedLinkRow

_used = UsedLinkRow.__table__


class SqlUsedLinks:
    def __init__(self, session: Session):
        self.session = session

    def redeem(self, token_id: str, community_id: int, member: str, purpose: str, at: datetime) -> bool:
        statement = _insert(self.session)(_used).values(
            token_id=token_id, community_id=community_id, member=member, purpose=purpose, used_at=at,
        ).on_conflict_do_nothing().returning(_used.c.token_id)
        return self.session.execute(statement).first() is not None  # a row only if it went in
