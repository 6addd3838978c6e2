"""Decoding a proposal's calls: target, ETH value, function with named arguments, and what moves.

Functions come from the table folkmoot ships (`known_calls`); a Safe transaction, a Timelock
batch or a Governor relay is opened and its inner calls decoded too. Anything else is kept raw
and left for the checker to flag.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from eth_abi import decode
from eth_abi.exceptions import DecodingError
from eth_utils import to_checksum_address

from governance.adapters.governor.known_calls import KNOWN_FUNCTIONS, KnownFunction
from governance.adapters.governor.signatures import Param
from governance.domain.governor import Argument, Call, DecodedCall, Movement, TokenInfo
from governance.domain.governor.calls import ETH

TokenLookup = Callable[[str], TokenInfo | None]
MAX_DEPTH = 3  # a Safe inside a relay inside a batch is already more than DAOs do


class CallDecoder:
    def __init__(self, tokens: TokenLookup, labels: dict[str, str] | None = None,
                 governing: frozenset[str] = frozenset(), names: dict[str, tuple[str, ...]] | None = None):
        """tokens: address → TokenInfo (or None); labels: address → name; governing: the Governor
        and Timelock addresses (a call to them changes the rules); names: other ways a text names
        an address ("wallet.ensdao.eth")."""
        self.tokens = tokens
        self.labels = {a.lower(): label for a, label in (labels or {}).items()}
        self.names = {a.lower(): n for a, n in (names or {}).items()}
        self.governing = frozenset(a.lower() for a in governing)

    def decode_all(self, calls: list[Call]) -> list[DecodedCall]:
        return [self.decode(call, i) for i, call in enumerate(calls)]

    def decode(self, call: Call, index: int, depth: int = 0, delegate: bool = False) -> DecodedCall:
        target = call.target.lower()
        data = call.calldata
        base = dict(index=index, target=target, value=call.value, target_label=self._label(target),
                    calldata="0x" + data.hex(), self_call=target in self.governing, delegatecall=delegate)
        eth = (Movement("eth", target, ETH, call.value),) if call.value else ()
        if not data:
            return DecodedCall(selector="", function=None, name=None, movements=eth, **base)
        selector = "0x" + data[:4].hex()
        known = KNOWN_FUNCTIONS.get(selector) if len(data) >= 4 else None
        if known is None:
            return DecodedCall(selector=selector, function=None, name=None, movements=eth, **base)
        signature = known.signature
        try:
            values = decode(signature.types, data[4:])
        except (DecodingError, ValueError, OverflowError) as error:
            return DecodedCall(selector=selector, function=signature.canonical, name=signature.name, movements=eth,
                               error=_one_line(error), **base)
        named = {p.name: _plain(p, v) for p, v in zip(signature.params, values)}
        movements = eth + tuple(replace(m, to_names=self._names(m.to)) for m in self._movements(known, target, named))
        shown = self._shown_amounts(known, target, named)
        args = tuple(Argument(p.name, p.type, _jsonable(named[p.name]), shown.get(p.name, ""))
                     for p in signature.params)
        inner: tuple[DecodedCall, ...] = ()
        if known.effects.inner is not None and depth < MAX_DEPTH:
            try:
                carried = known.effects.inner(target, named)
            except ValueError as error:
                return DecodedCall(selector=selector, function=signature.canonical, name=signature.name, args=args,
                                   movements=movements, error=_one_line(error), **base)
            inner = tuple(self.decode(Call(t, v, d), index, depth + 1, delegate=by_delegate)
                          for t, v, d, by_delegate in carried)
        return DecodedCall(selector=selector, function=signature.canonical, name=signature.name, args=args,
                           movements=movements, inner=inner, **base)

    def _label(self, address: str) -> str | None:
        if address in self.labels:
            return self.labels[address]
        token = self.tokens(address)
        return f"{token.symbol} token" if token else None

    def _names(self, address: str) -> tuple[str, ...]:
        token = self.tokens(address)
        by_symbol = (f"{token.symbol} contract", f"{token.symbol} token") if token else ()
        return self.names.get(address, ()) + by_symbol

    def _token(self, address: str) -> TokenInfo:
        return self.tokens(address) or TokenInfo(address, f"units of token {address[:6]}…{address[-4:]}", 0)

    def _movements(self, known: KnownFunction, target: str, args: dict[str, Any]) -> list[Movement]:
        e = known.effects
        found = []
        for token_arg, to, amount in e.transfers:
            token = self._token(target if token_arg == "target" else args[token_arg])
            found.append(Movement("transfer", args[to], token, args[amount]))
        for spender, amount in e.allowances:
            found.append(Movement("allowance", args[spender], self._token(target), args[amount]))
        for party in e.parties:
            found.append(Movement("party", args[party]))
        for token_arg, receiver in e.streams:
            found.append(Movement("stream", args[receiver], self._token(args[token_arg]), args.get("flowrate")))
        if e.vesting is not None:
            token_arg, plans = e.vesting
            token = self._token(args[token_arg])
            found += [Movement("vesting", plan["recipient"], token, plan["amount"]) for plan in args[plans]]
        return found

    def _shown_amounts(self, known: KnownFunction, target: str, args: dict[str, Any]) -> dict[str, str]:
        e = known.effects
        shown = {}
        for token_arg, _to, amount in e.transfers:
            shown[amount] = self._token(target if token_arg == "target" else args[token_arg]).describe(args[amount])
        for _spender, amount in e.allowances:
            shown[amount] = self._token(target).describe(args[amount])
        for token_arg, _receiver in e.streams:
            if "flowrate" in args:
                shown["flowrate"] = self._token(args[token_arg]).describe(args["flowrate"]) + " per second"
        return shown


def _plain(param: Param, value: Any) -> Any:
    """eth_abi's values, with addresses lower-case and tuples as dicts by component name."""
    kind = param.type
    if kind.endswith("]"):
        element = Param(param.name, kind[: kind.rindex("[")], param.components)
        return [_plain(element, v) for v in value]
    if param.is_tuple:
        return {c.name: _plain(c, v) for c, v in zip(param.components, value)}
    if kind == "address":
        return value.lower()
    return value


def _jsonable(value: Any) -> Any:
    """For showing and JSON: checksummed addresses, 0x-hex bytes, integers as they are."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return "0x" + value.hex()
    if isinstance(value, str) and len(value) == 42 and value.startswith("0x"):
        try:
            return to_checksum_address(value)
        except ValueError:
            return value
    return value


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."
