"""Every table, each row owned by a tenant.

Rows under a dispute also point at (dispute_id, tenant_id), so the database
refuses a match, revision, upload, submission or ledger entry that would
cross tenants.

Revision ID: 0001_initial
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Aware datetimes: timestamptz on PostgreSQL, UTC text on SQLite.
UTC_TIME = sa.DateTime(timezone=True)

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tenants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tenants")),
    )
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=True),
        sa.Column("dispute_id", sa.String(length=255), nullable=True),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=64), nullable=False),
        sa.Column("api_calls", sa.Integer(), nullable=False),
        sa.Column("round_trips", sa.Integer(), nullable=False),
        sa.Column("timings", sa.JSON(), nullable=False),
        sa.Column("started_at", UTC_TIME, nullable=False),
        sa.Column("finished_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_job_runs_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
    )
    op.create_index(op.f("ix_job_runs_dispute_id"), "job_runs", ["dispute_id"])
    op.create_index(op.f("ix_job_runs_tenant_id"), "job_runs", ["tenant_id"])

    op.create_table(
        "stores",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("store_hash", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("stripe_account_id", sa.String(length=255), nullable=True),
        sa.Column("policies", sa.JSON(), nullable=False),
        sa.Column("auto_submit", sa.Boolean(), nullable=False),
        sa.Column("bc_client_id_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("bc_access_token_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("stripe_api_key_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("stripe_webhook_secret_ciphertext", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("disconnected_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_stores_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stores")),
        sa.UniqueConstraint("id", "tenant_id", name=op.f("uq_stores_id_tenant_id")),
        sa.UniqueConstraint("store_hash", name=op.f("uq_stores_store_hash")),
        sa.UniqueConstraint(
            "stripe_account_id", name=op.f("uq_stores_stripe_account_id")
        ),
    )
    op.create_index(op.f("ix_stores_tenant_id"), "stores", ["tenant_id"])

    op.create_table(
        "webhook_events",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=128), nullable=False),
        sa.Column("account", sa.String(length=255), nullable=True),
        sa.Column("dispute_id", sa.String(length=255), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", UTC_TIME, nullable=False),
        sa.Column("processed_at", UTC_TIME, nullable=True),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_webhook_events_tenant_id_tenants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_events")),
    )
    op.create_index(
        op.f("ix_webhook_events_dispute_id"), "webhook_events", ["dispute_id"]
    )
    op.create_index(
        op.f("ix_webhook_events_tenant_id"), "webhook_events", ["tenant_id"]
    )

    op.create_table(
        "disputes",
        sa.Column("id", sa.String(length=255), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("charge_id", sa.String(length=255), nullable=False),
        sa.Column("account", sa.String(length=255), nullable=True),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=64), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("due_by", UTC_TIME, nullable=True),
        sa.Column("livemode", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("lease_owner", sa.String(length=200), nullable=True),
        sa.Column("lease_expires_at", UTC_TIME, nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.Column("updated_at", UTC_TIME, nullable=False),
        sa.Column("state_changed_at", UTC_TIME, nullable=False),
        sa.CheckConstraint(
            "state IN ('received', 'matched', 'needs_review', 'evidence_built',"
            " 'staged', 'submitted', 'failed', 'skipped')",
            name=op.f("ck_disputes_state"),
        ),
        sa.ForeignKeyConstraint(
            ["store_id", "tenant_id"],
            ["stores.id", "stores.tenant_id"],
            name="fk_disputes_store_tenant",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_disputes_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disputes")),
        sa.UniqueConstraint("id", "tenant_id", name=op.f("uq_disputes_id_tenant_id")),
    )
    op.create_index(op.f("ix_disputes_store_id"), "disputes", ["store_id"])
    op.create_index(op.f("ix_disputes_tenant_id"), "disputes", ["tenant_id"])
    op.create_index(
        op.f("ix_disputes_tenant_id_state"), "disputes", ["tenant_id", "state"]
    )

    op.create_table(
        "evidence_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.String(length=255), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=64), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("argument", sa.Text(), nullable=False),
        sa.Column("strength", sa.Integer(), nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("packet_field", sa.String(length=64), nullable=False),
        sa.Column("auto_answerable", sa.Boolean(), nullable=False),
        sa.Column("packet_sha256", sa.String(length=64), nullable=True),
        sa.Column("packet_bytes", sa.Integer(), nullable=True),
        sa.Column("packet_pages", sa.Integer(), nullable=True),
        sa.Column("packet_path", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id", "tenant_id"],
            ["disputes.id", "disputes.tenant_id"],
            name="fk_evidence_revisions_dispute_tenant",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_evidence_revisions_tenant_id_tenants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_revisions")),
        sa.UniqueConstraint(
            "dispute_id",
            "revision",
            name=op.f("uq_evidence_revisions_dispute_id_revision"),
        ),
    )
    op.create_index(
        op.f("ix_evidence_revisions_tenant_id"), "evidence_revisions", ["tenant_id"]
    )

    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.String(length=255), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("recovered_amount", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("fee_amount", sa.BigInteger(), nullable=False),
        sa.Column("recorded_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id", "tenant_id"],
            ["disputes.id", "disputes.tenant_id"],
            name="fk_ledger_entries_dispute_tenant",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"],
            ["tenants.id"],
            name=op.f("fk_ledger_entries_tenant_id_tenants"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("dispute_id", name=op.f("uq_ledger_entries_dispute_id")),
    )
    op.create_index(
        op.f("ix_ledger_entries_tenant_id_recorded_at"),
        "ledger_entries",
        ["tenant_id", "recorded_at"],
    )

    op.create_table(
        "matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.String(length=255), nullable=False),
        sa.Column("order_id", sa.BigInteger(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("method", sa.String(length=32), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("rivals", sa.JSON(), nullable=False),
        sa.Column("truncated", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id", "tenant_id"],
            ["disputes.id", "disputes.tenant_id"],
            name="fk_matches_dispute_tenant",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_matches_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matches")),
    )
    op.create_index(op.f("ix_matches_dispute_id"), "matches", ["dispute_id"])
    op.create_index(op.f("ix_matches_tenant_id"), "matches", ["tenant_id"])

    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.String(length=255), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("submitted", sa.Boolean(), nullable=False),
        sa.Column("stripe_status", sa.String(length=64), nullable=True),
        sa.Column("at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id", "tenant_id"],
            ["disputes.id", "disputes.tenant_id"],
            name="fk_submissions_dispute_tenant",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_submissions_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submissions")),
        sa.UniqueConstraint(
            "idempotency_key", name=op.f("uq_submissions_idempotency_key")
        ),
    )
    op.create_index(op.f("ix_submissions_dispute_id"), "submissions", ["dispute_id"])
    op.create_index(op.f("ix_submissions_tenant_id"), "submissions", ["tenant_id"])

    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.String(length=255), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("stripe_file_id", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id", "tenant_id"],
            ["disputes.id", "disputes.tenant_id"],
            name="fk_uploads_dispute_tenant",
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_uploads_tenant_id_tenants")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uploads")),
        sa.UniqueConstraint(
            "dispute_id", "sha256", name=op.f("uq_uploads_dispute_id_sha256")
        ),
        sa.UniqueConstraint("stripe_file_id", name=op.f("uq_uploads_stripe_file_id")),
    )
    op.create_index(op.f("ix_uploads_tenant_id"), "uploads", ["tenant_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_uploads_tenant_id"), table_name="uploads")

    op.drop_table("uploads")
    op.drop_index(op.f("ix_submissions_tenant_id"), table_name="submissions")
    op.drop_index(op.f("ix_submissions_dispute_id"), table_name="submissions")

    op.drop_table("submissions")
    op.drop_index(op.f("ix_matches_tenant_id"), table_name="matches")
    op.drop_index(op.f("ix_matches_dispute_id"), table_name="matches")

    op.drop_table("matches")
    op.drop_index(
        op.f("ix_ledger_entries_tenant_id_recorded_at"), table_name="ledger_entries"
    )

    op.drop_table("ledger_entries")
    op.drop_index(
        op.f("ix_evidence_revisions_tenant_id"), table_name="evidence_revisions"
    )

    op.drop_table("evidence_revisions")
    op.drop_index(op.f("ix_disputes_tenant_id_state"), table_name="disputes")
    op.drop_index(op.f("ix_disputes_tenant_id"), table_name="disputes")
    op.drop_index(op.f("ix_disputes_store_id"), table_name="disputes")

    op.drop_table("disputes")
    op.drop_index(op.f("ix_webhook_events_tenant_id"), table_name="webhook_events")
    op.drop_index(op.f("ix_webhook_events_dispute_id"), table_name="webhook_events")

    op.drop_table("webhook_events")
    op.drop_index(op.f("ix_stores_tenant_id"), table_name="stores")

    op.drop_table("stores")
    op.drop_index(op.f("ix_job_runs_tenant_id"), table_name="job_runs")
    op.drop_index(op.f("ix_job_runs_dispute_id"), table_name="job_runs")

    op.drop_table("job_runs")
    op.drop_table("tenants")
