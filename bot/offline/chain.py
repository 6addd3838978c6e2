"""No chain configured: every chain question gets an honest 'not recorded' answer."""

from __future__ import annotations

from bot.services import VerifyItem
from governance.domain import Tally
from governance.errors import Unavailable

NO_CHAIN = "No chain is configured for this bot, so nothing is recorded on-chain yet."


class NoChain:
    configured = False

    async def verify(self, proposal_id: int) -> list[VerifyItem]:
        return []

    async def vote_receipt(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        return None

    async def recorded_tally(self, proposal_id: int) -> Tally | None:
        return None

    async def link_wallet(self, community_id: int, actor, address: str, signature: str) -> None:
        raise Unavailable(NO_CHAIN)

    async def wallet_instructions(self, community_id: int) -> str:
        return (
            f"{NO_CHAIN}\n\nWallet voting (signing your vote with an Ethereum wallet) becomes available "
            "once the server's operator connects a chain. Until then, vote with the buttons under a "
            "proposal or with `/vote`."
        )
