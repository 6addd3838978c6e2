"""Token details for decoding on an attached chain: mainnet's table on chain 1, else `symbol()` and
`decimals()` read from the contract (once per address; a contract without them is not a token)."""

from __future__ import annotations

from web3 import Web3

from governance.adapters.governor.decoder import CallDecoder
from governance.adapters.governor.reads import read_one
from governance.adapters.governor.well_known import MAINNET, MAINNET_LABELS, MAINNET_NAMES, MAINNET_TOKENS
from governance.adapters.sql.governor_tables import FollowedGovernorRow
from governance.domain.governor import TokenInfo


class ChainTokens:
    def __init__(self, w3: Web3, chain_id: int):
        self.w3 = w3
        self.chain_id = chain_id
        self._known: dict[str, TokenInfo | None] = {}

    def __call__(self, address: str) -> TokenInfo | None:
        address = address.lower()
        if self.chain_id == MAINNET and address in MAINNET_TOKENS:
            return MAINNET_TOKENS[address]
        if address not in self._known:
            self._known[address] = self._read(address)
        return self._known[address]

    def _read(self, address: str) -> TokenInfo | None:
        if not Web3.is_address(address) or not self.w3.eth.get_code(Web3.to_checksum_address(address)):
            return None
        symbol = read_one(self.w3, address, "symbol()", "string")
        decimals = read_one(self.w3, address, "decimals()", "uint8")
        if not symbol or decimals is None:
            return None
        return TokenInfo(address, " ".join(symbol.split())[:20], decimals)


def chain_decoder(w3: Web3, governor: FollowedGovernorRow, tokens: ChainTokens | None = None) -> CallDecoder:
    """Decodes with this chain's tokens; the Governor, its Timelock and its token are named."""
    mainnet = governor.chain_id == MAINNET
    labels = dict(MAINNET_LABELS) if mainnet else {}
    labels[governor.address.lower()] = "the Governor"
    if governor.timelock_address:
        labels[governor.timelock_address.lower()] = "the Timelock"
    governing = frozenset(a for a in (governor.address, governor.timelock_address) if a)
    return CallDecoder(tokens or ChainTokens(w3, governor.chain_id), labels, governing,
                       MAINNET_NAMES if mainnet else {})
