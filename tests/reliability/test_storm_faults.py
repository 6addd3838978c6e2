"""Vote storms under faults: PostgreSQL restarted in the middle of one, and the RPC node unreachable
during one. Nothing is lost, users hear one-line errors meanwhile, and everything recovers by itself.

The PostgreSQL test really stops and starts the local server (it needs root and `pg_ctlcluster`),
and always leaves it running.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import text

from governance.adapters.chain.connection import rpc_chain
from governance.adapters.chain.errors import ChainUnavailable
from governance.adapters.chain.relayer import Relayer
from governance.bootstrap import bootstrap
from governance.clock import ManualClock
from governance.config import Settings
from governance.domain import Actor, Support
from governance.domain.outbox import RecordStatus
from governance.errors import GovernanceError, Unavailable
from tests.conftest import GUILD, START, VOTER_ROLE, member, private_schema
from tests.integration.ledger.conftest import ANVIL_KEY, anvil_node, chain_clock, chain_gov  # noqa: F401
from tests.integration.ledger.rpc_proxy import RpcProxy
from tests.integration.ledger.test_relayer_faults import assert_exactly_once, make_round

pytestmark = pytest.mark.reliability
ADMIN = Actor(id="discord:1", is_admin=True)


# --- what each caller heard ------------------------------------------------------------------

@dataclass
class Call:
    n: int  # member(n) cast it
    support: Support
    submitted: float  # time.monotonic() when the vote was handed over
    result: object = None  # the receipt, or the exception raised

    @property
    def voter(self) -> str:
        return member(self.n).id

    @property
    def accepted(self) -> bool:
        return not isinstance(self.result, BaseException)


def assert_clear_refusal(call: Call) -> None:
    """A refusal a user may read: a GovernanceError (Unavailable here) whose text is one line."""
    error = call.result
    assert isinstance(error, GovernanceError), f"{call.voter}: {type(error).__name__}: {error}"
    assert isinstance(error, Unavailable), f"{call.voter}: {type(error).__name__}: {error}"
    message = str(error)
    assert message and "\n" not in message and message == message.strip(), repr(message)


async def storm(gov, proposal_id: int, members: Iterator[int], wave: int, every: float,
                keep_going) -> list[Call]:
    """Waves of distinct members voting at once (as the bot's event loop receives them)."""
    calls: list[Call] = []

    async def one(n: int) -> None:
        call = Call(n, Support(n % 3), time.monotonic())
        calls.append(call)
        try:
            call.result = await gov.vote_async(proposal_id, member(n), call.support)
        except Exception as error:  # noqa: BLE001 - judged afterwards
            call.result = error

    tasks = []
    while keep_going():
        tasks += [asyncio.create_task(one(next(members))) for _ in range(wave)]
        await asyncio.sleep(every)
    await asyncio.wait_for(asyncio.gather(*tasks), timeout=120)
    return calls


def open_proposal(gov) -> int:
    gov.setup_community(GUILD, "Storm guild", ADMIN, quorum="3", voting_period=timedelta(days=3),
                        eligible_role_id=VOTER_ROLE)
    draft = gov.create_draft(GUILD, member(0), "Storm", "Everyone votes at once.")
    return gov.publish(draft.id, member(0)).id


# --- the PostgreSQL server -------------------------------------------------------------------

def _cluster() -> str:
    return max(os.listdir("/etc/postgresql"))


def pg_ctl(action: str, *options: str) -> None:
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", _cluster(), "main", action, *options],
                   check=True, capture_output=True, timeout=120)


def postgres_ready() -> bool:
    return subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432", "-t", "2"],
                          check=False, capture_output=True).returncode == 0


def wait_until_ready(timeout: float = 90.0) -> None:
    deadline = time.monotonic() + timeout
    while not postgres_ready():
        if time.monotonic() > deadline:
            raise RuntimeError("PostgreSQL did not come back")
        time.sleep(0.1)


def ensure_postgres_running() -> None:
    if postgres_ready():
        return
    try:
        pg_ctl("start")
    except subprocess.CalledProcessError:
        pass  # already starting
    wait_until_ready()


