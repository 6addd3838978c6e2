"""A proposal's calls, raw and decoded, and what they move."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, localcontext
from typing import Any

EXACT = Context(prec=160)  # any uint256 (78 digits) at any scale: amounts are never rounded


@dataclass(frozen=True)
class Call:
    """One executable call of a proposal, exactly as the Governor hashes it."""

    target: str  # 0x-address as given
    value: int  # wei
    calldata: bytes


@dataclass(frozen=True)
class TokenInfo:
    address: str  # lower-case 0x-address
    symbol: str
    decimals: int

    def units(self, amount: int) -> Decimal:
        """Base units (what calldata carries) to token units (what people write), exactly."""
        return in_units(amount, self.decimals)

    def describe(self, amount: int) -> str:
        if amount == 2**256 - 1:  # type(uint256).max: "approve everything"
            return f"unlimited {self.symbol}"
        return f"{format_units(self.units(amount))} {self.symbol}"


ETH = TokenInfo("eth", "ETH", 18)


@dataclass(frozen=True)
class Argument:
    name: str
    type: str  # Solidity type, e.g. "address", "uint256", "(address,uint256)[]"
    value: Any  # JSON-friendly: str for addresses, bytes (0x-hex) and big integers; lists for arrays and tuples
    shown: str = ""  # for amounts: "1,218,669.76 USDC"; else empty


@dataclass(frozen=True)
class Movement:
    """Value or power a call hands to someone: what the description must state."""

    kind: str  # "transfer" | "eth" | "allowance" | "stream" (amount per second) | "vesting" | "party"
    to: str  # lower-case 0x-address of who receives it
    token: TokenInfo | None = None  # None for a party (a new owner, controller, role holder)
    amount: int | None = None  # base units; None for a party
    to_names: tuple[str, ...] = ()  # how a text may name a well-known recipient instead of its address

    def describe(self) -> str:
        """A verb phrase: "transfers 1,000 USDC to 0x…"."""
        if self.token is None or self.amount is None:
            return f"hands ownership, a role or control to {self.to}"
        amount = self.token.describe(self.amount)
        return {
            "transfer": f"transfers {amount} to {self.to}",
            "eth": f"sends {amount} to {self.to}",
            "allowance": f"lets {self.to} spend {amount}",
            "stream": f"streams {amount} per second to {self.to}",
            "vesting": f"vests {amount} for {self.to}",
        }.get(self.kind, f"moves {amount} to {self.to}")


@dataclass(frozen=True)
class DecodedCall:
    index: int  # position in the proposal, from 0
    target: str  # lower-case 0x-address
    value: int  # wei
    selector: str  # "0xa9059cbb", or "" for a plain ETH transfer
    function: str | None  # "transfer(address,uint256)"; None when unknown
    name: str | None  # "transfer"
    args: tuple[Argument, ...] = ()
    target_label: str | None = None  # "USDC token", "ENS registry", "the Governor"
    movements: tuple[Movement, ...] = ()
    inner: tuple[DecodedCall, ...] = ()  # calls a Safe transaction or a Timelock batch carries
    error: str | None = None  # the calldata does not decode as the known function says
    calldata: str = "0x"  # the raw calldata, hex
    self_call: bool = False  # the target is the Governor or its Timelock: a change of the rules
    delegatecall: bool = False  # an inner call whose code runs as the caller (a Safe's delegatecall)

    @property
    def known(self) -> bool:
        return self.function is not None and self.error is None

    def all_movements(self) -> tuple[Movement, ...]:
        nested = tuple(m for call in self.inner for m in call.all_movements())
        return self.movements + nested


def in_units(amount: int, decimals: int) -> Decimal:
    """Base units to token units, exactly (Decimal's default 28 digits would round a big amount)."""
    return Decimal(amount).scaleb(-decimals, EXACT)


def format_units(value: Decimal) -> str:
    """1218669.76 → "1,218,669.76"; trailing zeros of the fraction dropped; every digit kept."""
    with localcontext(EXACT):
        text = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    whole, _, fraction = text.partition(".")
    negative = whole.startswith("-")
    whole = f"{int(whole.lstrip('-') or 0):,}"
    fraction = fraction.rstrip("0")
    return ("-" if negative else "") + whole + (f".{fraction}" if fraction else "")


def call_as_dict(call: DecodedCall) -> dict:
    """JSON-ready; integers (wei, amounts) as decimal strings so no reader rounds them."""
    return {
        "index": call.index, "target": call.target, "target_label": call.target_label, "value": str(call.value),
        "function": call.function, "selector": call.selector or None,
        "args": [{"name": a.name, "type": a.type, "value": _json_value(a.value), **({"shown": a.shown} if a.shown else {})}
                 for a in call.args],
        "movements": [{"kind": m.kind, "to": m.to, "token": m.token.symbol if m.token else None,
                       "amount": str(m.amount) if m.amount is not None else None,
                       "shown": m.token.describe(m.amount) if m.token and m.amount is not None else None}
                      for m in call.movements],
        "inner": [call_as_dict(c) for c in call.inner], "error": call.error,
        **({} if call.known else {"calldata": call.calldata}),
    }


def _json_value(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value
