"""The bot's chain loop: the ledger's relay and each followed Governor's indexing back off on their
own, so a Governor whose node is down never stops the relay, nor another Governor (and the relay
failing never stops the Governors)."""

from __future__ import annotations

from governance.application.chain_loop import MAX_BACKOFF, ChainLoop, GovernorSyncPass
from governance.ports import ChainUnavailable
from tests.fakes.governors import FakeGovernors


class Lock:
    def try_acquire(self) -> bool:
        return True

    def still_held(self) -> bool:
        return True

    def release(self) -> None:
        pass


class Time:
    def __init__(self) -> None:
        self.now = 1_000.0

    def __call__(self) -> float:
        return self.now


def test_a_governor_whose_node_is_down_backs_off_alone():
    governors, time = FakeGovernors(), Time()
    for community in (1, 2):
        governors.follow(community)
    governors.down.add(1)
    sync = GovernorSyncPass(governors, interval=1.0, now=time)
    relayed = []
    loop = ChainLoop(lambda: relayed.append(time.now), lambda: None, Lock(), governors=sync)
    for _ in range(10):  # ten passes in the same second
        loop.run_once()
    assert relayed == [1_000.0] * 10 and governors.synced == [2] * 10  # the relay and the other Governor go on
    waits = []
    for _ in range(8):  # community 1 is tried again after 1, 2, 4 … seconds, up to MAX_BACKOFF
        waits.append(sync.backoffs[1].next_try - time.now)
        time.now = sync.backoffs[1].next_try
        loop.run_once()
    assert waits == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, MAX_BACKOFF, MAX_BACKOFF]
    governors.down.clear()
    time.now = sync.backoffs[1].next_try
    loop.run_once()
    assert governors.synced[-2:] == [1, 2] and sync.backoffs[1].due()  # back to every pass


def test_the_relay_failing_does_not_stop_the_governors():
    governors = FakeGovernors()
    governors.follow(1)

    def relay() -> None:
        raise ChainUnavailable("the ledger's node is down")

    loop = ChainLoop(relay, lambda: None, Lock(), governors=GovernorSyncPass(governors))
    loop.run_once()
    loop.run_once()
    assert governors.synced == [1, 1] and not loop.ledger_backoff.due()
