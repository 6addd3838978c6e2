"""Communities (one per Discord server): set up, configure, read."""

from __future__ import annotations

from typing import Any

from governance.application.base import ApplicationBase
from governance.domain import Actor, Community
from governance.services import communities, lookup


class Communities(ApplicationBase):
    def setup_community(self, community_id: int, name: str, actor: Actor, **settings: Any) -> Community:
        return communities.setup_community(self.uow(), self.clock, community_id=community_id,
                                           name=name, actor=actor, **settings)

    def configure(self, community_id: int, actor: Actor, **changes: Any) -> Community:
        return communities.configure(self.uow(), self.clock, community_id=community_id,
                                     actor=actor, **changes)

    def communities(self) -> list[Community]:
        with self.read_uow() as uow:
            return uow.communities.list()

    def community(self, community_id: int) -> Community:
        with self.read_uow() as uow:
            return lookup.community(uow, community_id)
