"""The calls DAOs make most, with parameter names and what each hands to whom.

Keyed by selector. An entry's `effects` turns the decoded arguments into Movements (value or
power someone receives, which the description must state) and inner calls (a Safe transaction,
a Timelock batch, a Governor relay) that are decoded in turn.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from governance.adapters.governor.signatures import FunctionSignature, parse_signature


@dataclass(frozen=True)
class Effects:
    transfers: tuple[tuple[str, str, str], ...] = ()  # (token, to, amount); token "target" or an argument name
    allowances: tuple[tuple[str, str], ...] = ()  # (spender, amount) of the target token
    parties: tuple[str, ...] = ()  # arguments naming someone who gains a role, ownership, control
    streams: tuple[tuple[str, str], ...] = ()  # (token argument, receiver argument): a rate, not an amount
    vesting: tuple[str, str] | None = None  # (token argument, plans argument of (recipient, amount, ...))
    # the calls it carries: (target, value, data, by delegatecall)
    inner: Callable[[str, dict[str, Any]], list[tuple[str, int, bytes, bool]]] | None = None


@dataclass(frozen=True)
class KnownFunction:
    signature: FunctionSignature
    effects: Effects = field(default_factory=Effects)
    about: str = ""  # who usually exposes it, for the label


Inner = list[tuple[str, int, bytes, bool]]


def _safe_inner(target: str, args: dict[str, Any]) -> Inner:
    # operation 1 is a delegatecall: the code at `to` runs as the Safe (MultiSend batches do this)
    return [(args["to"], args["value"], args["data"], args["operation"] == 1)]


def _relay(target: str, args: dict[str, Any]) -> Inner:
    return [(args["target"], args["value"], args["data"], False)]


def _batch(target: str, args: dict[str, Any]) -> Inner:
    return [(t, v, d, False) for t, v, d in zip(args["targets"], args["values"], args["payloads"])]


def _multicall(target: str, args: dict[str, Any]) -> Inner:
    return [(target, 0, data, False) for data in args["data"]]


def _multisend(target: str, args: dict[str, Any]) -> Inner:
    """Safe's MultiSend packs each call as operation (1 byte), to (20), value (32), length (32), data."""
    packed, calls, at = args["transactions"], [], 0
    while at < len(packed):
        if at + 85 > len(packed):
            raise ValueError("MultiSend transactions end in the middle of a call")
        operation, to = packed[at], "0x" + packed[at + 1: at + 21].hex()
        value = int.from_bytes(packed[at + 21: at + 53], "big")
        length = int.from_bytes(packed[at + 53: at + 85], "big")
        if at + 85 + length > len(packed):
            raise ValueError("a MultiSend call's data runs past the end")
        calls.append((to, value, packed[at + 85: at + 85 + length], operation == 1))
        at += 85 + length
    return calls


_TRANSFER = Effects(transfers=(("target", "to", "amount"),))
_SPEND = Effects(allowances=(("spender", "amount"),))