@pytest.fixture
def postgres_engine():
    """A private schema whose teardown first waits for the server this test restarts."""
    if shutil.which("pg_ctlcluster") is None or os.geteuid() != 0 or not os.path.isdir("/etc/postgresql"):
        # a developer's machine may not let us restart its server; CI's (root, local cluster) must
        reason = "restarting PostgreSQL needs root and pg_ctlcluster"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    with private_schema(before_drop=ensure_postgres_running) as engine:
        yield engine


# --- watching the group commit's transactions ------------------------------------------------

@dataclass
class Transaction:
    written: list[str] = field(default_factory=list)  # voters whose rows it inserted
    committed: bool = False
    error: BaseException | None = None


class RecordingUnitOfWork:
    """Wraps the real unit of work: which votes each transaction wrote, and whether it committed.
    `before_commit` may hold a transaction at its commit (to stop the server right there)."""

    def __init__(self, inner, log: list[Transaction], before_commit):
        self._inner, self._log, self._before_commit = inner, log, before_commit

    def __enter__(self):
        self._inner.__enter__()
        self.transaction = Transaction()
        self._log.append(self.transaction)
        put_many = self._inner.votes.put_many

        def recording_put_many(votes):
            put_many(votes)
            self.transaction.written += [v.voter for v in votes]
        self._inner.votes.put_many = recording_put_many
        return self

    def __getattr__(self, name):
        return getattr(self._inner, name)

    def commit(self) -> None:
        self._before_commit(self.transaction)
        self._inner.commit()
        self.transaction.committed = True

    def rollback(self) -> None:
        self._inner.rollback()

    def __exit__(self, exc_type, exc, tb):
        self.transaction.error = exc
        try:
            return self._inner.__exit__(exc_type, exc, tb)
        except BaseException as translated:
            self.transaction.error = translated
            raise


class Restart(threading.Thread):
    """Stops PostgreSQL while the group commit holds a batch of several votes at its COMMIT,
    keeps it down for a moment, then starts it again."""

    def __init__(self, down_for: float):
        super().__init__(name="postgres-restart", daemon=True)
        self.down_for = down_for
        self.armed, self.caught, self.release = threading.Event(), threading.Event(), threading.Event()
        self.trapped: Transaction | None = None
        self.stopped_at: float | None = None
        self.ready_at: float | None = None
        self.error: BaseException | None = None

    def before_commit(self, transaction: Transaction) -> None:  # runs in the vote-writer thread
        if self.armed.is_set() and not self.caught.is_set() and len(transaction.written) > 1:
            self.trapped = transaction
            self.caught.set()
            self.release.wait(30)

    def run(self) -> None:
        try:
            self.armed.set()
            self.caught.wait(10)
            pg_ctl("stop", "--mode=fast")
            self.stopped_at = time.monotonic()
            self.release.set()
            time.sleep(self.down_for)
        except BaseException as error:  # noqa: BLE001 - reported by the test
            self.error = error
        finally:
            self.release.set()
            try:
                ensure_postgres_running()
            except BaseException as error:  # noqa: BLE001
                self.error = self.error or error
            self.ready_at = time.monotonic()


