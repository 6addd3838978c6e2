"""`folkmoot web`: the wallet page alone, until SIGINT or SIGTERM."""

from __future__ import annotations

import asyncio
import logging

from bot.lifecycle import services_running, until_stopped
from bot.logs import configure_logging
from bot.web.service import WebService, bind_address
from governance.application import Governance
from governance.bootstrap import FROM_SETTINGS, bootstrap
from governance.config import ConfigError, Settings, load_settings

log = logging.getLogger("folkmoot.web")


def web_services(gov: Governance, settings: Settings) -> list[WebService]:
    """The wallet page beside the bot, when its URL and bind address are set (`folkmoot run`)."""
    if not (settings.web_url and settings.web_bind):
        return []
    return [WebService(gov, *bind_address(settings))]


def run_web(settings: Settings | None = None) -> None:
    settings = settings or load_settings()
    host, port = bind_address(settings)
    if settings.chain == "off":
        raise ConfigError("FOLKMOOT_CHAIN: the wallet page needs a chain (embedded or rpc), not off")
    configure_logging(settings)
    gov = bootstrap(settings, chain=FROM_SETTINGS, model=FROM_SETTINGS)
    try:
        asyncio.run(_serve(WebService(gov, host, port)))
    finally:
        gov.shutdown(timeout=1.0)


async def _serve(service: WebService) -> None:
    async with services_running([service]):
        forever = asyncio.get_running_loop().create_future()
        await until_stopped(forever, lambda: _done(forever))


async def _done(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)