_ENTRIES: list[tuple[str, Effects, str]] = [
    # ERC-20 (and WETH)
    ("transfer(address to, uint256 amount)", _TRANSFER, "ERC-20"),
    ("transferFrom(address from, address to, uint256 amount)", _TRANSFER, "ERC-20"),
    ("approve(address spender, uint256 amount)", _SPEND, "ERC-20"),
    ("increaseAllowance(address spender, uint256 addedValue)",
     Effects(allowances=(("spender", "addedValue"),)), "ERC-20"),
    ("decreaseAllowance(address spender, uint256 subtractedValue)", Effects(), "ERC-20"),
    ("deposit()", Effects(), "WETH"),
    ("withdraw(uint256 wad)", Effects(), "WETH"),
    ("delegate(address delegatee)", Effects(parties=("delegatee",)), "ERC20Votes"),
    # ERC-721
    ("safeTransferFrom(address from, address to, uint256 tokenId)", Effects(parties=("to",)), "ERC-721"),
    ("setApprovalForAll(address operator, bool approved)", Effects(parties=("operator",)), "ERC-721 / ENS registry"),
    # ownership and roles
    ("transferOwnership(address newOwner)", Effects(parties=("newOwner",)), "Ownable"),
    ("renounceOwnership()", Effects(), "Ownable"),
    ("acceptOwnership()", Effects(), "Ownable2Step"),
    ("grantRole(bytes32 role, address account)", Effects(parties=("account",)), "AccessControl"),
    ("revokeRole(bytes32 role, address account)", Effects(), "AccessControl"),
    ("renounceRole(bytes32 role, address callerConfirmation)", Effects(), "AccessControl"),
    ("upgradeTo(address newImplementation)", Effects(parties=("newImplementation",)), "proxy"),
    ("upgradeToAndCall(address newImplementation, bytes data)", Effects(parties=("newImplementation",)), "proxy"),
    # Safe
    ("execTransaction(address to, uint256 value, bytes data, uint8 operation, uint256 safeTxGas, uint256 baseGas, "
     "uint256 gasPrice, address gasToken, address refundReceiver, bytes signatures)",
     Effects(inner=_safe_inner), "Safe"),
    ("addOwnerWithThreshold(address owner, uint256 _threshold)", Effects(parties=("owner",)), "Safe"),
    ("removeOwner(address prevOwner, address owner, uint256 _threshold)", Effects(), "Safe"),
    ("swapOwner(address prevOwner, address oldOwner, address newOwner)", Effects(parties=("newOwner",)), "Safe"),
    ("changeThreshold(uint256 _threshold)", Effects(), "Safe"),
    ("enableModule(address module)", Effects(parties=("module",)), "Safe"),
    ("disableModule(address prevModule, address module)", Effects(), "Safe"),
    ("multiSend(bytes transactions)", Effects(inner=_multisend), "Safe MultiSend"),
    # ENS registry, root, registrars, resolvers
    ("setOwner(bytes32 node, address owner)", Effects(parties=("owner",)), "ENS registry"),
    ("setResolver(bytes32 node, address resolver)", Effects(), "ENS registry"),
    ("setSubnodeOwner(bytes32 node, bytes32 label, address owner)", Effects(parties=("owner",)), "ENS registry"),
    ("setSubnodeRecord(bytes32 node, bytes32 label, address owner, address resolver, uint64 ttl)",
     Effects(parties=("owner",)), "ENS registry"),
    ("setRecord(bytes32 node, address owner, address resolver, uint64 ttl)", Effects(parties=("owner",)),
     "ENS registry"),
    ("setTTL(bytes32 node, uint64 ttl)", Effects(), "ENS registry"),
    ("setSubnodeOwner(bytes32 label, address owner)", Effects(parties=("owner",)), "ENS root"),
    ("setController(address controller, bool enabled)", Effects(parties=("controller",)), "ENS root / reverse registrar"),
    ("lock(bytes32 label)", Effects(), "ENS root"),
    ("addController(address controller)", Effects(parties=("controller",)), "ENS base registrar"),
    ("removeController(address controller)", Effects(), "ENS base registrar"),
    ("register(uint256 id, address owner, uint256 duration)", Effects(parties=("owner",)), "ENS base registrar"),
    ("reclaim(uint256 id, address owner)", Effects(parties=("owner",)), "ENS base registrar"),
    ("addRegistrarController(address controller)", Effects(parties=("controller",)),
     "ENS registrar security controller"),
    ("removeRegistrarController(address controller)", Effects(), "ENS registrar security controller"),
    ("setDefaultResolver(address resolver)", Effects(), "ENS reverse registrar"),
    ("setNameForAddr(address addr, address owner, address resolver, string name)", Effects(),
     "ENS reverse registrar"),
    ("setMetadataService(address _metadataService)", Effects(), "ENS name wrapper"),
    ("setUpgradeContract(address _upgradeAddress)", Effects(parties=("_upgradeAddress",)), "ENS name wrapper"),
    ("setPriceOracle(address _prices)", Effects(), "ENS registrar controller"),
    ("withdraw()", Effects(), "ENS registrar controller"),
    ("setAddr(bytes32 node, address a)", Effects(), "ENS resolver"),
    ("setText(bytes32 node, string key, string value)", Effects(), "ENS resolver"),
    ("setContenthash(bytes32 node, bytes hash)", Effects(), "ENS resolver"),
    ("setInterface(bytes32 node, bytes4 interfaceID, address implementer)", Effects(), "ENS resolver"),
    ("setName(bytes32 node, string newName)", Effects(), "ENS resolver"),
    ("multicall(bytes[] data)", Effects(inner=_multicall), "ENS resolver / multicall"),
    ("setAlgorithm(uint8 id, address algo)", Effects(), "ENS DNSSEC oracle"),
    ("setDigest(uint8 id, address digest)", Effects(), "ENS DNSSEC oracle"),
    # Zodiac Roles v2 (treasury managers' permissions, set through a Safe)
    ("assignRoles(address module, bytes32[] roleKeys, bool[] memberOf)", Effects(parties=("module",)), "Zodiac Roles"),
    ("setDefaultRole(address module, bytes32 roleKey)", Effects(), "Zodiac Roles"),
    ("setTransactionUnwrapper(address to, bytes4 selector, address adapter)", Effects(), "Zodiac Roles"),
    ("scopeTarget(bytes32 roleKey, address targetAddress)", Effects(), "Zodiac Roles"),
    ("allowTarget(bytes32 roleKey, address targetAddress, uint8 options)", Effects(), "Zodiac Roles"),
    ("revokeTarget(bytes32 roleKey, address targetAddress)", Effects(), "Zodiac Roles"),
    ("allowFunction(bytes32 roleKey, address targetAddress, bytes4 selector, uint8 options)", Effects(),
     "Zodiac Roles"),
    ("revokeFunction(bytes32 roleKey, address targetAddress, bytes4 selector)", Effects(), "Zodiac Roles"),
    ("scopeFunction(bytes32 roleKey, address targetAddress, bytes4 selector, (uint8 parent, uint8 paramType, "
     "uint8 operator, bytes compValue)[] conditions, uint8 options)", Effects(), "Zodiac Roles"),
    ("setAllowance(bytes32 key, uint128 balance, uint128 maxRefill, uint128 refill, uint64 period, "
     "uint64 timestamp)", Effects(), "Zodiac Roles"),
    # streams and vesting
    ("upgrade(uint256 amount)", Effects(), "Superfluid super token"),
    ("setFlowrate(address token, address receiver, int96 flowrate)", Effects(streams=(("token", "receiver"),)),
     "Superfluid"),
    ("batchVestingPlans(address locker, address token, uint256 totalAmount, (address recipient, uint256 amount, "
     "uint256 start, uint256 cliff, uint256 rate)[] plans, uint256 period, address vestingAdmin, "
     "bool adminTransferOBO, uint8 mintType)", Effects(vesting=("token", "plans")), "Hedgey batch planner"),
    ("batchLockingPlans(address locker, address token, uint256 totalAmount, (address recipient, uint256 amount, "
     "uint256 start, uint256 cliff, uint256 rate)[] plans, uint256 period, uint8 mintType)",
     Effects(vesting=("token", "plans")), "Hedgey batch planner"),
    # Uniswap and EAS
    ("setOwner(address _owner)", Effects(parties=("_owner",)), "Uniswap v3 factory"),
    ("setFeeTo(address _feeTo)", Effects(parties=("_feeTo",)), "Uniswap v2 factory"),
    ("setFeeToSetter(address _feeToSetter)", Effects(parties=("_feeToSetter",)), "Uniswap v2 factory"),
    ("setFeeProtocol(uint8 feeProtocol0, uint8 feeProtocol1)", Effects(), "Uniswap v3 pool"),
    ("attest((bytes32 schema, (address recipient, uint64 expirationTime, bool revocable, bytes32 refUID, "
     "bytes data, uint256 value) data) request)", Effects(), "Ethereum Attestation Service"),
    # OpenZeppelin Governor and TimelockController self-calls
    ("relay(address target, uint256 value, bytes data)", Effects(inner=_relay), "Governor"),
    ("setVotingDelay(uint48 newVotingDelay)", Effects(), "Governor 5"),
    ("setVotingPeriod(uint32 newVotingPeriod)", Effects(), "Governor 5"),
    ("setVotingDelay(uint256 newVotingDelay)", Effects(), "Governor 4"),
    ("setVotingPeriod(uint256 newVotingPeriod)", Effects(), "Governor 4"),
    ("setProposalThreshold(uint256 newProposalThreshold)", Effects(), "Governor"),
    ("updateQuorumNumerator(uint256 newQuorumNumerator)", Effects(), "Governor"),
    ("updateTimelock(address newTimelock)", Effects(parties=("newTimelock",)), "Governor"),
    ("updateDelay(uint256 newDelay)", Effects(), "TimelockController"),
    ("schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)",
     Effects(inner=_relay), "TimelockController"),
    ("scheduleBatch(address[] targets, uint256[] values, bytes[] payloads, bytes32 predecessor, bytes32 salt, "
     "uint256 delay)", Effects(inner=_batch), "TimelockController"),
    ("cancel(bytes32 id)", Effects(), "TimelockController"),
]


def _registry() -> dict[str, KnownFunction]:
    table: dict[str, KnownFunction] = {}
    for text, effects, about in _ENTRIES:
        entry = KnownFunction(parse_signature(text), effects, about)
        if entry.signature.selector in table:
            raise ValueError(f"two known functions share selector {entry.signature.selector}")
        table[entry.signature.selector] = entry
    return table


KNOWN_FUNCTIONS: dict[str, KnownFunction] = _registry()
