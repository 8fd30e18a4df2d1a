"""Settings from the environment (CHARGEPILOT_*), with defaults for a laptop."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_HOME = Path(".chargepilot")


class Settings(BaseSettings):
    """Everything ChargePilot reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="CHARGEPILOT_", extra="ignore")

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

    specs_dir: Path | None = None
    auto_submit: bool = False
    log_format: str = "console"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'chargepilot.db'}"
