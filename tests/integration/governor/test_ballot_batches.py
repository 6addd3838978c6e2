"""Several members' signed ballots relayed in one transaction (RelayBatch, deployed at its deterministic
address through the CREATE2 deployer) to real OpenZeppelin 5 and 4.9 Governors on anvil: each counted
with its weight; a ballot refused before sending, or by the Governor inside the batch, is refused
alone; gas per ballot alone and batched."""

from __future__ import annotations

import pytest

from governance.domain import Support
from governance.domain.governor.delegation import RelayedBallot
from governance.errors import GovernanceError
from governance.services.governor_ballots import BallotRequest
from tests.integration.chain.helpers import send

from .conftest import MANAGER, governor_app
from .dao import UNIT, VOTING_DELAY, WEIGHTS, deploy_dao, transfer_call
from .test_ballot_relay import sign
from .wallets import link

pytestmark = [pytest.mark.integration, pytest.mark.anvil]


@pytest.mark.parametrize("version", [5, 4])
def test_ballots_relayed_together_count_each_and_cost_less_each(anvil, sqlite_engine, clock, community, version):
    from governance.adapters.governor.batch import batch_address

    dao = deploy_dao(anvil.w3, version=version)
    for holder in dao.voters:
        send(dao.token.functions.delegate(holder), holder)
    pids = [dao.propose([transfer_call(dao, anvil.accounts[9], n)], f"# Pay {n}\n\n{n} FOLK.") for n in (1, 2)]
    dao.mine(VOTING_DELAY + 1)
    app = governor_app(sqlite_engine, anvil, clock)
    app.attach_governor(community.id, MANAGER, dao.governor.address, from_block=0)
    app.sync_governors(community.id)
    actors = {index: link(app, community.id, index) for index in range(1, 6)}

    def request(index: int, number: str, support: Support, signed_for: str | None = None) -> BallotRequest:
        typed = app.governor_ballot(community.id, actors[index], signed_for or number, support)
        return BallotRequest(actors[index], number, support, sign(typed, index))

    alone = app.relay_governor_ballot(community.id, actors[5], "1", Support.FOR,
                                      sign(app.governor_ballot(community.id, actors[5], "1", Support.FOR), 5))
    assert alone.batch == 1

    supports = {1: Support.FOR, 2: Support.AGAINST, 3: Support.FOR, 4: Support.ABSTAIN}
    clean = app.relay_governor_ballots(community.id, [request(i, "2", s) for i, s in supports.items()])
    assert all(isinstance(o, RelayedBallot) for o in clean), clean
    assert [o.weight for o in clean] == [w * UNIT for w in WEIGHTS[:4]]
    assert len({o.tx_hash for o in clean}) == 1 and clean[0].batch == 4
    against, for_, abstain = dao.governor.functions.proposalVotes(pids[1]).call()
    assert (against, for_, abstain) == (WEIGHTS[1] * UNIT, (WEIGHTS[0] + WEIGHTS[2]) * UNIT, WEIGHTS[3] * UNIT)
    assert anvil.w3.eth.get_code(batch_address())  # deployed at its deterministic address

    mixed = app.relay_governor_ballots(community.id, [
        request(1, "1", Support.AGAINST),
        request(2, "1", Support.FOR, signed_for="2"),  # signed for proposal 2: refused before sending
        request(1, "1", Support.AGAINST),  # the same member twice: the Governor refuses the second
        request(3, "1", Support.ABSTAIN),
    ])
    assert [type(o).__name__ for o in mixed] == ["RelayedBallot", "InvalidInput", "InvalidInput", "RelayedBallot"]
    assert "signature" in str(mixed[1]) and "The Governor refuses that ballot" in str(mixed[2])
    assert mixed[0].tx_hash == mixed[3].tx_hash and mixed[0].batch == 2
    assert dao.governor.functions.proposalVotes(pids[0]).call() == [WEIGHTS[0] * UNIT, WEIGHTS[4] * UNIT,
                                                                     WEIGHTS[2] * UNIT]
    assert isinstance(mixed[1], GovernanceError)
    per_ballot = clean[0].gas_used // clean[0].batch
    print(f"\ncastVoteBySig relayed (OpenZeppelin {version}): alone {alone.gas_used} gas; batch of 4 "
          f"{clean[0].gas_used} gas, {per_ballot} per ballot")
    assert per_ballot < alone.gas_used
