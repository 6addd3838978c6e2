"""APScheduler's persistent job store, on the app's engine and in the table the migrations own."""

from __future__ import annotations

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy import Engine

from governance.adapters.sql.schedule_tables import ScheduledJobRow


class SharedEngineJobStore(SQLAlchemyJobStore):
    """The stock store disposes its engine at shutdown, as if it owned it; this one is the app's."""

    def shutdown(self) -> None:
        pass


def job_store(engine: Engine) -> SharedEngineJobStore:
    return SharedEngineJobStore(engine=engine, tablename=ScheduledJobRow.__tablename__)
