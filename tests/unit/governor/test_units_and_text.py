"""Counts in a token's units, as members read them: "1.2M ENS" at a glance, every digit where it
matters, huge and tiny numbers included; a proposal's calls as lines; how members name a proposal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from governance.domain.engines import MEMBERS, UINT256_MAX, Count, Units, compact
from governance.domain.governor.call_text import calls_text
from governance.domain.governor.calls import TokenInfo
from governance.domain.governor.references import parse_reference
from governance.errors import InvalidInput

FOLK = TokenInfo("0x" + "f0" * 20, "FOLK", 18)

ENS = Units("ENS", 18)


@pytest.mark.parametrize(("value", "shown"), [
    ("0", "0"), ("0.004", "<0.01"), ("0.5", "0.5"), ("999.456", "999.46"), ("1000", "1K"), ("1234", "1.2K"),
    ("12345", "12.3K"), ("123456", "123K"), ("999950", "1M"), ("1200000", "1.2M"), ("40000", "40K"),
    ("999999999", "1B"), ("2500000000000", "2.5T"), ("123.4e12", "123T"), ("999.9e12", "1e15"), ("1e15", "1e15"),
    ("3.14e20", "3.1e20"),
])
def test_compact_numbers(value, shown):
    assert compact(Decimal(value)) == shown


def test_token_units_short_and_exact():
    assert ENS.short(1_200_000 * 10**18) == "1.2M ENS"
    assert ENS.exact(1_234_567_890_123_456_789_000_000) == "1,234,567.890123456789 ENS"
    assert ENS.short(1) == "<0.01 ENS" and ENS.exact(1) == "0.000000000000000001 ENS"
    assert ENS.short(UINT256_MAX) == "unlimited ENS" and Units("X", 0).short(2**255) == "5.8e76 X"
    assert MEMBERS.short(12_345) == "12,345" and MEMBERS.exact(3) == "3"
    # beyond Decimal's default 28 digits, nothing is rounded (it was, before: 2**200 lost its last 17)
    assert Units("FOLK", 18).exact(2**200) == "1,606,938,044,258,990,275,541,962,092,341,162,602,522,202.993782792835301376 FOLK"
    assert FOLK.describe(2**255) == f"{2**255 // 10**18:,}.{2**255 % 10**18:018d}".rstrip("0") + " FOLK"


def test_turnout_counts_members_or_voting_power():
    members = Count(MEMBERS, for_votes=3, against_votes=1, voters=4, quorum=5, toward_quorum=4, electorate=10)
    assert members.turnout == Decimal("0.4") and members.quorum_reached is False
    power = Count(ENS, for_votes=60, against_votes=20, abstain_votes=20, voters=2, quorum=None, toward_quorum=80,
                  electorate=1_000)
    assert power.turnout == Decimal("0.1") and power.quorum_reached is None  # the snapshot is not final


def test_calls_as_lines_with_inner_calls_and_unknown_ones():
    inner = {"index": 0, "target": "0x" + "aa" * 20, "target_label": "USDC token", "value": "0",
             "function": "transfer(address,uint256)", "selector": "0xa9059cbb",
             "args": [{"name": "to", "type": "address", "value": "0x" + "bb" * 20},
                      {"name": "amount", "type": "uint256", "value": "5000000", "shown": "5 USDC"}],
             "inner": [], "error": None}
    safe = {"index": 0, "target": "0x" + "cc" * 20, "target_label": None, "value": str(10**18),
            "function": "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)",
            "selector": "0x6a761202", "args": [{"name": "data", "type": "bytes", "value": "0x" + "ee" * 200}],
            "inner": [inner], "error": None}
    unknown = {"index": 1, "target": "0x" + "dd" * 20, "target_label": None, "value": "0", "function": None,
               "selector": "0x12345678", "args": [], "inner": [], "error": None}
    lines = calls_text([safe, unknown]).splitlines()
    assert lines[0] == f"1. 0x{'cc' * 20}: execTransaction(data 0x{'e' * 117}…), with 1 ETH"  # a blob is cut
    assert lines[1] == f"  1.1. USDC token 0x{'aa' * 20}: transfer(to 0x{'bb' * 20}, amount 5 USDC)"
    assert lines[2] == f"2. 0x{'dd' * 20}: unknown function 0x12345678 (not decoded)"
    assert calls_text([]).startswith("No calls")
    assert "0xaaaa…aaaa" in calls_text([inner], short_addresses=True)


@pytest.mark.parametrize(("typed", "number", "proposal_id"), [
    ("3", 3, None), ("#3", 3, None), (" #12 ", 12, None), (7, 7, None),
    ("1" * 18, int("1" * 18), None), ("1" * 19, None, "1" * 19), (str(2**256 - 1), None, str(2**256 - 1)),
])
def test_a_governor_proposal_is_named_by_its_number_or_its_id(typed, number, proposal_id):
    found = parse_reference(typed)
    assert (found.number, found.proposal_id) == (number, proposal_id)


@pytest.mark.parametrize("typed", ["", "0", "#", "-3", "3.5", "x1", str(2**256), "1" * 79, "١٢"])
def test_anything_else_is_one_clear_line(typed):
    with pytest.raises(InvalidInput):
        parse_reference(typed)
