"""The SQL unit of work: one session, one transaction, all or nothing."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from governance.adapters.sql.ai_store import SqlProvenance
from governance.adapters.sql.outbox import SqlOutbox
from governance.adapters.sql.repositories import (
    SqlAnnouncements,
    SqlAudit,
    SqlCommunities,
    SqlProposals,
    SqlVotes,
)
from governance.adapters.sql.scheduling import SqlReminderOptIns, SqlRunLedger
from governance.adapters.sql.used_links import SqlUsedLinks
from governance.errors import Conflict, Unavailable


class SqlUnitOfWork:
    """read_only: a transaction that only reads. SQLite then lets it run beside the writer (WAL)
    instead of taking the write lock at BEGIN (see engine.py)."""

    def __init__(self, engine: Engine, read_only: bool = False):
        self.engine = engine
        self.read_only = read_only

    def __enter__(self) -> SqlUnitOfWork:
        bind = self.engine.execution_options(folkmoot_read_only=True) if self.read_only else self.engine
        self.session = Session(bind, expire_on_commit=False)
        self.communities = SqlCommunities(self.session)
        self.proposals = SqlProposals(self.session)
        self.votes = SqlVotes(self.session)
        self.outbox = SqlOutbox(self.session)
        self.audit = SqlAudit(self.session)
        self.provenance = SqlProvenance(self.session)
        self.announcements = SqlAnnouncements(self.session)
        self.runs = SqlRunLedger(self.session)
        self.reminder_opt_ins = SqlReminderOptIns(self.session)
        self.used_links = SqlUsedLinks(self.session)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.session.rollback()  # a no-op after commit; undoes anything left over
            self.session.close()
        except OperationalError:
            pass  # the connection is gone; the server has already discarded the transaction
        if isinstance(exc, IntegrityError):
            raise Conflict() from exc
        if isinstance(exc, OperationalError):
            raise Unavailable("The database is unavailable right now; nothing was saved. Try again shortly.") from exc

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
