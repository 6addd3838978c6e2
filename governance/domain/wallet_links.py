"""Which wallets are linked to which member, folded from the community's link and unlink records.

A wallet is linked to one member at a time; unlinking (the member asks, loses the voter role or leaves)
ends that link, and the wallet may later be linked again, under a new generation of its record key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from governance.domain.outbox import OutboxRecord, RecordKind, RecordStatus


def link_message(community_id: int, voter: str, wallet: str) -> str:
    """The exact text a wallet signs (EIP-191 personal_sign) to prove it may be linked to the voter."""
    return (f"I link wallet {wallet.lower()} to my folkmoot vote as {voter} "
            f"in community {community_id}.")


@dataclass(frozen=True)
class WalletLinks:
    live: dict[str, str]  # lower-case wallet → member ("discord:<id>"), oldest link first
    unlinks: dict[str, int]  # lower-case wallet → how many times it was unlinked
    last_unlinked: dict[str, datetime]  # member → when their last wallet link was undone

    @classmethod
    def fold(cls, records: list[OutboxRecord]) -> WalletLinks:
        """records: LINK and UNLINK records, oldest first; links the chain refused do not count."""
        live: dict[str, str] = {}
        unlinks: dict[str, int] = {}
        last_unlinked: dict[str, datetime] = {}
        for r in records:
            wallet, member = r.payload["wallet"].lower(), r.payload["voter"]
            if r.kind is RecordKind.LINK and r.status is not RecordStatus.FAILED:
                live[wallet] = member
            elif r.kind is RecordKind.UNLINK:
                unlinks[wallet] = unlinks.get(wallet, 0) + 1
                if live.get(wallet) == member:
                    del live[wallet]
                last_unlinked[member] = r.created_at
        return cls(live, unlinks, last_unlinked)

    def wallets_of(self, member: str) -> list[str]:
        return [w for w, m in self.live.items() if m == member]

    def by_member(self) -> dict[str, str]:
        """Each member's wallet; the latest link wins."""
        return {member: wallet for wallet, member in self.live.items()}

    def generation(self, wallet: str) -> int:
        return self.unlinks.get(wallet.lower(), 0)

    def unlinked_since(self, member: str, when: datetime) -> bool:
        """Whether the member has no wallet linked and their last link was undone at or before `when`:
        a ballot signed after that is not theirs to cast."""
        undone = self.last_unlinked.get(member)
        return undone is not None and undone <= when and not self.wallets_of(member)
