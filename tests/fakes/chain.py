"""A chain port (governance.ports.Chain) that records nothing: every read answers "not on-chain
yet" and every write is accepted and forgotten. Tests subclass it to script what the chain says."""

from __future__ import annotations

from dataclasses import dataclass

from governance.ports import LedgerDeployment, OnChainProposal


@dataclass
class Relayed:
    sent: int = 0
    confirmed: int = 0
    reconciled: int = 0
    failed: int = 0
    blocked: str | None = None


class QuietChain:
    description = "a test chain that records nothing"
    embedded = False

    def location(self, community_id: int) -> str | None:
        return None

    def revision(self, community_id: int, proposal_id: int, number: int) -> tuple[str, str | None] | None:
        return None

    def proposal(self, community_id: int, proposal_id: int) -> OnChainProposal | None:
        return None

    def ballots(self, community_id: int, proposal_id: int, voters: list[str]) -> dict[str, int | None]:
        return dict.fromkeys(voters)

    def anchored_at(self, community_id: int, root: str) -> int | None:
        return None

    def provenance_included(self, community_id: int, root: str, leaf: bytes, proof: list[bytes]) -> bool:
        return False

    def read_past(self, community_id: int, moment) -> bool:
        return True  # nobody casts wallet ballots here

    def sync(self) -> None:
        pass

    def relay(self) -> Relayed:
        return Relayed()

    def read_signed_ballots(self) -> int:
        return 0

    def deploy(self, community_id: int) -> LedgerDeployment:
        return LedgerDeployment(community_id, "0x" + "00" * 20, 31337, 0)

    def deployments(self) -> list[LedgerDeployment]:
        return []

    def outbox_counts(self) -> dict[str, int]:
        return {}

    def proves_wallet(self, community_id: int, voter: str, wallet: str, signature: str) -> bool:
        return False

    def vote_transaction(self, proposal_id: int, voter: str, sequence: int) -> str | None:
        return None

    def follow_clock(self, timestamp: int) -> None:
        pass
