"""The one place where real adapters are chosen and wired together.

Tests pass fakes or test doubles for the ports here (`clock=...`, `chain=...`);
nothing else constructs adapters.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine

from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.migrate import upgrade
from governance.adapters.sql.unit_of_work import SqlUnitOfWork
from governance.app import Governance
from governance.clock import SystemClock
from governance.config import Settings, load_settings
from governance.ports import Clock

log = logging.getLogger(__name__)
FROM_SETTINGS = object()


def bootstrap(
    settings: Settings | None = None, *, engine: Engine | None = None, clock: Clock | None = None,
    migrate: bool = True, chain=None, model=None,
) -> Governance:
    """Wire the app.

    chain: None for no chain, FROM_SETTINGS to connect as configured, or a ChainConnection
    (tests: py-evm or anvil). model: None for no AI, FROM_SETTINGS to select the configured
    backend, or a BackendSelection (tests: a tiny model, a fake server, extractive)."""
    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    clock = clock or SystemClock()
    gov = Governance(uow=lambda: SqlUnitOfWork(engine), clock=clock, engine=engine,
                     read_uow=lambda: SqlUnitOfWork(engine, read_only=True))
    if chain is FROM_SETTINGS:
        from governance.adapters.chain.runtime import connect
        chain = connect(settings)
    if chain is not None:
        from governance.adapters.chain.runtime import build_runtime  # web3 loads only when needed
        gov.chain = build_runtime(engine, chain, settings, clock)
        gov.ledger = gov.chain.reader
        if chain.embedded:
            log.warning("recording to the embedded chain: its records vanish when this process exits; "
                        "set FOLKMOOT_CHAIN=rpc with FOLKMOOT_CHAIN_RPC_URL for a lasting record")
    if model is not None:
        gov.ai = build_ai(settings, engine, clock, gov.ledger, model)
        log.info("language model: %s", gov.ai.backend_reason)
    return gov


def build_ai(settings: Settings, engine: Engine, clock: Clock, ledger, model):
    """The AI app on the selected backend (torch and transformers load only when first used)."""
    from governance.adapters.llm.factory import build_ai_service
    from governance.adapters.llm.selection import select_backend
    from governance.adapters.sql.ai_store import SqlAiRecordStore
    from governance.ai_app import AiApp

    if model is FROM_SETTINGS:
        model = select_backend(
            settings.model_backend, model_id=settings.model_id, http_base_url=settings.model_http_url,
            http_api_key=settings.model_http_api_key.get_secret_value() if settings.model_http_api_key else None,
            http_timeout=settings.model_timeout_seconds, in_subprocess=settings.model_in_subprocess,
        )
    service = build_ai_service(model, store=SqlAiRecordStore(engine), clock=clock)
    return AiApp(service, lambda: SqlUnitOfWork(engine), clock, ledger, model.reason)


def build_governor_app(settings: Settings | None = None, *, engine: Engine | None = None, connection=FROM_SETTINGS,
                       clock: Clock | None = None, range_size: int | None = None, migrate: bool = True):
    """The app that follows existing Governors (`folkmoot governor ...`, and later the bot's loop).
    connection: FROM_SETTINGS (FOLKMOOT_CHAIN) or a ChainConnection (tests: anvil)."""
    from governance.adapters.chain.runtime import connect
    from governance.adapters.governor.follower import GovernorFollower
    from governance.adapters.governor.indexer import RANGE
    from governance.errors import Unavailable
    from governance.governor_app import GovernorApp

    settings = settings or load_settings()
    engine = engine or make_engine(settings.database_url)
    if migrate:
        upgrade(engine)
    if connection is FROM_SETTINGS:
        connection = connect(settings)
    if connection is None:
        raise Unavailable("No chain is configured (FOLKMOOT_CHAIN=off): set FOLKMOOT_CHAIN=rpc and "
                          "FOLKMOOT_CHAIN_RPC_URL to the Governor's chain.")
    follower = GovernorFollower(engine, connection, settings.chain_confirmations, range_size or RANGE)
    return GovernorApp(follower, clock or SystemClock())
