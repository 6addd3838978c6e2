"""A proposal's text and lifecycle, what members read of it, and where it was announced."""

from __future__ import annotations

from datetime import timedelta

from governance.application.base import ApplicationBase
from governance.domain import Actor, Proposal, ProposalState, Vote
from governance.domain.announcements import Announcement
from governance.errors import InvalidState
from governance.services import lookup, proposals, queries


class Proposals(ApplicationBase):
    def create_draft(self, community_id: int, actor: Actor, title: str, body: str,
                     provenance_id: int | None = None) -> Proposal:
        """provenance_id: the AI output that wrote this text (write_draft); its hash goes on-chain."""
        if self.governors is not None and self.governors.follows(community_id):
            address = self.governors.info(community_id).address
            raise InvalidState(f"This community follows the Governor {address}: proposals are made on-chain "
                               "there, and /proposal list shows them here.")
        return proposals.create_draft(self.uow(), self.clock, community_id=community_id, actor=actor,
                                      title=title, body=body, provenance_id=provenance_id)

    def revise(self, proposal_id: int, actor: Actor, title: str | None = None, body: str | None = None,
               provenance_id: int | None = None) -> Proposal:
        return proposals.revise(self.uow(), self.clock, proposal_id=proposal_id, actor=actor,
                                title=title, body=body, provenance_id=provenance_id)

    def publish(self, proposal_id: int, actor: Actor, voting_period: timedelta | None = None,
                eligible_count: int | None = None) -> Proposal:
        return proposals.publish(self.uow(), self.clock, proposal_id=proposal_id, actor=actor,
                                 voting_period=voting_period, eligible_count=eligible_count)

    def withdraw(self, proposal_id: int, actor: Actor) -> Proposal:
        return proposals.withdraw(self.uow(), self.clock, proposal_id=proposal_id, actor=actor)

    def discard(self, proposal_id: int, actor: Actor) -> Proposal:
        """A draft only: a published proposal is refused (withdraw it instead)."""
        return proposals.withdraw(self.uow(), self.clock, proposal_id=proposal_id, actor=actor,
                                  discard_only=True)

    # reading
    def show(self, proposal_id: int) -> Proposal:
        return queries.show(self.read_uow(), proposal_id)

    def list(self, community_id: int | None = None, states: tuple[ProposalState, ...] = (),
             limit: int = 25) -> list[Proposal]:
        return queries.list_proposals(self.read_uow(), community_id, states, limit)

    def tally(self, proposal_id: int) -> queries.TallyView:
        return queries.tally(self.read_uow(), proposal_id)

    def tally_views(self, loaded: list[Proposal]) -> list[queries.TallyView]:
        """The count and standing of proposals already loaded, in one read (no proposal read again)."""
        return queries.tally_views(self.read_uow(), loaded)

    def votes(self, proposal_id: int) -> list[Vote]:
        return queries.votes(self.read_uow(), proposal_id)

    # where proposals were announced (reminders and results are posted there too)
    def record_announcement(self, proposal_id: int, channel_id: int, message_id: int) -> None:
        with self.uow() as uow:
            lookup.proposal(uow, proposal_id, with_revisions=False)
            uow.announcements.put(Announcement(proposal_id, channel_id, message_id, self.clock.now()))
            uow.commit()

    def announcement(self, proposal_id: int) -> Announcement | None:
        with self.read_uow() as uow:
            return uow.announcements.get(proposal_id)
