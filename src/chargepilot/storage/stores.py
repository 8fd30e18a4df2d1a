"""Tenants, their stores, the Stripe accounts they map to, and policies."""

from __future__ import annotations

from sqlalchemy import select, update

from chargepilot.domain.case import MerchantPolicies
from chargepilot.errors import NotFoundError
from chargepilot.storage.codec import policies_from_json, policies_to_json
from chargepilot.storage.models import StoreRow, TenantRow
from chargepilot.storage.records import ConnectedStore, StoreCredentials, Tenant
from chargepilot.storage.repository import Repository
from chargepilot.storage.statements import affected


class StoreRepository(Repository):
    def create_tenant(self, name: str) -> Tenant:
        row = TenantRow(name=name, created_at=self._clock())
        self._session.add(row)
        self._session.flush()
        return Tenant(id=row.id, name=row.name, created_at=row.created_at)

    def get_tenant(self, tenant_id: int) -> Tenant:
        row = self._session.get(TenantRow, tenant_id)
        if row is None:
            raise NotFoundError(f"no tenant {tenant_id}")
        return Tenant(id=row.id, name=row.name, created_at=row.created_at)

    def add_store(
        self,
        tenant_id: int,
        store_hash: str,
        name: str,
        *,
        stripe_account_id: str | None = None,
        auto_submit: bool = False,
        policies: MerchantPolicies | None = None,
    ) -> ConnectedStore:
        row = StoreRow(
            tenant_id=tenant_id,
            store_hash=store_hash,
            name=name,
            stripe_account_id=stripe_account_id,
            auto_submit=auto_submit,
            policies=policies_to_json(policies or MerchantPolicies()),
            created_at=self._clock(),
        )
        self._session.add(row)
        self._session.flush()
        return _store(row)

    def get(self, store_id: int) -> ConnectedStore:
        return _store(self._row(store_id))

    def by_hash(self, store_hash: str) -> ConnectedStore | None:
        row = self._session.scalar(
            select(StoreRow).where(StoreRow.store_hash == store_hash)
        )
        return _store(row) if row else None

    def by_stripe_account(self, account_id: str) -> ConnectedStore | None:
        """The store a Connect account's events belong to (B14), if any."""
        row = self._session.scalar(
            select(StoreRow).where(StoreRow.stripe_account_id == account_id)
        )
        return _store(row) if row else None

    def stores_of(self, tenant_id: int) -> list[ConnectedStore]:
        rows = self._session.scalars(
            select(StoreRow)
            .where(StoreRow.tenant_id == tenant_id)
            .order_by(StoreRow.id)
        )
        return [_store(row) for row in rows]

    def set_policies(self, store_id: int, policies: MerchantPolicies) -> None:
        self._update(store_id, policies=policies_to_json(policies))

    def set_auto_submit(self, store_id: int, enabled: bool) -> None:
        self._update(store_id, auto_submit=enabled)

    def set_stripe_account(self, store_id: int, account_id: str | None) -> None:
        self._update(store_id, stripe_account_id=account_id)

    def set_credentials(self, store_id: int, credentials: StoreCredentials) -> None:
        """Store the vault's ciphertexts; the store counts as connected again."""
        self._update(store_id, disconnected_at=None, **_credential_columns(credentials))

    def disconnect(self, store_id: int) -> None:
        """Delete the credentials; the store's dispute history stays."""
        empty = _credential_columns(StoreCredentials())
        self._update(store_id, disconnected_at=self._clock(), **empty)

    def _row(self, store_id: int) -> StoreRow:
        row = self._session.get(StoreRow, store_id)
        if row is None:
            raise NotFoundError(f"no store {store_id}")
        return row

    def _update(self, store_id: int, **values: object) -> None:
        statement = update(StoreRow).where(StoreRow.id == store_id).values(**values)
        if affected(self._session, statement) != 1:
            raise NotFoundError(f"no store {store_id}")


def _credential_columns(credentials: StoreCredentials) -> dict[str, bytes | None]:
    return {
        "bc_client_id_ciphertext": credentials.bc_client_id,
        "bc_access_token_ciphertext": credentials.bc_access_token,
        "stripe_api_key_ciphertext": credentials.stripe_api_key,
        "stripe_webhook_secret_ciphertext": credentials.stripe_webhook_secret,
    }


def _store(row: StoreRow) -> ConnectedStore:
    return ConnectedStore(
        id=row.id,
        tenant_id=row.tenant_id,
        store_hash=row.store_hash,
        name=row.name,
        stripe_account_id=row.stripe_account_id,
        policies=policies_from_json(row.policies),
        auto_submit=row.auto_submit,
        credentials=StoreCredentials(
            bc_client_id=row.bc_client_id_ciphertext,
            bc_access_token=row.bc_access_token_ciphertext,
            stripe_api_key=row.stripe_api_key_ciphertext,
            stripe_webhook_secret=row.stripe_webhook_secret_ciphertext,
        ),
        created_at=row.created_at,
        disconnected_at=row.disconnected_at,
    )
