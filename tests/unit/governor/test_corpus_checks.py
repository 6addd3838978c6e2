"""The checker on the 29 real proposals: ids, decoded functions and amounts, and the findings,
each reviewed by hand (the reasons are in the comments) and pinned."""

from __future__ import annotations

import json

import pytest

from governance.adapters.governor.checking import check_proposal, parse_proposal

from .corpus import REPRODUCING_IDS, proposals, raw_lines

EXPECTED_FINDINGS = {
    "ens/ep-5-16": [],
    # approve(type(uint256).max) to 0x05c8…da16: unlimited, and the spender's address is never written
    "ens/ep-5-22": [("unlimited_allowance", 0), ("recipient_not_in_description", 0)],
    "ens/ep-5-27": [],
    "ens/ep-5-28": [],
    "ens/ep-5-29": [],
    "ens/ep-6-1": [],
    "ens/ep-6-11": [],
    "ens/ep-6-12": [],
    "ens/ep-6-16": [],
    # the new owner of .locker is written only as dotlocker.eth (a name resolved elsewhere, not an address)
    "ens/ep-6-17": [("party_not_in_description", 0)],
    # "Transfer 0 ETH to the timelock - due to a bug in Tally's draft feature": a call that does nothing
    "ens/ep-6-18": [("empty_call", 4)],
    # "This executable proposal will initiate a transfer of 109,818.82 USDC" - and it has no calls at all
    "ens/ep-6-20": [("promised_transfer_missing", None), ("no_calls", None)],
    "ens/ep-6-21": [("no_calls", None)],
    # a Safe MultiSend of Zodiac Roles permissions; two inner calls to 0x…cd17 use an unknown function
    "ens/ep-6-23": [("unknown_call", 0)],
    "ens/ep-6-28": [],
    "ens/ep-6-29": [],
    # 125,000 USDC is stated; the recipient is named but its address never written
    "ens/ep-6-30": [("recipient_not_in_description", 0)],
    "ens/ep-6-32": [],
    "ens/ep-6-34": [],
    "ens/ep-6-36": [],
    "ens/ep-6-37": [],
    "ens/ep-6-38": [("unknown_call", 0)],
    "ens/ep-6-40": [],
    "ens/ep-6-41": [("unknown_call", 0)],
    "ens/ep-6-47": [],
    # amounts all stated; the pod, the autowrapper and four service providers are named, never by address
    "ens/ep-6-49": [("recipient_not_in_description", i) for i in range(2, 9)],
    # the text describes only setSubnodeOwner; call 1 also makes the DAO wallet a controller of the root
    "ens/ep-6-7": [("party_not_in_description", 0)],
    "ens/ep-6-8": [("unknown_call", 0)],
    # new owners and fee recipients written as Solidity names (v3FeeController, TIMELOCK, tokenJar), the
    # vesting contract's address never written, and a 20M UNI yearly budget that no call moves (it approves 40M)
    "uniswap/93-unification": [("party_not_in_description", 2), ("party_not_in_description", 3),
                               ("party_not_in_description", 4), ("recipient_not_in_description", 5),
                               ("promised_transfer_missing", None)],
}


@pytest.fixture(scope="module")
def checked() -> dict:
    result = {}
    for line in raw_lines():
        record = json.loads(line)
        calls, description = parse_proposal(line)
        result[record["id"]] = (record, check_proposal(calls, description))
    return result


def test_the_corpus_is_what_the_table_covers():
    assert sorted(p["id"] for p in proposals()) == sorted(EXPECTED_FINDINGS)


@pytest.mark.parametrize("proposal_id", sorted(EXPECTED_FINDINGS))
def test_findings_are_the_reviewed_ones(checked, proposal_id):
    _, result = checked[proposal_id]
    assert [(f.code, f.call) for f in result.findings] == EXPECTED_FINDINGS[proposal_id]


def test_ids_reproduce_the_mainnet_ids_where_the_corpus_says_they_do(checked):
    reproduced = {pid for pid, (record, result) in checked.items()
                  if record["onchain_proposal_id"] == str(result.proposal_id)}
    assert reproduced == REPRODUCING_IDS


def test_calls_decode_to_the_right_functions_and_amounts(checked):
    _, ep516 = checked["ens/ep-5-16"]
    (call,) = ep516.calls
    assert (call.name, call.target_label) == ("transfer", "USDC token")
    assert [(a.name, a.shown) for a in call.args] == [("to", ""), ("amount", "1,218,669.76 USDC")]
    assert call.args[0].value == "0x690F0581eCecCf8389c223170778cD9D029606F2"

    _, ep61 = checked["ens/ep-6-1"]
    assert ep61.calls[0].movements[0].describe() == (
        "sends 6,000 ETH to 0x02d61347e5c6ea5604f3f814c5b5498421cebdeb")
    assert ep61.calls[1].name == "withdraw"

    _, ep529 = checked["ens/ep-5-29"]
    assert [c.name for c in ep529.calls] == ["approve", "upgrade", "setFlowrate", "increaseAllowance", "approve",
                                              "batchVestingPlans"]
    vesting = ep529.calls[5].movements
    assert [m.describe() for m in vesting] == ["vests 24,000 ENS for 0x64ca550f78d6cc711b247319cc71a04a166707ab"]

    _, uni = checked["uniswap/93-unification"]
    assert uni.calls[1].movements[0].describe() == (
        "transfers 100,000,000 UNI to 0x000000000000000000000000000000000000dead")
    assert uni.calls[0].name == "attest"


def test_every_corpus_call_is_decoded_except_one_unknown_function(checked):
    unknown = set()

    def walk(calls):
        for c in calls:
            if c.function is None and c.selector:
                unknown.add(c.selector)
            assert c.error is None
            walk(c.inner)
    for _, result in checked.values():
        walk(result.calls)
    assert unknown == {"0x0ae1b13d"}


def test_safe_multisend_batches_are_opened(checked):
    _, ep623 = checked["ens/ep-6-23"]
    (safe,) = ep623.calls
    assert safe.name == "execTransaction"
    (multisend,) = safe.inner
    assert multisend.name == "multiSend" and multisend.delegatecall
    assert len(multisend.inner) > 100
    assert {c.name for c in multisend.inner} >= {"scopeFunction", "allowFunction", "scopeTarget"}
