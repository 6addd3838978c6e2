"""The bot's view of the on-chain record: verify, vote receipts, the chain's tally, wallet voting."""

from __future__ import annotations

import asyncio

from bot.services import VerifyItem
from governance.app import Governance
from governance.domain import Tally
from governance.domain.outbox import RecordStatus
from governance.services.records import vote_record_key
from governance.services.verification import Check

_OK = {Check.PASS: True, Check.FAIL: False, Check.PENDING: None}


class LedgerRecords:
    configured = True

    def __init__(self, governance: Governance):
        self.governance = governance

    async def verify(self, proposal_id: int) -> list[VerifyItem]:
        report = await asyncio.to_thread(self.governance.verify, proposal_id)
        return [VerifyItem(item.name, _OK[item.check], item.detail) for item in report.items]

    async def vote_receipt(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        key = vote_record_key(proposal_id, voter, sequence)
        record = await asyncio.to_thread(self.governance.outbox_record, key)
        return record.tx_hash if record and record.status is RecordStatus.CONFIRMED else None

    async def recorded_tally(self, proposal_id: int) -> Tally | None:
        def read() -> Tally | None:
            proposal = self.governance.show(proposal_id)
            on_chain = self.governance.ledger.proposal(proposal.community_id, proposal_id)
            return on_chain.tally if on_chain else None
        return await asyncio.to_thread(read)

    async def link_wallet(self, community_id: int, actor, address: str, signature: str) -> None:
        await asyncio.to_thread(self.governance.link_wallet, community_id, actor, address, signature)

    async def wallet_instructions(self, community_id: int) -> str:
        location = await asyncio.to_thread(self.governance.ledger.location, community_id)
        where = f"This server's ledger is `{location}`." if location else (
            "This server's ledger is deployed with its first record.")
        return (
            f"{where}\n\n"
            "**1. Link your wallet once.** Sign this exact message with your wallet (personal_sign):\n"
            "`I link wallet <your address, lower case> to my folkmoot vote as discord:<your member id> "
            f"in community {community_id}.`\n"
            "then run `/wallet` with your `address` and the `signature`. Your wallet then votes in "
            "your own slot: a wallet vote replaces your button vote, never adds to it.\n\n"
            "**2. Vote.** Sign the EIP-712 `Ballot(bytes32 proposalKey, uint8 support, address voter, "
            "uint256 nonce, uint256 deadline)` for the ledger above (domain `FolkmootLedger`, version `1`); "
            "`proposalKey` is the proposal number as a 32-byte big-endian integer, `support` is "
            "0 Against, 1 For, 2 Abstain, `nonce` is `nonces(your address)`. Anyone may submit it with "
            "`castVoteBySig`; the bot picks it up and shows it in `/tally`."
        )
