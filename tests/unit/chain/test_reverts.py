"""A ledger's refusal reads as its decoded error: bytes as 0x-hex, never b'\\x00…' (#12)."""

from __future__ import annotations

from governance.adapters.chain.reverts import LedgerRevert


def test_a_refusal_reads_as_hex_not_bytes():
    revert = LedgerRevert("AccessControlUnauthorizedAccount",
                          ("0x70997970C51812dc3A010C7d01b50e0d17dc79C8", bytes.fromhex("ab" * 32)))
    assert str(revert) == f"AccessControlUnauthorizedAccount(0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 0x{'ab' * 32})"
    assert "b'" not in str(LedgerRevert("LedgerProposalAlreadyClosed", (b"\0" * 32, 2)))