@pytest.mark.postgres
@pytest.mark.integration
def test_postgres_restarted_during_a_vote_storm(postgres_engine):
    gov = bootstrap(Settings(), engine=postgres_engine, clock=ManualClock(START), migrate=False)
    proposal_id = open_proposal(gov)
    transactions: list[Transaction] = []
    restart = Restart(down_for=1.0)
    real_uow = gov.uow
    gov.uow = lambda: RecordingUnitOfWork(real_uow(), transactions, restart.before_commit)
    gov.start_batching()
    members = iter(range(1, 1_000_000))
    began = time.monotonic()

    def keep_going() -> bool:
        now = time.monotonic()
        if now - began >= 1.0 and not restart.is_alive() and restart.ready_at is None:
            restart.start()
        if now - began > 30:  # the server never came back; stop the storm, the asserts will say why
            return False
        return restart.ready_at is None or now - restart.ready_at < 1.0

    try:
        calls = asyncio.run(storm(gov, proposal_id, members, wave=25, every=0.04, keep_going=keep_going))
    finally:
        restart.release.set()
        if restart.is_alive():
            restart.join(120)
        ensure_postgres_running()
    assert restart.error is None, restart.error
    assert restart.stopped_at is not None and restart.ready_at is not None

    # every caller heard a receipt or a clear, one-line refusal; some were refused, none otherwise
    accepted = [c for c in calls if c.accepted]
    refused = [c for c in calls if not c.accepted]
    for call in refused:
        assert_clear_refusal(call)
    assert 2_000 <= len(calls) and accepted and refused, (len(calls), len(accepted), len(refused))

    # automatic recovery: every vote handed over after the server was back was accepted
    after = [c for c in calls if c.submitted > restart.ready_at]
    assert after and all(c.accepted for c in after), [c.result for c in after if not c.accepted][:3]

    # the batch held at COMMIT while the server stopped: refused as a whole, nothing of it written
    trapped = restart.trapped
    assert trapped is not None and len(trapped.written) > 1
    assert not trapped.committed and isinstance(trapped.error, Unavailable)
    outcome = {c.voter: c for c in calls}
    assert all(not outcome[voter].accepted for voter in trapped.written)
    # ...and so for every transaction: its votes were all accepted (it committed) or all refused
    for transaction in transactions:
        for voter in transaction.written:
            assert outcome[voter].accepted == transaction.committed, (voter, transaction)

    # nothing lost, nothing invented: the database holds exactly the accepted votes, each with its
    # support and exactly one outbox record
    with postgres_engine.connect() as connection:
        rows = {voter: (support, changes) for voter, support, changes in connection.execute(
            text("SELECT voter, support, changes FROM vote WHERE proposal_id = :p"), {"p": proposal_id})}
        outbox = Counter({key: n for key, n in connection.execute(
            text("SELECT key, count(*) FROM outbox WHERE kind = 'vote' GROUP BY key"))})
    assert rows == {c.voter: (int(c.support), 0) for c in accepted}
    assert outbox == Counter({f"vote:{proposal_id}:{c.voter}:0": 1 for c in accepted})
    assert gov.tally(proposal_id).tally.participants == len(accepted)

    # the members who were refused vote again, and it works (a first vote: nothing of theirs was kept)
    async def again() -> list:
        return await asyncio.gather(*(gov.vote_async(proposal_id, member(c.n), c.support) for c in refused))
    receipts = asyncio.run(again())
    assert all(r.previous is None and r.vote.changes == 0 for r in receipts)
    with postgres_engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM vote WHERE proposal_id = :p"),
                                   {"p": proposal_id}).scalar_one()
        keys = connection.execute(text("SELECT count(*), count(DISTINCT key) FROM outbox WHERE kind = 'vote'")).one()
    assert count == len(calls) and tuple(keys) == (len(calls), len(calls))
    assert gov.tally(proposal_id).tally.participants == len(calls)

    # a restart while nobody votes: the pool's connections are all dead, and the next vote still
    # goes through at the first try
    try:
        pg_ctl("stop", "--mode=fast")
    finally:
        ensure_postgres_running()
    late = member(len(calls) + 10)
    receipt = asyncio.run(gov.vote_async(proposal_id, late, Support.FOR))
    assert receipt.vote.voter == late.id and gov.vote(proposal_id, late, Support.AGAINST).previous is Support.FOR
    assert gov.tally(proposal_id).tally.participants == len(calls) + 1


# --- the RPC node unreachable ----------------------------------------------------------------

@pytest.fixture
def connection(anvil_node):  # noqa: F811 - chain_gov's chain: anvil, reached directly
    return rpc_chain(anvil_node.w3.provider.endpoint_uri, ANVIL_KEY)


