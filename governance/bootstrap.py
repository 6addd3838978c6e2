"""The one place where real adapters are chosen and wired together.

Tests pass fakes or test doubles for the ports here (`clock=...`, `chain=...`, `ai=...`);
nothing else constructs adapters.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import ArgumentError

from governance.adapters.chart import digest_chart
from governance.adapters.sql.engine import make_engine
from governance.adapters.sql.failures import database_failure
from governance.adapters.sql.leader import leader_lock_for
from governance.adapters.sql.migrate import current_revision, upgrade
from governance.adapters.sql.unit_of_work import SqlUnitOfWork
from governance.ai.limits import OutputLimits
from governance.ai.worker import InferenceWorker
from governance.application import Governance
from governance.clock import SystemClock
from governance.config import ConfigError, Settings, load_settings
from governance.domain.wallet_page import PageSettings, RelayLimits
from governance.errors import Unavailable
from governance.ports import Chain, Clock, FollowedGovernors
from governance.redaction import public_database_url

if TYPE_CHECKING:
    from governance.adapters.chain.connection import ChainConnection
    from governance.adapters.chain.sandbox import ChainSandbox
    from governance.adapters.governor.sandbox import GovernorSandbox
    from governance.ai.service import AiService

log = logging.getLogger(__name__)
FROM_SETTINGS = object()


def bootstrap(
    settings: Settings | None = None, *, engine: Engine | None = None, clock: Clock | None = None,
    migrate: bool = True, chain=None, model=None, ai: AiService | None = None,
    output_limits: OutputLimits | None = None, governors: FollowedGovernors | None = None,
    governor_range: int | None = None,
) -> Governance:
    """Wire the app.

    chain: None for no chain, FROM_SETTINGS to connect as configured, a ChainConnection (tests:
    py-evm or anvil), or any implementation of the Chain port (tests: a fake). On a connection,
    the app also follows existing Governors on that chain (governors: another implementation of
    the port instead; governor_range: blocks per log request when indexing). model: None for no
    AI, FROM_SETTINGS to select the configured backend, or a BackendSelection (tests: a tiny model,
    a fake server, extractive). ai: a ready AI pipeline instead (tests: a stand-in without a model).
    output_limits: how much room the channel that shows AI output gives it (the Discord adapter's,
    bot.discord.limits.AI_OUTPUT)."""
    settings = settings or load_settings()
    engine = engine or database_engine(settings)
    if migrate:
        with reaching_the_database(engine):
            upgrade(engine)
    clock = clock or SystemClock()
    connection = _connection(chain, settings)
    fake = None if chain is FROM_SETTINGS else chain  # a test's own Chain port, if not a connection
    chain_port = _chain(connection if connection is not None else fake, engine, settings, clock)
    if governors is None and connection is not None:
        governors = _governors(engine, connection, settings, governor_range)
    if model is not None and ai is None:
        ai, reason = build_ai(settings, engine, clock, model, output_limits)
    else:
        reason = getattr(ai, "reason", "a stand-in for the language model") if ai is not None else ""
    if ai is not None:
        log.info("language model: %s", reason)
    gov = Governance(
        uow=lambda: SqlUnitOfWork(engine), read_uow=lambda: SqlUnitOfWork(engine, read_only=True),
        clock=clock, chain=chain_port, governors=governors, ai=ai, ai_backend=reason,
        inference=InferenceWorker() if ai is not None else None,
        locks=lambda name: leader_lock_for(engine, name), job_store=lambda: _job_store(engine),
        chart=digest_chart, page=page_settings(settings),
    )
    gov.delegations_per_day = settings.governor_delegations_per_day
    gov.ballots_per_day = settings.governor_ballots_per_day
    gov.relay_daily_budget = settings.governor_relay_daily_budget
    return gov


def page_settings(settings: Settings) -> PageSettings:
    """The wallet page's URL, its links' key and the relay limits, as configured."""
    key = settings.web_secret.get_secret_value().strip().encode() if settings.web_secret else None
    return PageSettings(settings.web_url, key, RelayLimits(settings.wallet_ballots_per_hour,
                                                            settings.wallet_relay_daily_budget))


def database_engine(settings: Settings) -> Engine:
    """The configured database's engine (nothing connects yet); a URL it cannot even parse is one line."""
    try:
        return make_engine(settings.database_url)
    except (ArgumentError, ValueError) as error:
        reason = str(error).split("\n")[0][:120].replace(settings.database_url, "the URL")
        raise ConfigError(f"FOLKMOOT_DATABASE_URL: not a usable database URL ({reason})") from None


@contextmanager
def reaching_the_database(engine: Engine) -> Iterator[None]:
    """A database that cannot be reached, opened or found becomes Unavailable, one line without the password."""
    try:
        yield
    except Exception as error:
        message = database_failure(error, engine)
        if message is None:
            raise
        raise Unavailable(message) from None


