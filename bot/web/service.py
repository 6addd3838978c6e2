"""The wallet page as a long-running service: `folkmoot web` alone, or beside the bot in `folkmoot run`
when FOLKMOOT_WEB_URL and FOLKMOOT_WEB_BIND are set."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.web.app import make_app
from governance.application import Governance
from governance.config import ConfigError, Settings

log = logging.getLogger("folkmoot.web")


def bind_address(settings: Settings) -> tuple[str, int]:
    if not settings.web_url:
        raise ConfigError("FOLKMOOT_WEB_URL: not set; the wallet page's public base URL, e.g. https://vote.example.org")
    if not settings.web_bind:
        raise ConfigError("FOLKMOOT_WEB_BIND: not set; where the wallet page listens, e.g. 127.0.0.1:8080")
    host, _, port = settings.web_bind.rpartition(":")
    return host.strip("[]"), int(port)


class WebService:
    """A lifecycle Service (bot.lifecycle): serves the page until stopped."""

    name = "wallet page"

    def __init__(self, gov: Governance, host: str, port: int):
        self.gov, self.host, self.port = gov, host, port
        self.runner: web.AppRunner | None = None

    async def start(self) -> None:
        self.runner = web.AppRunner(make_app(self.gov), access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:
            await self.runner.cleanup()
            raise ConfigError(f"FOLKMOOT_WEB_BIND: cannot listen on {self.host}:{self.port} "
                              f"({error.strerror or type(error).__name__})") from None
        log.info("wallet page at %s (listening on %s:%s)", self.gov.page.url, self.host, self.port)

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()
