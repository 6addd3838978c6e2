"""`folkmoot wallet message|link|unlink|link-url`: the wallet path of /wallet and /wallet-unlink, scriptable,
and a member's one-time link to the wallet page.

The operator links a member's wallet with the member's signature of the exact message `message`
prints (the wallet proves control as in Discord); the ledger hears of it at the next relay."""

from __future__ import annotations

import typer

from bot.cli.app import app, governance, group, voter
from bot.cli.render import console
from governance.domain.wallet_links import link_message
from governance.errors import InvalidInput

wallet_app = group("Link a member's wallet to their vote, unlink it, or print their one-time link to the wallet page.")
app.add_typer(wallet_app, name="wallet")
COMMUNITY = typer.Option(..., "--community", help="The community (Discord server) id.")
MEMBER = typer.Option(..., "--as", help="The member: a Discord member id (or a CLI voter's name).")
ADDRESS = typer.Option(..., "--address", help="The wallet address, 0x followed by 40 hex digits.")


def _address(address: str) -> str:
    address = address.strip()
    if not (address.startswith("0x") and len(address) == 42 and all(c in "0123456789abcdefABCDEF"
                                                                     for c in address[2:])):
        raise InvalidInput("That is not a wallet address; it looks like 0x followed by 40 hex digits.")
    return address


@wallet_app.command("message")
def message(community: int = COMMUNITY, member: str = MEMBER, address: str = ADDRESS) -> None:
    """Print the exact message the wallet signs (personal_sign) to be linked to the member's vote."""
    print(link_message(community, voter(member).id, _address(address)))


@wallet_app.command("link")
def link(community: int = COMMUNITY, member: str = MEMBER, address: str = ADDRESS,
         signature: str = typer.Option(..., "--signature", help="The wallet's signature of `wallet message`.")
         ) -> None:
    """Link the wallet to the member's vote, once its signature proves control (like /wallet)."""
    from bot.cli.app import governance_with_chain

    wallet = _address(address)
    governance_with_chain().link_wallet(community, voter(member), wallet, signature.strip())
    console.print(f"Wallet {wallet} linked to {voter(member).id}; the link is queued for the relayer "
                  "(`folkmoot chain relay`).")


@wallet_app.command("unlink")
def unlink(community: int = COMMUNITY, member: str = MEMBER) -> None:
    """Unlink the member's wallet (like /wallet-unlink): ballots it signs from now on do not count."""
    from bot.cli.app import governance

    unlinked = governance().unlink_wallet(community, voter(member).id, reason="unlinked by the operator")
    if not unlinked:
        console.print(f"{voter(member).id} has no wallet linked in community {community}.")
        return
    console.print(f"Unlinked {', '.join(unlinked)}; the unlink is queued for the relayer.")


@wallet_app.command("link-url")
def link_url(
    community: int = COMMUNITY,
    member: str = MEMBER,
    proposal: int = typer.Option(None, "--proposal", help="A proposal to vote on; without it, the link page."),
) -> None:
    """Print a member's private one-time link to the wallet page (15 minutes, single use), as /wallet sends it."""
    typer.echo(governance().wallet_link_url(community, voter(member), proposal))