def environment_failure(error: BaseException) -> str | None:
    """One line for a failure of what the process runs on (the database, the chain node), which the
    operator can fix; None for anything else (a bug). For entry points' last-resort handlers."""
    message = database_failure(error)
    if message is None and "web3" in sys.modules:  # a chain error can only come from a loaded web3
        from governance.adapters.chain.errors import chain_failure

        message = chain_failure(error)
    return message


def _job_store(engine: Engine):
    from governance.adapters.sql.job_store import job_store  # APScheduler loads only to schedule

    return job_store(engine)


def _connection(chain, settings: Settings):
    """The chain connection to build on: the configured one, the one given, or None (no chain, or a
    test's fake Chain port)."""
    if chain is FROM_SETTINGS:
        from governance.adapters.chain.web3_chain import connect  # web3 loads only when needed
        return connect(settings)
    if chain is None:
        return None
    from governance.adapters.chain.connection import ChainConnection
    return chain if isinstance(chain, ChainConnection) else None


def _governors(engine: Engine, connection, settings: Settings, range_size: int | None) -> FollowedGovernors:
    from governance.adapters.governor.follower import GovernorFollower
    from governance.adapters.governor.indexer import RANGE

    return GovernorFollower(engine, connection, settings.chain_confirmations, range_size or RANGE)


def _chain(chain, engine: Engine, settings: Settings, clock: Clock) -> Chain | None:
    if chain is None:
        return None
    from governance.adapters.chain.connection import ChainConnection
    if not isinstance(chain, ChainConnection):
        return chain  # a Chain already (a test's fake)
    from governance.adapters.chain.web3_chain import build_chain

    if chain.embedded:
        _warn_embedded()
    return build_chain(engine, chain, settings, clock, uow=lambda: SqlUnitOfWork(engine),
                       read_uow=lambda: SqlUnitOfWork(engine, read_only=True))


@functools.cache
def _warn_embedded() -> None:
    """Once per process: a second embedded chain would only repeat it."""
    log.warning("recording to the embedded chain: its records vanish when this process exits; "
                "set FOLKMOOT_CHAIN=rpc with FOLKMOOT_CHAIN_RPC_URL for a lasting record")


def build_ai(settings: Settings, engine: Engine, clock: Clock, model,
             limits: OutputLimits | None) -> tuple[AiService, str]:
    """The AI pipeline on the selected backend (torch and transformers load only when first used),
    and why that backend answers."""
    from governance.adapters.llm.factory import build_ai_service
    from governance.adapters.llm.selection import select_backend
    from governance.adapters.sql.ai_store import SqlAiRecordStore

    if model is FROM_SETTINGS:
        model = select_backend(
            settings.model_backend, model_id=settings.model_id, http_base_url=settings.model_http_url,
            http_api_key=settings.model_http_api_key.get_secret_value() if settings.model_http_api_key else None,
            http_timeout=settings.model_timeout_seconds, in_subprocess=settings.model_in_subprocess,
        )
    service = build_ai_service(model, store=SqlAiRecordStore(engine), clock=clock, limits=limits)
    return service, model.reason


def migrate_database(settings: Settings | None = None) -> tuple[str | None, str]:
    """Creates or migrates the schema (`folkmoot db upgrade`): the revision now, and where."""
    settings = settings or load_settings()
    engine = database_engine(settings)
    try:
        with reaching_the_database(engine):
            upgrade(engine)
            return current_revision(engine), public_database_url(settings.database_url)
    finally:
        engine.dispose()


def chain_sandbox(gov: Governance) -> ChainSandbox:
    """Parties outside folkmoot on the app's chain: a wallet holder and a stranger (the demo)."""
    from governance.adapters.chain.sandbox import ChainSandbox
    from governance.adapters.chain.web3_chain import Web3Chain

    if not isinstance(gov.chain, Web3Chain):
        raise RuntimeError("a sandbox needs a web3 chain")
    return ChainSandbox(gov.chain)


def demo_chain(tokens: dict[str, tuple[str, str, int]]) -> ChainConnection:
    """The embedded chain, with ERC-20 stand-ins answering at the given addresses (address → name,
    symbol, decimals): a real mainnet proposal replayed on it decodes as on mainnet (the demo)."""
    from governance.adapters.governor.sandbox import chain_with_tokens

    return chain_with_tokens(tokens)


def governor_sandbox(gov: Governance) -> GovernorSandbox:
    """A DAO outside folkmoot on the app's chain, voting in its own OpenZeppelin Governor (the demo)."""
    from governance.adapters.chain.web3_chain import Web3Chain
    from governance.adapters.governor.sandbox import GovernorSandbox

    if not isinstance(gov.chain, Web3Chain):
        raise RuntimeError("a sandbox needs a web3 chain")
    return GovernorSandbox(gov.chain.connection)


def pull_model(model_id: str, revision: str | None = None):
    """Downloads a hub model into the local cache (`folkmoot model pull`); returns where it is."""
    from governance.adapters.llm.download import pull_model as download

    return download(model_id, revision)