class RelayLoop(threading.Thread):
    """A relay pass, and on ChainUnavailable a backoff and another try: the relaying part of the bot's
    ChainLoop (without its leader lock and indexer), in a thread the test can watch and stop."""

    def __init__(self, relayer: Relayer):
        super().__init__(name="relay-loop", daemon=True)
        self.relayer = relayer
        self.stop = threading.Event()
        self.passes = 0
        self.unavailable = 0
        self.errors: list[BaseException] = []

    def run(self) -> None:
        delay = 0.05
        while not self.stop.is_set():
            try:
                self.relayer.relay()
                self.passes += 1
                delay = 0.05
            except ChainUnavailable:
                self.unavailable += 1
                delay = min(delay * 2, 0.4)
            except Exception as error:  # noqa: BLE001 - anything else is a failure of the test
                self.errors.append(error)
                delay = min(delay * 2, 0.4)
            self.stop.wait(delay)


def outbox_counts(gov, proposal_id: int) -> Counter:
    with gov.uow() as uow:
        return Counter(r.status for r in uow.outbox.for_proposal(proposal_id) if r.kind.value == "vote")


@pytest.mark.integration
@pytest.mark.anvil
def test_rpc_unreachable_during_a_vote_storm(chain_gov, sqlite_engine, anvil_node):  # noqa: F811
    gov = chain_gov
    proxy = RpcProxy(anvil_node.w3.provider.endpoint_uri)
    loop = RelayLoop(Relayer(sqlite_engine, rpc_chain(proxy.url, ANVIL_KEY)))
    try:
        proposal_id = make_round(gov, voters=0)  # two revisions and the opening, as assert_exactly_once expects
        gov.start_batching()
        loop.relayer.relay()  # the ledger deployed and the proposal opened: votes flow from the start
        loop.start()
        members = iter(range(1, 1_000_000))
        began = time.monotonic()
        went_down: list[float] = []

        def keep_going() -> bool:
            elapsed = time.monotonic() - began
            if elapsed >= 0.4 and not went_down:
                proxy.down = True  # the node becomes unreachable in the middle of the storm
                went_down.append(time.monotonic())
            return elapsed < 1.6

        first = asyncio.run(storm(gov, proposal_id, members, wave=40, every=0.04, keep_going=keep_going))
        # while the node is still down, a fifth of the members change their vote
        changers = [c for c in first if c.n % 5 == 0]

        async def change() -> list:
            return await asyncio.gather(*(gov.vote_async(proposal_id, member(c.n), Support((c.n + 1) % 3))
                                          for c in changers), return_exceptions=True)
        changes = asyncio.run(change())
        time.sleep(1.0)  # the relayer keeps failing and backing off
        assert proxy.down

        # the database took every vote while the chain was unreachable; nothing reached the chain meanwhile
        assert all(c.accepted for c in first), [c.result for c in first if not c.accepted][:3]
        assert all(not isinstance(r, BaseException) and r.previous is not None for r in changes), changes[:3]
        during = [c for c in first if c.submitted > went_down[0]]
        assert len(first) >= 1_000 and during
        assert loop.unavailable >= 2 and not loop.errors, loop.errors
        while_down = outbox_counts(gov, proposal_id)
        assert sum(while_down.values()) == len(first) + len(changers)
        assert while_down[RecordStatus.PENDING] > 0
        time.sleep(0.5)
        assert outbox_counts(gov, proposal_id)[RecordStatus.CONFIRMED] == while_down[RecordStatus.CONFIRMED]

        # the node comes back: the relayer catches up by itself, every vote lands exactly once
        proxy.down = False
        deadline = time.monotonic() + 90
        while set(counts := outbox_counts(gov, proposal_id)) != {RecordStatus.CONFIRMED}:
            assert time.monotonic() < deadline and RecordStatus.FAILED not in counts, counts
            assert not loop.errors, loop.errors
            time.sleep(0.2)
    finally:
        loop.stop.set()
        loop.join(60)
        proxy.close()
    assert not loop.errors, loop.errors
    assert_exactly_once(gov, proposal_id)
    database = gov.tally(proposal_id).tally
    assert database.participants == len(first)
    assert gov.ledger.proposal(GUILD, proposal_id).tally == database
