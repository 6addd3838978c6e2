"""Mainnet tokens and contracts folkmoot recognises without asking a node (the corpus' DAOs and
the assets treasuries hold most). On another chain, token details are read on-chain instead."""

from __future__ import annotations

from governance.domain.governor import TokenInfo

MAINNET = 1

_TOKENS = [  # address, symbol, decimals
    ("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48", "USDC", 6),
    ("0xdAC17F958D2ee523a2206206994597C13D831ec7", "USDT", 6),
    ("0x6B175474E89094C44Da98b954EedeAC495271d0F", "DAI", 18),
    ("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "WETH", 18),
    ("0xC18360217D8F7Ab5e7c516566761Ea12Ce7F9D72", "ENS", 18),
    ("0x1f9840a85d5aF5bf1D1762F925BDADdC4201F984", "UNI", 18),
    ("0xc00e94Cb662C3520282E6f5717214004A7f26888", "COMP", 18),
    ("0x7Fc66500c84A76Ad7e9c93437bFc5Ac33E2DDaE9", "AAVE", 18),
    ("0x514910771AF9Ca656af840dff83E8264EcF986CA", "LINK", 18),
    ("0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84", "stETH", 18),
    ("0x7f39C581F595B53c5cb19bD0b3f8dA6c935E2Ca0", "wstETH", 18),
    ("0x1BA8603DA702602A8657980e825A6DAa03Dee93a", "USDCx", 18),  # Superfluid's wrapped USDC
]

MAINNET_TOKENS: dict[str, TokenInfo] = {a.lower(): TokenInfo(a.lower(), s, d) for a, s, d in _TOKENS}

MAINNET_LABELS: dict[str, str] = {a.lower(): label for a, label in [
    ("0xFe89cc7aBB2C4183683ab71653C4cdc9B02D44b7", "ENS DAO wallet (timelock)"),
    ("0x323A76393544d5ecca80cd6ef2A560C6a395b7E3", "ENS Governor"),
    ("0x00000000000C2E074eC69A0dFb2997BA6C7d2e1e", "ENS registry"),
    ("0xaB528d626EC275E3faD363fF1393A41F581c5897", "ENS root"),
    ("0x57f1887a8BF19b14fC0dF6Fd9B2acc9Af147eA85", "ENS base registrar"),
    ("0xD4416b13d2b3a9aBae7AcD5D6C2BbDBE25686401", "ENS name wrapper"),
    ("0xa58E81fe9b61B5c3fE2AFD33CF304c454AbFc7Cb", "ENS reverse registrar"),
    ("0x283Af0B28c62C092C9727F1Ee09c02CA627EB7F5", "ENS old registrar controller"),
    ("0x0fc3152971714E5ed7723FAFa650F86A4BaF30C5", "ENS DNSSEC oracle"),
    ("0xcfA132E353cB4E398080B9700609bb008eceB125", "Superfluid CFA forwarder"),
    ("0x3466EB008EDD8d5052446293D1a7D212cb65C646", "Hedgey batch planner"),
    ("0x1a9C8182C09F50C8318d769245beA52c32BE35BC", "Uniswap timelock"),
    ("0x1F98431c8aD98523631AE4a59f267346ea31F984", "Uniswap v3 factory"),
    ("0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f", "Uniswap v2 factory"),
    ("0xA1207F3BBa224E2c9c3c6D5aF63D0eb1582Ce587", "Ethereum Attestation Service"),
    ("0x000000000000000000000000000000000000dEaD", "burn address"),
]}

# Other ways a description names these addresses (case-insensitive), so they count as stated.
MAINNET_NAMES: dict[str, tuple[str, ...]] = {a.lower(): names for a, names in [
    ("0xFe89cc7aBB2C4183683ab71653C4cdc9B02D44b7", ("wallet.ensdao.eth",)),
    ("0x000000000000000000000000000000000000dEaD", ("0xdead", "burn address")),
]}
