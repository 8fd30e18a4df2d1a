"""Settings from the environment (CHARGEPILOT_*), with defaults for a laptop."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from chargepilot.domain.case import MerchantPolicies
from chargepilot.errors import ConfigError

DEFAULT_HOME = Path(".chargepilot")
PREFIX = "CHARGEPILOT_"


class Settings(BaseSettings):
    """Everything ChargePilot reads from its environment."""

    model_config = SettingsConfigDict(env_prefix=PREFIX, extra="ignore")

    home: Path = DEFAULT_HOME
    database_url: str | None = None

    stripe_api_base: str = "https://api.stripe.com"
    stripe_files_base: str | None = None
    stripe_api_key: SecretStr | None = None
    stripe_webhook_secret: SecretStr | None = None
    stripe_account: str | None = None

    bigcommerce_api_base: str = "https://api.bigcommerce.com"
    bigcommerce_store_hash: str | None = None
    bigcommerce_access_token: SecretStr | None = None
    bigcommerce_client_id: SecretStr | None = None

    policies_file: Path | None = None
    specs_dir: Path | None = None
    auto_submit: bool = False
    log_format: Literal["console", "json"] = "console"

    @field_validator("stripe_api_base", "stripe_files_base", "bigcommerce_api_base")
    @classmethod
    def _http_address(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError("must be an http:// or https:// address with a host")
        return value.rstrip("/")

    @field_validator("stripe_api_key", "bigcommerce_access_token")
    @classmethod
    def _one_word(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        secret = value.get_secret_value().strip()
        if not secret or any(c.isspace() for c in secret):
            raise ValueError("must be one word with no spaces")
        return SecretStr(secret)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'chargepilot.db'}"

    def policies(self) -> MerchantPolicies:
        """The store's policy texts, from the JSON file the setting names."""
        if self.policies_file is None:
            return MerchantPolicies()
        return read_policies(self.policies_file)


LOG_FORMATS = ("console", "json")


def log_format() -> str:
    """CHARGEPILOT_LOG_FORMAT alone, so a command that needs no other
    setting is not stopped by an unrelated bad one."""
    chosen = os.environ.get(f"{PREFIX}LOG_FORMAT", "console").strip().lower()
    if chosen not in LOG_FORMATS:
        raise ConfigError(f"{PREFIX}LOG_FORMAT must be console or json, not {chosen!r}")
    return chosen


def load_settings() -> Settings:
    """The settings, or a ConfigError naming each bad one (never its value)."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(_problem(error) for error in exc.errors())
        raise ConfigError(f"bad settings: {problems}") from None


def _problem(error: object) -> str:
    assert isinstance(error, dict)
    field = PREFIX + "_".join(str(p) for p in error.get("loc", ())).upper()
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    return f"{field} {message}"


POLICY_FIELDS = frozenset(MerchantPolicies.__dataclass_fields__)


def read_policies(path: Path) -> MerchantPolicies:
    """Policies from a JSON object of texts; unknown keys are refused."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read the policies file {path}: {exc.strerror}"
        ) from None
    except ValueError:
        raise ConfigError(f"the policies file {path} is not valid JSON") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ConfigError(f"the policies file {path} must be one JSON object of texts")
    unknown = sorted(set(data) - POLICY_FIELDS)
    if unknown:
        known = ", ".join(sorted(POLICY_FIELDS))
        raise ConfigError(f"unknown policy {', '.join(unknown)} in {path}; use {known}")
    return MerchantPolicies(**data)
