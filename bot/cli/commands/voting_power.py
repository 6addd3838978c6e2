"""`folkmoot governor why-zero|delegation|delegate|ballot|cast`: a member's voting power on the followed
Governor, and delegating it and voting with it by signature, relayed without gas."""

from __future__ import annotations

import json

import typer

from bot.cli.app import voter
from bot.cli.commands.governor import AS_JSON, COMMUNITY, _app, governor_app
from bot.cli.render import console
from governance.domain import parse_support
from governance.domain.governor.delegation import SignedDelegation
from governance.domain.governor.power import Diagnosis
from governance.errors import InvalidInput


@governor_app.command("why-zero")
def why_zero(community: int = COMMUNITY,
             member: str = typer.Option(None, "--as", help="The member (Discord id) whose linked wallet to read."),
             address: str = typer.Option(None, "--address", help="Or any wallet address."),
             proposal: str = typer.Option(None, "--proposal", help="Its number (3) or id; default: the latest active."),
             as_json: bool = AS_JSON) -> None:
    """Why a wallet's voting power on a Governor proposal is what it is, and how to fix it."""
    if (member is None) == (address is None):
        raise InvalidInput("Give --as MEMBER (their linked wallet) or --address 0x…, one of the two.")
    diagnosis = _app().why_zero(community, member=voter(member).id if member else None, address=address,
                                reference=proposal)
    if as_json:
        print(json.dumps(diagnosis_json(diagnosis), indent=2, ensure_ascii=False))
        return
    console.print(f"[bold]{diagnosis.headline}[/]")
    for line in diagnosis.lines:
        console.print(f"  {line}")
    if diagnosis.fix:
        console.print(f"Fix: {diagnosis.fix}")


@governor_app.command("delegation")
def delegation(community: int = COMMUNITY,
               wallet: str = typer.Option(..., "--wallet", help="The delegating wallet."),
               delegatee: str = typer.Option(..., "--to", help="Whom to delegate to (the wallet itself to vote)."),
               expiry: int = typer.Option(3600, "--valid-for", min=60, max=30 * 86_400, help="Seconds it stays valid."),
               ) -> None:
    """Print the EIP-712 typed data the wallet signs (eth_signTypedData_v4) to delegate."""
    from governance.domain.governor.delegation import delegation_typed_data

    domain = _app().delegation_domain(community, wallet)
    print(json.dumps(delegation_typed_data(domain, delegatee, domain.nonce, domain.now + expiry), indent=2))


@governor_app.command("delegate")
def delegate(community: int = COMMUNITY,
             member: str = typer.Option(..., "--as", help="The member (Discord id) who linked the wallet."),
             signed: str = typer.Option(..., "--signed", help='JSON: {"typed_data": {...}, "signature": "0x…"}, '
                                                              "as `delegation` printed it and the wallet signed it."),
             wallet: str = typer.Option(..., "--wallet", help="The wallet that signed."),
             as_json: bool = AS_JSON) -> None:
    """Relay a signed delegation gas-free from the recorder key (checked first; a daily allowance per member)."""
    relayed = _app().relay_delegation(community, voter(member), parse_signed(signed, wallet))
    if as_json:
        print(json.dumps({"delegator": relayed.delegator, "delegatee": relayed.delegatee, "tx_hash": relayed.tx_hash,
                          "block_number": relayed.block_number, "gas_used": relayed.gas_used}, indent=2))
        return
    console.print(f"Delegated {relayed.delegator} → {relayed.delegatee} in {relayed.tx_hash} "
                  f"(block {relayed.block_number}, {relayed.gas_used:,} gas paid by the recorder).")


def parse_signed(text: str, wallet: str) -> SignedDelegation:
    try:
        data = json.loads(text)
        typed, signature = data["typed_data"], data["signature"]
        message, domain = typed["message"], typed["domain"]
        return SignedDelegation(wallet, str(message["delegatee"]), int(message["nonce"]), int(message["expiry"]),
                                str(signature), int(domain["chainId"]), str(domain["verifyingContract"]))
    except (ValueError, TypeError, KeyError):
        raise InvalidInput('--signed must be JSON: {"typed_data": <as `delegation` printed it>, '
                           '"signature": "0x…"}.') from None


def diagnosis_json(d: Diagnosis) -> dict:
    r = d.reading
    return {"case": d.case.value, "wallet": r.wallet, "power": str(d.power), "headline": d.headline,
            "lines": list(d.lines), "fix": d.fix, "clock": r.clock,
            "token": {"address": r.token.address, "symbol": r.token.symbol, "decimals": r.token.decimals},
            "proposal": None if r.proposal_id is None else {
                "number": r.proposal_number, "proposal_id": r.proposal_id, "title": r.proposal_title,
                "state": r.proposal_state, "snapshot": r.snapshot, "snapshot_final": r.snapshot_final},
            "power_at_snapshot": _str(r.power_at_snapshot), "balance_at_snapshot": _str(r.balance_at_snapshot),
            "delegate_at_snapshot": r.delegate_at_snapshot if r.past_known else None,
            "balance_now": str(r.balance_now), "delegate_now": r.delegate_now, "votes_now": str(r.votes_now),
            "has_voted": r.has_voted, "vote": _vote(r.own_vote), "delegate_has_voted": r.delegate_has_voted,
            "delegate_vote": _vote(r.delegate_vote)}


def _str(value: int | None) -> str | None:
    return None if value is None else str(value)


def _vote(vote) -> dict | None:
    return None if vote is None else {"support": vote.choice, "weight": str(vote.weight)}



@governor_app.command("ballot")
def ballot(proposal: str = typer.Argument(..., help="Its number in the community (3) or the Governor's id."),
           choice: str = typer.Argument(..., help="for, against or abstain."),
           community: int = COMMUNITY,
           member: str = typer.Option(..., "--as", help="The member (Discord id) whose linked wallet votes."),
           reason: str = typer.Option(None, "--reason", help="Optional: signs the Governor's ExtendedBallot.")) -> None:
    """Print the Governor's own EIP-712 ballot for the member's linked wallet to sign (eth_signTypedData_v4)."""
    typed = _app().governor_ballot(community, voter(member), proposal, parse_support(choice), reason)
    print(json.dumps(typed, indent=2, ensure_ascii=False))


@governor_app.command("cast")
def cast(proposal: str = typer.Argument(..., help="Its number in the community (3) or the Governor's id."),
         choice: str = typer.Argument(..., help="for, against or abstain."),
         community: int = COMMUNITY,
         member: str = typer.Option(..., "--as", help="The member (Discord id) whose linked wallet signed."),
         signature: str = typer.Option(..., "--signature", help="The wallet's signature of `ballot`'s typed data."),
         reason: str = typer.Option(None, "--reason", help="The reason it signed, if any."),
         as_json: bool = AS_JSON) -> None:
    """Relay the member's signed ballot gas-free (castVoteBySig) and show what the Governor counted."""
    relayed = _app().relay_governor_ballot(community, voter(member), proposal, parse_support(choice), signature,
                                           reason)
    if as_json:
        print(json.dumps({"proposal_id": relayed.proposal_id, "voter": relayed.voter, "support": relayed.support,
                          "weight": str(relayed.weight), "tx_hash": relayed.tx_hash,
                          "block_number": relayed.block_number, "gas_used": relayed.gas_used}, indent=2))
        return
    console.print(f"Counted: {relayed.voter} voted {('against', 'for', 'abstain')[relayed.support]} with "
                  f"{relayed.weight} base units in {relayed.tx_hash} (block {relayed.block_number}, "
                  f"{relayed.gas_used:,} gas paid by the recorder).")
