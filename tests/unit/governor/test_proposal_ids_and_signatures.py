"""hashProposal in Python, the signature table, and the proposal file format."""

from __future__ import annotations

import pytest

from governance.adapters.governor.checking import parse_proposal
from governance.adapters.governor.known_calls import KNOWN_FUNCTIONS
from governance.adapters.governor.proposal_ids import hash_proposal
from governance.adapters.governor.signatures import parse_signature
from governance.domain.governor import Call
from governance.errors import InvalidInput


def test_every_known_selector_is_its_signatures_keccak():
    from eth_utils import keccak

    for selector, entry in KNOWN_FUNCTIONS.items():
        assert selector == "0x" + keccak(text=entry.signature.canonical)[:4].hex()
    assert KNOWN_FUNCTIONS["0xa9059cbb"].signature.canonical == "transfer(address,uint256)"
    assert KNOWN_FUNCTIONS["0x6a761202"].signature.name == "execTransaction"


def test_signatures_with_nested_tuples_parse():
    sig = parse_signature("attest((bytes32 schema, (address recipient, uint64 t) data) request)")
    assert sig.canonical == "attest((bytes32,(address,uint64)))"
    assert [c.name for c in sig.params[0].components] == ["schema", "data"]
    with pytest.raises(ValueError):
        parse_signature("transfer(address to")


def test_the_id_depends_on_every_byte_of_the_description():
    calls = [Call("0x" + "11" * 20, 0, b"")]
    assert hash_proposal(calls, "text") != hash_proposal(calls, "text ")
    assert hash_proposal(calls, "text") == hash_proposal(calls, b"text")


@pytest.mark.parametrize("raw, message", [
    (b"not json", "not JSON"),
    (b'{"calls": [], "description": 5}', "needs"),
    (b'{"calls": [{"target": "0x12", "value": "0", "calldata": "0x"}], "description": ""}', "target"),
    (b'{"calls": [{"target": "0x' + b"11" * 20 + b'", "value": "-1", "calldata": "0x"}], "description": ""}',
     "value"),
    (b'{"calls": [{"target": "0x' + b"11" * 20 + b'", "value": "0", "calldata": "0x1"}], "description": ""}',
     "calldata"),
    (b"\xff\xfe", "not JSON"),
])
def test_bad_proposal_files_are_one_clear_error(raw, message):
    with pytest.raises(InvalidInput, match=message):
        parse_proposal(raw)
