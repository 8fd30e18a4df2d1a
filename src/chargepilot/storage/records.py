"""What the repositories hand back: frozen snapshots, never live ORM rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from chargepilot.domain.case import Evidence, MerchantPolicies
from chargepilot.domain.disputes import DisputeReason, DisputeStatus
from chargepilot.domain.money import Money
from chargepilot.storage.states import DisputeState


@dataclass(frozen=True, slots=True)
class Tenant:
    id: int
    name: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoreCredentials:
    """Ciphertexts the vault wrote; storage never sees a clear secret."""

    bc_client_id: bytes | None = None
    bc_access_token: bytes | None = None
    stripe_api_key: bytes | None = None
    stripe_webhook_secret: bytes | None = None


@dataclass(frozen=True, slots=True)
class ConnectedStore:
    id: int
    tenant_id: int
    store_hash: str
    name: str
    stripe_account_id: str | None
    policies: MerchantPolicies
    auto_submit: bool
    credentials: StoreCredentials
    created_at: datetime
    disconnected_at: datetime | None

    @property
    def connected(self) -> bool:
        return self.disconnected_at is None


@dataclass(frozen=True, slots=True)
class TrackedDispute:
    """A dispute as stored: Stripe's facts plus ChargePilot's progress."""

    id: str
    tenant_id: int
    store_id: int
    charge_id: str
    account: str | None
    reason: DisputeReason
    status: DisputeStatus
    amount: Money
    due_by: datetime | None
    livemode: bool
    state: DisputeState
    attempts: int
    failures: int
    last_error: str | None
    lease_owner: str | None
    lease_expires_at: datetime | None
    created_at: datetime
    updated_at: datetime
    state_changed_at: datetime


@dataclass(frozen=True, slots=True)
class Packet:
    """The rendered PDF: its digest, size, page count and where it is kept."""

    sha256: str
    size: int
    pages: int
    path: str


@dataclass(frozen=True, slots=True)
class EvidenceRevision:
    dispute_id: str
    revision: int
    evidence: Evidence
    packet: Packet | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Upload:
    dispute_id: str
    revision: int
    stripe_file_id: str
    sha256: str
    size: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Submission:
    dispute_id: str
    revision: int
    idempotency_key: str
    submitted: bool  # False: staged with submit=false
    stripe_status: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class WebhookEvent:
    id: str
    type: str
    account: str | None
    dispute_id: str | None
    tenant_id: int | None
    payload: Mapping[str, object]
    received_at: datetime
    processed_at: datetime | None


class Outcome(StrEnum):
    """How Stripe closed a dispute (charge.dispute.closed)."""

    WON = "won"
    LOST = "lost"
    WARNING_CLOSED = "warning_closed"


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    tenant_id: int
    dispute_id: str
    outcome: Outcome
    recovered: Money
    fee: Money
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class JobRun:
    """The cost of one job run, as the job layer measured it."""

    job: str
    outcome: str
    started_at: datetime
    finished_at: datetime
    api_calls: int = 0
    round_trips: int = 0
    timings_ms: Mapping[str, float] = field(default_factory=dict)
    tenant_id: int | None = None
    dispute_id: str | None = None
