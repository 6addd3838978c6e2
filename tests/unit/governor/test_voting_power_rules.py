"""The voting-power doctor's rules and the reminder rules on readings as the chain would give them:
each case, its facts and fix, and who gets a reminder before a Governor vote ends."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from governance.domain.governor.calls import TokenInfo
from governance.domain.governor.delegation import DelegationDomain, delegation_typed_data
from governance.domain.governor.power import CastVote, PowerCase, PowerReading, diagnose
from governance.domain.governor.power_reminders import reminder_text

FOLK = TokenInfo("0x" + "f0" * 20, "FOLK", 18)
UNIT = 10**18
ME, THEM = "0x" + "aa" * 20, "0x" + "bb" * 20
ACTIVE = dict(proposal_number=3, proposal_id="77", proposal_title="Fund the docs", proposal_state="active",
              snapshot=1_000, snapshot_final=True, past_known=True, has_voted=False)


def reading(**facts) -> PowerReading:
    base = dict(wallet=ME, token=FOLK, clock="blocknumber", balance_now=0, delegate_now=None, votes_now=0)
    return PowerReading(**{**base, **facts})


@pytest.mark.parametrize(("facts", "case", "said"), [
    (dict(power_at_snapshot=5 * UNIT, balance_at_snapshot=5 * UNIT, delegate_at_snapshot=ME),
     PowerCase.HAS_POWER, "You have 5 FOLK of voting power at proposal #3's snapshot (block 1000)."),
    (dict(power_at_snapshot=0, balance_at_snapshot=0), PowerCase.NO_TOKENS, "held no FOLK"),
    (dict(power_at_snapshot=0, balance_at_snapshot=7 * UNIT, delegate_at_snapshot=None, balance_now=7 * UNIT),
     PowerCase.NOT_DELEGATED, "You held 7 FOLK at proposal #3's snapshot (block 1000) but had never delegated"),
    (dict(power_at_snapshot=0, balance_at_snapshot=7 * UNIT, delegate_at_snapshot=THEM),
     PowerCase.DELEGATED_TO_OTHER, f"You delegated your 7 FOLK to {THEM}"),
    (dict(power_at_snapshot=0, balance_at_snapshot=0, balance_now=9 * UNIT, delegate_now=ME),
     PowerCase.RECEIVED_AFTER_SNAPSHOT, "arrived after proposal #3's snapshot (block 1000)"),
])
def test_each_case_at_a_final_snapshot(facts, case, said):
    found = diagnose(reading(**ACTIVE, **facts))
    assert found.case is case and said in found.headline


def test_a_node_without_old_state_falls_back_to_the_present_and_says_so():
    found = diagnose(reading(**{**ACTIVE, "past_known": False}, power_at_snapshot=0, balance_now=3 * UNIT))
    assert found.case is PowerCase.NOT_DELEGATED
    assert any("balance and delegation below are today's" in line for line in found.lines)


def test_a_timestamp_clock_is_named_and_its_snapshot_shown_as_a_time():
    found = diagnose(reading(**ACTIVE, clock="timestamp", power_at_snapshot=UNIT, balance_at_snapshot=UNIT,
                             delegate_at_snapshot=ME))
    assert found.lines[0].startswith("FOLK's clock is timestamps, not block numbers")
    assert "1970-01-01 00:16:40 UTC, Unix time 1000" in found.headline


def test_the_delegates_vote_is_told():
    found = diagnose(reading(**ACTIVE, power_at_snapshot=0, balance_at_snapshot=UNIT, delegate_at_snapshot=THEM,
                             delegate_has_voted=True, delegate_vote=CastVote(0, 9 * UNIT)))
    assert f"Your delegate {THEM} voted against on proposal #3 with 9 FOLK." in found.lines


def test_reminders_go_only_to_those_who_can_still_act():
    power = reading(**ACTIVE, power_at_snapshot=5 * UNIT, balance_at_snapshot=5 * UNIT, delegate_at_snapshot=ME)
    text = reminder_text(power, "24 hours")
    assert "ends in 24 hours and you have not voted" in text and "5 FOLK of voting power at its snapshot" in text
    assert reminder_text(replace(power, has_voted=True), "1 hour") is None  # voted already
    assert reminder_text(replace(power, proposal_state="succeeded"), "1 hour") is None  # over
    assert reminder_text(replace(power, snapshot_final=False), "1 hour") is None
    assert reminder_text(reading(**ACTIVE, power_at_snapshot=0, balance_at_snapshot=0), "1 hour") is None
    assert reminder_text(reading(**ACTIVE, power_at_snapshot=0, balance_at_snapshot=UNIT), "1 hour") is None
    delegated = reading(**ACTIVE, power_at_snapshot=0, balance_at_snapshot=2 * UNIT, delegate_at_snapshot=THEM,
                        delegate_has_voted=False)
    assert f"Your 2 FOLK are delegated to {THEM}, who has not voted yet." in reminder_text(delegated, "1 hour")
    voted = replace(delegated, delegate_has_voted=True, delegate_vote=CastVote(1, 40 * UNIT))
    assert "who voted for with 40 FOLK" in reminder_text(voted, "1 hour")


def test_the_delegation_typed_data_is_the_tokens_eip712_delegation():
    domain = DelegationDomain("Folk Vote", "1", 31337, "0x" + "cd" * 20, 4, 1_700_000_000)
    data = delegation_typed_data(domain, "0x" + "AB" * 20, 4, 1_700_003_600)
    assert data["primaryType"] == "Delegation"
    assert [f["type"] for f in data["types"]["Delegation"]] == ["address", "uint256", "uint256"]
    assert data["domain"] == {"name": "Folk Vote", "version": "1", "chainId": 31337,
                              "verifyingContract": "0x" + "cd" * 20}
    assert data["message"] == {"delegatee": "0x" + "ab" * 20, "nonce": 4, "expiry": 1_700_003_600}


AMOUNTS = st.sampled_from([0, 1, 7 * UNIT, 10**30])
WHO = st.sampled_from([None, ME, THEM])


@settings(max_examples=300, deadline=None)
@given(final=st.booleans(), past_known=st.booleans(), power=AMOUNTS, balance=AMOUNTS, balance_now=AMOUNTS,
       delegate=WHO, delegate_now=WHO, votes_now=AMOUNTS, clock=st.sampled_from(["blocknumber", "timestamp"]),
       proposal=st.booleans())
def test_every_reading_gets_one_case_that_agrees_with_the_facts(final, past_known, power, balance, balance_now,
                                                                delegate, delegate_now, votes_now, clock, proposal):
    facts = dict(balance_now=balance_now, delegate_now=delegate_now, votes_now=votes_now, clock=clock)
    if proposal:
        facts.update(ACTIVE, snapshot_final=final, past_known=past_known, power_at_snapshot=power if final else None,
                     balance_at_snapshot=balance if past_known else None,
                     delegate_at_snapshot=delegate if past_known else None)
    found = diagnose(reading(**facts))
    counted = (power if proposal and final else votes_now)
    assert found.power == counted
    assert (found.case is PowerCase.HAS_POWER) == (counted > 0)  # zero power always gets a reason
    held = (balance if past_known else balance_now) if proposal and final else balance_now
    if found.case is PowerCase.NO_TOKENS:
        assert held == 0
    if found.case in (PowerCase.NOT_DELEGATED, PowerCase.DELEGATED_TO_OTHER):
        assert held > 0
    if found.case is PowerCase.RECEIVED_AFTER_SNAPSHOT:
        assert proposal and final and balance_now > 0 or held > 0
    assert found.headline and all(found.lines)
    assert (clock == "timestamp") == any("clock is timestamps" in line for line in found.lines)
