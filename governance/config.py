"""Configuration from FOLKMOOT_* environment variables and a .env file.

Validated once at start-up; a bad value stops the process with one line that
names the variable (see `load_settings`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError

from governance.redaction import url_secrets

ENV_PREFIX = "FOLKMOOT_"
ENV_FILE = ".env"
# secp256k1's group order: a private key is a number from 1 to this, exclusive
CURVE_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


class ConfigError(Exception):
    """A missing or invalid setting; str() is the one line to print."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=ENV_FILE, env_file_encoding="utf-8",
                                      extra="ignore")

    # storage
    database_url: str = "sqlite:///folkmoot.db"

    # chain: "embedded" runs py-evm in process (its records vanish on exit)
    chain: Literal["embedded", "rpc", "off"] = "embedded"
    chain_rpc_url: str | None = None
    chain_private_key: SecretStr | None = None  # the recorder key (hex)
    chain_confirmations: int = Field(default=1, ge=0, le=64)
    # signed delegations the recorder relays gas-free to a followed Governor's token, per member per UTC day
    governor_delegations_per_day: int = Field(default=5, ge=1, le=1_000)
    # signed ballots the recorder relays gas-free to a followed Governor, per member per UTC day
    governor_ballots_per_day: int = Field(default=10, ge=1, le=1_000)
    # every relay (ballots and delegations) the recorder pays for, per community per UTC day
    governor_relay_daily_budget: int = Field(default=500, ge=1, le=100_000)

    # language model
    model_backend: Literal["auto", "transformers", "http", "extractive"] = "auto"
    model_id: str = "Qwen/Qwen2.5-0.5B-Instruct"
    model_http_url: str | None = None
    model_http_api_key: SecretStr | None = None
    model_timeout_seconds: float = Field(default=60.0, gt=0, le=600)
    # a local model generates in a child process, so it never competes with the bot for the GIL
    model_in_subprocess: bool = True

    # discord
    discord_token: SecretStr | None = None
    # guilds whose slash commands sync instantly, comma-separated (global sync takes up to an hour)
    discord_guild_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    # sharding (a bot in many servers): the total number of shards (unset: as Discord recommends),
    # and which of them this process runs (unset: all), so several processes can share the load
    discord_shards: int | None = Field(default=None, ge=1, le=10_000)
    discord_shard_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)

    # the wallet page (bot/web): its public URL, where it listens, the key of its one-time links,
    # and what the recorder relays for members (ballots per member per hour, per community per day)
    web_url: str | None = None
    web_bind: str | None = None  # host:port, e.g. 127.0.0.1:8080
    web_secret: SecretStr | None = None
    wallet_ballots_per_hour: int = Field(default=10, ge=1, le=10_000)
    wallet_relay_daily_budget: int = Field(default=2_000, ge=1, le=10_000_000)

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    # other libraries' loggers stay at INFO or above (their DEBUG lines carry tokens and URLs) unless set
    debug_third_party: bool = False

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if not url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ValueError("use sqlite:///path.db or postgresql://user@host/db")
        return url

    @field_validator("discord_guild_ids", "discord_shard_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("chain_rpc_url", "model_http_url")
    @classmethod
    def _http_url(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("http://", "https://", "ws://", "wss://")):
            raise ValueError("must start with http:// or https://")
        return url

    @field_validator("web_url")
    @classmethod
    def _web_url(cls, url: str | None) -> str | None:
        if url is None:
            return None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError("must be the page's public base URL, e.g. https://vote.example.org")
        return url.rstrip("/")

    @field_validator("web_bind")
    @classmethod
    def _bind(cls, bind: str | None) -> str | None:
        if bind is None:
            return None
        host, _, port = bind.rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65_536:
            raise ValueError("must be host:port, e.g. 127.0.0.1:8080")
        return bind

    @field_validator("web_secret")
    @classmethod
    def _web_secret(cls, secret: SecretStr | None) -> SecretStr | None:
        if secret is not None and len(secret.get_secret_value().strip()) < 32:
            raise ValueError("must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)")
        return secret

    @field_validator("chain_private_key")
    @classmethod
    def _private_key(cls, key: SecretStr | None) -> SecretStr | None:
        raw = key.get_secret_value().removeprefix("0x") if key else None
        if raw is not None and not (len(raw) == 64 and _is_hex(raw)):
            raise ValueError("must be 32 bytes of hex")
        if raw is not None and not 0 < int(raw, 16) < CURVE_ORDER:
            raise ValueError("not a valid private key (zero, or not below the secp256k1 curve order)")
        return key

    @model_validator(mode="after")
    def _rpc_needs_url_and_key(self) -> Settings:
        if self.chain == "rpc" and not self.chain_rpc_url:
            raise ValueError("FOLKMOOT_CHAIN_RPC_URL: required when FOLKMOOT_CHAIN=rpc")
        if self.chain == "rpc" and not self.chain_private_key:
            raise ValueError("FOLKMOOT_CHAIN_PRIVATE_KEY: required when FOLKMOOT_CHAIN=rpc")
        if self.model_backend == "http" and not self.model_http_url:
            raise ValueError("FOLKMOOT_MODEL_HTTP_URL: required when FOLKMOOT_MODEL_BACKEND=http")
        if self.web_url and not self.web_secret:
            raise ValueError("FOLKMOOT_WEB_SECRET: required with FOLKMOOT_WEB_URL (the key that signs one-time "
                             "links; e.g. `openssl rand -hex 32`)")
        if self.discord_shard_ids and self.discord_shards is None:
            raise ValueError("FOLKMOOT_DISCORD_SHARD_IDS: needs FOLKMOOT_DISCORD_SHARDS, the total shard count")
        if any(not 0 <= i < (self.discord_shards or 0) for i in self.discord_shard_ids):
            raise ValueError(f"FOLKMOOT_DISCORD_SHARD_IDS: each must be from 0 to {(self.discord_shards or 1) - 1} "
                             f"(FOLKMOOT_DISCORD_SHARDS is {self.discord_shards})")
        return self

    def secret_values(self) -> list[str]:
        """Every configured value that must never be printed or logged."""
        values = url_secrets(self.database_url, path=False)
        values += url_secrets(self.chain_rpc_url) + url_secrets(self.model_http_url)
        for secret in (self.discord_token, self.model_http_api_key, self.web_secret):
            if secret is not None:
                values.append(secret.get_secret_value().strip())
        if self.chain_private_key is not None:
            raw = self.chain_private_key.get_secret_value().removeprefix("0x")
            values += [raw, raw.lower(), raw.upper()]
        if self.chain_rpc_url and urlsplit(self.chain_rpc_url).path not in ("", "/"):
            values.append(self.chain_rpc_url)
        return [v for v in values if v]


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def load_settings(**overrides) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise ConfigError(describe(error)) from None
    except SettingsError as error:  # a value the environment source could not even parse
        raise ConfigError(f"configuration: {error}") from None
    except UnicodeDecodeError as error:
        raise ConfigError(f"{ENV_FILE} in {Path.cwd()} is not UTF-8 text (byte {error.object[error.start]:#04x} at "
                          f"offset {error.start}); save it as UTF-8") from None
    except OSError as error:  # e.g. .env is a folder or unreadable
        raise ConfigError(f"{ENV_FILE}: cannot read it ({error.strerror or type(error).__name__})") from None


def describe(error: ValidationError) -> str:
    """The first problem as one line: 'FOLKMOOT_X: what is wrong'."""
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    if not first["loc"]:
        return message  # a cross-field rule; its message names the variable
    return f"{ENV_PREFIX}{str(first['loc'][0]).upper()}: {message}"
