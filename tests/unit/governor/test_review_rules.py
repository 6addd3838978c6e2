"""The checker's rules on made-up proposals: each mismatch or trick is found, and a faithful text is clean."""

from __future__ import annotations

from eth_abi import encode
from eth_utils import keccak

from governance.adapters.governor.checking import check_proposal
from governance.domain.governor import Call, CheckLimits

USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
ALICE = "0x690F0581eCecCf8389c223170778cD9D029606F2"
MALLORY = "0x690F0581eC000000000000000000000000F606F2"  # a vanity look-alike of ALICE


def calldata(signature: str, types: list[str], values: list) -> bytes:
    return keccak(text=signature)[:4] + encode(types, values)


def usdc_transfer(to: str = ALICE, amount: int = 1_000 * 10**6) -> Call:
    return Call(USDC, 0, calldata("transfer(address,uint256)", ["address", "uint256"], [to, amount]))


def codes(calls: list[Call], text: str, **limits) -> list[str]:
    return [f.code for f in check_proposal(calls, text, limits=CheckLimits(**limits)).findings]


def test_a_faithful_description_has_no_findings():
    assert codes([usdc_transfer()], f"Transfer 1,000 USDC to Alice ({ALICE}).") == []


def test_amounts_match_as_written_rounded_or_in_base_units():
    big = usdc_transfer(amount=1_218_669_760_000)
    assert codes([big], f"Pay {ALICE} 1,218,669.76 USDC.") == []
    assert codes([big], f"Pay {ALICE} about $1.2M.") == []  # rounded as written, in dollars
    assert codes([big], f"Pay {ALICE} 1218669760000 base units.") == []
    assert codes([big], f"Pay {ALICE} 1.3M USDC.") == ["amount_not_in_description", "promised_transfer_missing"]
    assert codes([big], f"Pay {ALICE} 1,218,669.76 DAI.") == [  # the wrong token
        "amount_not_in_description", "promised_transfer_missing"]


def test_a_recipient_never_written_is_found():
    assert codes([usdc_transfer()], "Transfer 1,000 USDC to Alice.") == ["recipient_not_in_description"]
    assert codes([usdc_transfer()], "Transfer 1,000 USDC to 0x690F…06F2.") == []  # shortened, as wallets show it


def test_a_description_naming_a_look_alike_recipient_is_a_danger():
    found = check_proposal([usdc_transfer(to=MALLORY)], f"Transfer 1,000 USDC to Alice ({ALICE}).").findings
    assert [(f.code, f.severity.value) for f in found] == [("recipient_resembles", "danger")]
    assert ALICE.lower() in found[0].message


def test_eth_sent_without_a_word_is_a_danger():
    call = Call(ALICE, 3 * 10**18, b"")
    assert codes([call], f"Thank {ALICE} for their work.") == ["eth_not_in_description"]
    assert codes([call], f"Send 3 ETH to {ALICE}.") == []


def test_a_promised_transfer_missing_from_the_calls_is_found():
    assert codes([usdc_transfer()], f"Transfer 1,000 USDC and 50,000 ENS to {ALICE}.") == [
        "promised_transfer_missing"]
    assert codes([usdc_transfer()], f"Transfer 1,000 USDC to {ALICE}, leaving about 20,000 USDC.") == []


def test_unicode_tricks_are_found():
    bidi = f"Transfer 1,000 USDC to {ALICE} \u202eevil\u202c."
    assert codes([usdc_transfer()], bidi) == ["bidi_controls"]
    hidden = f"Transfer 1,000 USDC to {ALICE}.\u200b"
    assert codes([usdc_transfer()], hidden) == ["invisible_characters"]
    lookalike = f"Transfer 1,000 USDC to {ALICE} (also written {ALICE[:5]}\u0415{ALICE[6:]})."
    assert "lookalike_address" in codes([usdc_transfer()], lookalike)


def test_unknown_and_undecodable_calls_are_found():
    unknown = Call(USDC, 0, bytes.fromhex("deadbeef") + bytes(32))
    assert codes([unknown], "Something.") == ["unknown_call"]
    truncated = Call(USDC, 0, calldata("transfer(address,uint256)", ["address", "uint256"], [ALICE, 1])[:20])
    result = check_proposal([truncated], "Something.")
    assert [f.code for f in result.findings] == ["undecodable_calldata"]
    assert result.calls[0].name == "transfer" and result.calls[0].error


def test_hundreds_of_calls_and_megabyte_descriptions_are_findings_not_failures():
    calls = [usdc_transfer() for _ in range(300)]
    text = f"Transfer 1,000 USDC to {ALICE}. " + "padding " * 150_000
    found = codes(calls, text)
    assert found[:2] == ["large_description", "many_calls"]
    assert "description_not_fully_checked" in codes([usdc_transfer()], text, scanned_characters=10_000)


def test_a_safe_delegatecall_to_anything_but_multisend_is_a_danger():
    inner = calldata("transfer(address,uint256)", ["address", "uint256"], [ALICE, 5])
    safe_tx = calldata(
        "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)",
        ["address", "uint256", "bytes", "uint8", "uint256", "uint256", "uint256", "address", "address", "bytes"],
        [USDC, 0, inner, 1, 0, 0, 0, "0x" + "00" * 20, "0x" + "00" * 20, b""])
    found = codes([Call("0x4F2083f5fBede34C2714aFfb3105539775f7FE64", 0, safe_tx)], f"To {ALICE}: 0.000005 USDC")
    assert found[0] == "delegatecall"


def test_unlimited_approvals_are_flagged():
    approve = Call(USDC, 0, calldata("approve(address,uint256)", ["address", "uint256"], [ALICE, 2**256 - 1]))
    assert codes([approve], f"Approve {ALICE}.") == ["unlimited_allowance"]
