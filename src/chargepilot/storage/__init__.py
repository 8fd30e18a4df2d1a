"""Storage: SQLAlchemy models, repositories and the packaged migrations.

Open a `Database` once per process and do each piece of work inside
`with database.session() as unit:`; the repositories on `unit` never commit
on their own. The `disputes` row is the source of truth for the job layer.
"""

from chargepilot.storage.database import Database, UnitOfWork
from chargepilot.storage.disputes import DisputeRepository
from chargepilot.storage.engine import Clock, create_engine_for, utc_now
from chargepilot.storage.errors import (
    DuplicateSubmissionError,
    IllegalTransitionError,
    MigrationError,
    StaleStateError,
    StorageError,
    TenantMismatchError,
)
from chargepilot.storage.filings import idempotency_key
from chargepilot.storage.ledger import LedgerRepository
from chargepilot.storage.metrics import JobMetricsRepository
from chargepilot.storage.migrate import (
    current_revision,
    head_revision,
    schema_diff,
    upgrade,
)
from chargepilot.storage.records import (
    ConnectedStore,
    EvidenceRevision,
    JobRun,
    LedgerEntry,
    Outcome,
    Packet,
    StoreCredentials,
    Submission,
    Tenant,
    TrackedDispute,
    Upload,
    WebhookEvent,
)
from chargepilot.storage.states import TRANSITIONS, DisputeState, can_transition
from chargepilot.storage.stores import StoreRepository
from chargepilot.storage.webhooks import WebhookEventRepository

__all__ = [
    "TRANSITIONS",
    "Clock",
    "ConnectedStore",
    "Database",
    "DisputeRepository",
    "DisputeState",
    "DuplicateSubmissionError",
    "EvidenceRevision",
    "IllegalTransitionError",
    "JobMetricsRepository",
    "JobRun",
    "LedgerEntry",
    "LedgerRepository",
    "MigrationError",
    "Outcome",
    "Packet",
    "StaleStateError",
    "StorageError",
    "StoreCredentials",
    "StoreRepository",
    "Submission",
    "Tenant",
    "TenantMismatchError",
    "TrackedDispute",
    "UnitOfWork",
    "Upload",
    "WebhookEvent",
    "WebhookEventRepository",
    "can_transition",
    "create_engine_for",
    "current_revision",
    "head_revision",
    "idempotency_key",
    "schema_diff",
    "upgrade",
    "utc_now",
]
