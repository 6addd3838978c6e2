"""One proposal checked: its id, its decoded calls and the findings, from calls and a description.

Used by `folkmoot governor check --file` (offline, mainnet token table) and by the indexer for
every proposal it stores (with the attached chain's tokens, Governor and Timelock)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from governance.adapters.governor.decoder import CallDecoder
from governance.adapters.governor.proposal_ids import hash_proposal
from governance.adapters.governor.well_known import MAINNET_LABELS, MAINNET_NAMES, MAINNET_TOKENS
from governance.domain.governor import Call, CheckLimits, DecodedCall, Finding, review_proposal
from governance.domain.governor.calls import call_as_dict
from governance.errors import InvalidInput

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class CheckedProposal:
    proposal_id: int
    calls: list[DecodedCall]
    findings: list[Finding]

    def as_dict(self) -> dict:
        return {"proposal_id": str(self.proposal_id), "calls": [call_as_dict(c) for c in self.calls],
                "findings": [f.as_dict() for f in self.findings]}


WELL_KNOWN_SYMBOLS = frozenset(t.symbol for t in MAINNET_TOKENS.values())


def check_proposal(calls: list[Call], description: str, decoder: CallDecoder | None = None,
                   limits: CheckLimits = CheckLimits(), token_symbols: frozenset[str] = frozenset()) -> CheckedProposal:
    """token_symbols: tokens (besides the well-known ones) whose amounts in the text are promises to check."""
    decoder = decoder or offline_decoder()
    decoded = decoder.decode_all(calls)
    findings = review_proposal(decoded, description, WELL_KNOWN_SYMBOLS | token_symbols, limits)
    return CheckedProposal(hash_proposal(calls, description), decoded, findings)


def offline_decoder() -> CallDecoder:
    """Without a node: mainnet's well-known tokens and contracts only."""
    return CallDecoder(MAINNET_TOKENS.get, MAINNET_LABELS, names=MAINNET_NAMES)


def parse_proposal(raw: bytes) -> tuple[list[Call], str]:
    """`{"calls": [{"target", "value", "calldata"}], "description": "..."}` (the corpus format)."""
    if len(raw) > MAX_FILE_BYTES:
        raise InvalidInput(f"The proposal file is larger than {MAX_FILE_BYTES // 2**20} MB.")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidInput(f"The proposal file is not JSON text: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("description"), str) or not isinstance(
            data.get("calls"), list):
        raise InvalidInput('The proposal file needs {"calls": [{"target", "value", "calldata"}], "description": "..."}.')
    return [_call(i, c) for i, c in enumerate(data["calls"])], data["description"]


def _call(index: int, item: object) -> Call:
    where = f"call {index + 1}"
    if not isinstance(item, dict):
        raise InvalidInput(f"{where} is not an object with target, value and calldata.")
    target, value, calldata = item.get("target"), item.get("value", "0"), item.get("calldata", "0x")
    if not (isinstance(target, str) and len(target) == 42 and target[:2] == "0x" and _is_hex(target[2:])):
        raise InvalidInput(f"{where}: target must be a 0x-address of 40 hex digits.")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not (isinstance(value, str) and value.isascii() and value.isdigit() and int(value) < 2**256):
        raise InvalidInput(f"{where}: value must be a whole number of wei below 2**256, as a string.")
    if not (isinstance(calldata, str) and calldata[:2] == "0x" and len(calldata) % 2 == 0 and _is_hex(calldata[2:])):
        raise InvalidInput(f"{where}: calldata must be 0x followed by an even number of hex digits.")
    return Call(target, int(value), bytes.fromhex(calldata[2:]))


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)
