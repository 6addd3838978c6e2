"""Governor proposals in Discord's limits: hundreds of calls, a megabyte description, dozens of
findings and huge counts still make embeds Discord accepts, say what was left out, and attach the
whole; the watchdog's calldata goes into a file when it is too long for a message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.discord.governor.embeds import action_post, card, listing, summary_post, tally
from bot.discord.limits import CONTENT, DESCRIPTION, EMBEDS_TOTAL, FIELD_VALUE, FIELDS, embed_width, width
from governance.ai.results import AiResult
from governance.domain.engines import Count, EngineKind, EngineProposal, Units, Window
from governance.domain.governor import Argument, DecodedCall, Finding, Movement, Severity
from governance.domain.governor.calls import call_as_dict
from governance.domain.governor.views import ExactCall, PendingAction
from tests.e2e.stand_ins import _record
from tests.fakes.governors import FOLK, GOVERNOR, UNIT, governor_info, proposal

OPENS = datetime(2026, 11, 30, 12, tzinfo=UTC)
BIG = Count(Units("FOLK", 18), 2**200, 3 * 10**24, 7, 12_345, 40_000 * UNIT, 2**200 + 7, 10**27)


def transfers(count: int) -> list[dict]:
    calls = []
    for n in range(count):
        to = f"0x{n:040x}"
        calls.append(call_as_dict(DecodedCall(
            n, FOLK.address, 0, "0xa9059cbb", "transfer(address,uint256)", "transfer",
            (Argument("to", "address", to), Argument("amount", "uint256", str(n * UNIT), f"{n:,} FOLK")),
            "FOLK token", (Movement("transfer", to, FOLK, n * UNIT),))))
    return calls


def huge_proposal():
    findings = [Finding(f"unstated_{n}", Severity.WARNING, f"Call {n} transfers {n:,} FOLK, which the description "
                                                           "does not state.", n) for n in range(60)]
    found = proposal(3, opens=OPENS, calls=transfers(400), title="Everything at once " * 20)
    return found.__class__(**{**found.__dict__, "description": "A long explanation. " * 60_000, "findings": findings})


def assert_discord_accepts(embed) -> None:
    assert embed_width(embed) <= EMBEDS_TOTAL and len(embed.fields) <= FIELDS
    assert width(embed.description or "") <= DESCRIPTION and width(embed.title or "") <= 256
    assert all(width(f.value) <= FIELD_VALUE and width(f.name) <= 256 for f in embed.fields)


def test_a_card_with_hundreds_of_calls_and_a_megabyte_description_fits_and_attaches_the_rest():
    found = huge_proposal()
    embed, files = card(found, BIG, governor_info(5, OPENS))
    assert_discord_accepts(embed)
    fields = {f.name: f.value for f in embed.fields}
    calls = fields["Calls (400), decoded from the calldata"]
    assert calls.startswith("1. FOLK token 0xf0f0…f0f0: transfer(to 0x0000…0000, amount 0 FOLK)")
    assert calls.endswith("more: see governor-proposal-3.md")
    assert fields["Findings (60)"].endswith("all 60 in governor-proposal-3.md")
    assert embed.description.endswith("full text in governor-proposal-3.md")
    assert "1.6e42 FOLK" in fields["Tally (voting power)"] and "Turnout" in fields["Quorum"]
    (attached,) = files
    whole = attached.fp.read().decode()
    assert "400. FOLK token" in whole and "Call 59 transfers 59 FOLK" in whole and whole.count("A long explanation.") == 60_000


def test_a_short_proposal_needs_no_file():
    found = proposal(1, opens=OPENS, calls=transfers(2))
    embed, files = card(found, Count(Units("FOLK", 18), 400_000 * UNIT, quorum=40_000 * UNIT,
                                     toward_quorum=400_000 * UNIT), governor_info(5, OPENS))
    assert files == [] and "Findings: none" in [f.name for f in embed.fields]
    assert "400K FOLK of 40K FOLK at the snapshot — reached ✓" in {f.name: f.value for f in embed.fields}["Quorum"]


def test_the_summary_keeps_the_ai_text_apart_from_the_decoded_calls():
    found = huge_proposal()
    result = AiResult(task="summarize", text="## TL;DR\nPays 400 builders.", sections=(), flags=(), notes=(),
                      without_language_model=True, provenance=_record("summarize", "x", "y"), provenance_id=9)
    embed, files = summary_post(found, result)
    assert_discord_accepts(embed)
    assert embed.description == "## TL;DR\nPays 400 builders." and len(files) == 1
    assert embed.fields[0].name == "Calls (400), decoded by folkmoot, not AI"
    assert "AI output #9" in embed.footer.text


def engine_proposal(number: int, count: Count) -> EngineProposal:
    found = proposal(number, opens=OPENS, title=f"Proposal {number} " + "x" * 300)
    return EngineProposal(EngineKind.GOVERNOR, 5, number, found.proposal_id, found.title, "active", True,
                          Window(OPENS, OPENS + timedelta(days=2)), found.proposer, count, found)


def test_list_and_tally_fit_with_huge_counts():
    embed = listing([engine_proposal(n, BIG) for n in range(1, 30)], "Governor proposals")
    assert_discord_accepts(embed)
    assert len(embed.fields) == 10
    shown = tally(engine_proposal(1, BIG))
    assert_discord_accepts(shown)
    exact = {f.name: f.value for f in shown.fields}["Exact counts"]
    assert f"For {2**200 // 10**18:,}." in exact  # every digit, in token units


def test_the_watchdog_puts_long_calldata_in_a_file():
    short_call = ExactCall(GOVERNOR, "queue(address[],uint256[],bytes[],bytes32)", {"targets": [FOLK.address]},
                           0, "0x160cbed7" + "00" * 100)
    text, files = action_post(PendingAction("1", "A grant", "queue", short_call, OPENS, "passed; anyone may call "
                                            "queue now", 1), governor_info(5, OPENS))
    assert files == [] and "```\n0x160cbed7" in text and width(text) <= CONTENT
    long_call = ExactCall(GOVERNOR, "execute(address[],uint256[],bytes[],bytes32)",
                          {"targets": [FOLK.address] * 300}, 0, "0x2656227d" + "ab" * 20_000)
    text, files = action_post(PendingAction("2", "Many calls", "execute", long_call, OPENS, "the timelock delay "
                                            "has passed", 2), governor_info(5, OPENS))
    (attached,) = files
    assert attached.filename == "governor-proposal-2-execute.txt" and width(text) <= CONTENT
    assert attached.fp.read().decode().rstrip().endswith("ab" * 100)
