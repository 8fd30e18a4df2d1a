"""Wire the main job to its stores, Stripe and the database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.domain.case import MerchantPolicies
from chargepilot.errors import ConfigError
from chargepilot.jobs.metrics import MeteredTransport, StripeCalls
from chargepilot.jobs.respond import Responder, StoreLink
from chargepilot.jobs.tracking import DisputeBook
from chargepilot.storage import Database
from chargepilot.stripe_api.gateway import DEFAULT_API_BASE, StripeGateway


@dataclass(frozen=True, slots=True)
class StoreConfig:
    """One connected BigCommerce store and the Stripe account it answers."""

    store_hash: str
    access_token: str
    api_base: str = "https://api.bigcommerce.com"
    name: str = ""
    stripe_account: str | None = None  # None: the platform account
    policies: MerchantPolicies = field(default_factory=MerchantPolicies)
    auto_submit: bool = False

    def __repr__(self) -> str:
        return f"StoreConfig({self.store_hash!r}, account={self.stripe_account!r})"


@dataclass(frozen=True, slots=True)
class JobConfig:
    stripe_api_key: str
    stores: tuple[StoreConfig, ...]
    database_url: str
    packets_dir: Path
    stripe_api_base: str = DEFAULT_API_BASE
    stripe_files_base: str | None = None
    tenant: str = "default"
    bigcommerce_retries: int = 4  # per call, for 429s, 5xx and timeouts

    def __repr__(self) -> str:
        return f"JobConfig(stores={len(self.stores)}, db={self.database_url!r})"


@asynccontextmanager
async def open_responder(
    config: JobConfig, *, clock: Callable[[], datetime] | None = None
) -> AsyncIterator[Responder]:
    """A ready Responder; closes every client and the database afterwards."""
    db = open_database(config.database_url)
    try:
        store_ids = register_stores(db, config)
        async with AsyncExitStack() as stack:
            links = {
                store.stripe_account: await _link(
                    stack, store, config.bigcommerce_retries
                )
                for store in config.stores
            }
            gateway = StripeGateway(
                config.stripe_api_key,
                api_base=config.stripe_api_base,
                files_base=config.stripe_files_base,
                counter=StripeCalls(),
            )
            stack.push_async_callback(gateway.aclose)
            yield Responder(
                gateway,
                links,
                DisputeBook(db, store_ids),
                config.packets_dir,
                clock or (lambda: datetime.now(UTC)),
            )
    finally:
        db.dispose()


async def _link(stack: AsyncExitStack, store: StoreConfig, retries: int) -> StoreLink:
    transport = MeteredTransport(httpx.AsyncHTTPTransport(), "bigcommerce")
    client = BigCommerceClient(
        store.store_hash,
        store.access_token,
        base_url=store.api_base,
        transport=transport,
        max_retries=retries,
    )
    await stack.enter_async_context(client)
    return StoreLink(
        client, store.store_hash, store.name, store.policies, store.auto_submit
    )


def open_database(url: str) -> Database:
    """The database at `url`, migrated; a ConfigError when it cannot be opened."""
    try:
        return Database.from_url(url, upgrade=True)
    except (SQLAlchemyError, ValueError) as exc:
        raise ConfigError(
            f"cannot open the database {_safe(url)}: {_why(exc)}"
        ) from None


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "(unreadable CHARGEPILOT_DATABASE_URL)"


def _why(exc: Exception) -> str:
    cause = getattr(exc, "orig", None) or exc
    lines = str(cause).strip().splitlines()
    return lines[0] if lines else type(cause).__name__


def register_stores(db: Database, config: JobConfig) -> dict[str, int]:
    """Each configured store on file, with today's settings; hash -> store id.

    The configuration is the source of truth for a store's settings, so a
    changed auto-submit, Connect account or policy takes effect next run.
    """
    ids: dict[str, int] = {}
    with db.session() as unit:
        known = [unit.stores.by_hash(s.store_hash) for s in config.stores]
        tenant_id = next((k.tenant_id for k in known if k), None)
        for store, on_file in zip(config.stores, known, strict=True):
            if on_file is not None:
                store_id = on_file.id
            else:
                tenant_id = tenant_id or unit.stores.create_tenant(config.tenant).id
                name = store.name or store.store_hash
                store_id = unit.stores.add_store(tenant_id, store.store_hash, name).id
            unit.stores.set_auto_submit(store_id, store.auto_submit)
            unit.stores.set_stripe_account(store_id, store.stripe_account)
            unit.stores.set_policies(store_id, store.policies)
            ids[store.store_hash] = store_id
    return ids
