"""Following an existing on-chain Governor: plain values and pure rules (no web3, no SQL).

The adapter (`governance.adapters.governor`) reads the chain and decodes calldata into these
values; the rules here check a proposal's description against what its calls do.
"""

from governance.domain.governor.calls import Argument, Call, DecodedCall, Movement, TokenInfo
from governance.domain.governor.findings import Finding, Severity
from governance.domain.governor.review import CheckLimits, review_proposal

__all__ = [
    "Argument", "Call", "CheckLimits", "DecodedCall", "Finding", "Movement", "Severity", "TokenInfo",
    "review_proposal",
]
