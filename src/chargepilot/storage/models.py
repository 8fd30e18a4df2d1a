"""The tables, as SQLAlchemy 2 typed ORM classes.

Every row belongs to a tenant. Rows under a dispute carry the dispute's
tenant too, and a composite foreign key (dispute_id, tenant_id) makes the
database itself refuse a row that points across tenants.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedColumn, mapped_column

from chargepilot.storage.states import DisputeState
from chargepilot.storage.types import UtcDateTime

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

VENDOR_ID = 255  # Stripe and BigCommerce ids fit easily


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UtcDateTime(),
        dict[str, Any]: JSON(),
    }


def _tenant_fk(nullable: bool = False) -> MappedColumn[Any]:
    return mapped_column(ForeignKey("tenants.id"), nullable=nullable, index=True)


def _dispute_fk(table: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["dispute_id", "tenant_id"],
        ["disputes.id", "disputes.tenant_id"],
        name=f"fk_{table}_dispute_tenant",
    )


class TenantRow(Base):
    """A merchant organisation: one or more stores, isolated from the rest."""

    __tablename__ = "tenants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class StoreRow(Base):
    """A BigCommerce store, the Stripe account it takes payments on, policies."""

    __tablename__ = "stores"
    __table_args__ = (UniqueConstraint("id", "tenant_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    store_hash: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    stripe_account_id: Mapped[str | None] = mapped_column(
        String(VENDOR_ID), unique=True
    )
    policies: Mapped[dict[str, Any]] = mapped_column(JSON)
    auto_submit: Mapped[bool] = mapped_column(Boolean, default=False)
    # Ciphertexts written by the vault; NULL once a store disconnects.
    bc_client_id_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    bc_access_token_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    stripe_api_key_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    stripe_webhook_secret_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]
    disconnected_at: Mapped[datetime | None]


_STATES = ", ".join(f"'{s.value}'" for s in DisputeState)


class DisputeRow(Base):
    """One Stripe dispute and where ChargePilot is in answering it."""

    __tablename__ = "disputes"
    __table_args__ = (
        UniqueConstraint("id", "tenant_id"),
        ForeignKeyConstraint(
            ["store_id", "tenant_id"],
            ["stores.id", "stores.tenant_id"],
            name="fk_disputes_store_tenant",
        ),
        CheckConstraint(f"state IN ({_STATES})", name="state"),
        Index(None, "tenant_id", "state"),
    )

    id: Mapped[str] = mapped_column(String(VENDOR_ID), primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    store_id: Mapped[int] = mapped_column(Integer, index=True)
    charge_id: Mapped[str] = mapped_column(String(VENDOR_ID))
    account: Mapped[str | None] = mapped_column(String(VENDOR_ID))
    reason: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(64))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    due_by: Mapped[datetime | None]
    livemode: Mapped[bool] = mapped_column(Boolean, default=False)
    state: Mapped[str] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    lease_owner: Mapped[str | None] = mapped_column(String(200))
    lease_expires_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    state_changed_at: Mapped[datetime]


class MatchRow(Base):
    """Which order a dispute's charge paid for, with confidence and reasons."""

    __tablename__ = "matches"
    __table_args__ = (_dispute_fk("matches"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    dispute_id: Mapped[str] = mapped_column(String(VENDOR_ID), index=True)
    order_id: Mapped[int | None] = mapped_column(BigInteger)
    confidence: Mapped[float] = mapped_column(Float)
    method: Mapped[str] = mapped_column(String(32))
    reasons: Mapped[list[str]] = mapped_column(JSON)
    rivals: Mapped[list[int]] = mapped_column(JSON)
    truncated: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]


class EvidenceRevisionRow(Base):
    """One version of the evidence built for a dispute, and its PDF packet."""

    __tablename__ = "evidence_revisions"
    __table_args__ = (
        UniqueConstraint("dispute_id", "revision"),
        _dispute_fk("evidence_revisions"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    dispute_id: Mapped[str] = mapped_column(String(VENDOR_ID))
    revision: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(64))
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    argument: Mapped[str] = mapped_column(Text)
    strength: Mapped[int] = mapped_column(Integer)
    checklist: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    missing: Mapped[list[str]] = mapped_column(JSON)
    packet_field: Mapped[str] = mapped_column(String(64))
    auto_answerable: Mapped[bool] = mapped_column(Boolean, default=True)
    packet_sha256: Mapped[str | None] = mapped_column(String(64))
    packet_bytes: Mapped[int | None] = mapped_column(Integer)
    packet_pages: Mapped[int | None] = mapped_column(Integer)
    packet_path: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class UploadRow(Base):
    """A packet uploaded to Stripe; one per (dispute, sha256), never two."""

    __tablename__ = "uploads"
    __table_args__ = (
        UniqueConstraint("dispute_id", "sha256"),
        _dispute_fk("uploads"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    dispute_id: Mapped[str] = mapped_column(String(VENDOR_ID))
    revision: Mapped[int] = mapped_column(Integer)
    stripe_file_id: Mapped[str] = mapped_column(String(VENDOR_ID), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]


class SubmissionRow(Base):
    """Evidence sent to Stripe: staged (submit=false) or submitted for good."""

    __tablename__ = "submissions"
    __table_args__ = (_dispute_fk("submissions"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = _tenant_fk()
    dispute_id: Mapped[str] = mapped_column(String(VENDOR_ID), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    idempotency_key: Mapped[str] = mapped_column(String(255), unique=True)
    submitted: Mapped[bool] = mapped_column(Boolean)
    stripe_status: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime]


class WebhookEventRow(Base):
    """A verified Stripe event, stored before any work (B12).

    The tenant is unknown for events from an account no store claims yet;
    those are parked here, so this is the one table with a nullable tenant.
    """

    __tablename__ = "webhook_events"

    id: Mapped[str] = mapped_column(String(VENDOR_ID), primary_key=True)
    tenant_id: Mapped[int | None] = _tenant_fk(nullable=True)
    type: Mapped[str] = mapped_column(String(128))
    account: Mapped[str | None] = mapped_column(String(VENDOR_ID))
    dispute_id: Mapped[str | None] = mapped_column(String(VENDOR_ID), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]


class LedgerEntryRow(Base):
    """A dispute's outcome and the recovery fee it earned: one per dispute."""

    __tablename__ = "ledger_entries"
    __table_args__ = (
        UniqueConstraint("dispute_id"),
        _dispute_fk("ledger_entries"),
        Index(None, "tenant_id", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int] = mapped_column(ForeignKey("tenants.id"))
    dispute_id: Mapped[str] = mapped_column(String(VENDOR_ID))
    outcome: Mapped[str] = mapped_column(String(32))
    recovered_amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    fee_amount: Mapped[int] = mapped_column(BigInteger)
    recorded_at: Mapped[datetime]


class JobRunRow(Base):
    """What one job run cost: vendor calls, sequential round trips, timings.

    Runs that span tenants (reconciliation) have no tenant.
    """

    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[int | None] = _tenant_fk(nullable=True)
    dispute_id: Mapped[str | None] = mapped_column(String(VENDOR_ID), index=True)
    job: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(64))
    api_calls: Mapped[int] = mapped_column(Integer)
    round_trips: Mapped[int] = mapped_column(Integer)
    timings: Mapped[dict[str, Any]] = mapped_column(JSON)
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime]
