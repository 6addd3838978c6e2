"""Configuration from FOLKMOOT_* environment variables and a .env file.

Validated once at start-up; a bad value stops the process with one line that
names the variable (see `load_settings`).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings.exceptions import SettingsError

ENV_PREFIX = "FOLKMOOT_"


class ConfigError(Exception):
    """A missing or invalid setting; str() is the one line to print."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", extra="ignore")

    # storage
    database_url: str = "sqlite:///folkmoot.db"

    # chain: "embedded" runs py-evm in process (its records vanish on exit)
    chain: Literal["embedded", "rpc", "off"] = "embedded"
    chain_rpc_url: str | None = None
    chain_private_key: SecretStr | None = None  # the recorder key (hex)
    chain_confirmations: int = Field(default=1, ge=0, le=64)

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

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, url: str) -> str:
        if not url.startswith(("sqlite:", "postgresql:", "postgresql+psycopg:")):
            raise ValueError("use sqlite:///path.db or postgresql://user@host/db")
        return url

    @field_validator("discord_guild_ids", mode="before")
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

    @field_validator("chain_private_key")
    @classmethod
    def _private_key(cls, key: SecretStr | None) -> SecretStr | None:
        raw = key.get_secret_value().removeprefix("0x") if key else None
        if raw is not None and not (len(raw) == 64 and _is_hex(raw)):
            raise ValueError("must be 32 bytes of hex")
        return key

    @model_validator(mode="after")
    def _rpc_needs_url_and_key(self) -> Settings:
        if self.chain == "rpc" and not self.chain_rpc_url:
            raise ValueError("FOLKMOOT_CHAIN_RPC_URL: required when FOLKMOOT_CHAIN=rpc")
        if self.chain == "rpc" and not self.chain_private_key:
            raise ValueError("FOLKMOOT_CHAIN_PRIVATE_KEY: required when FOLKMOOT_CHAIN=rpc")
        if self.model_backend == "http" and not self.model_http_url:
            raise ValueError("FOLKMOOT_MODEL_HTTP_URL: required when FOLKMOOT_MODEL_BACKEND=http")
        return self


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)


def load_settings(**overrides) -> Settings:
    try:
        return Settings(**overrides)
    except ValidationError as error:
        raise ConfigError(describe(error)) from None
    except SettingsError as error:  # a value the environment source could not even parse
        raise ConfigError(f"configuration: {error}") from None


def describe(error: ValidationError) -> str:
    """The first problem as one line: 'FOLKMOOT_X: what is wrong'."""
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    if not first["loc"]:
        return message  # a cross-field rule; its message names the variable
    return f"{ENV_PREFIX}{str(first['loc'][0]).upper()}: {message}"
