"""Stripe events, remembered once each before any work is done (B12)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select, update

from chargepilot.errors import NotFoundError
from chargepilot.storage.models import WebhookEventRow
from chargepilot.storage.records import WebhookEvent
from chargepilot.storage.repository import Repository
from chargepilot.storage.statements import affected, insert_if_absent


class WebhookEventRepository(Repository):
    def remember(
        self,
        event_id: str,
        *,
        type: str,
        payload: Mapping[str, Any],
        account: str | None = None,
        dispute_id: str | None = None,
        tenant_id: int | None = None,
    ) -> bool:
        """Store an event; True only the first time its id is seen.

        Safe across threads and processes: the primary key decides, through
        INSERT ... ON CONFLICT DO NOTHING, so duplicates have no side effect.
        """
        values = {
            "id": event_id,
            "type": type,
            "payload": dict(payload),
            "account": account,
            "dispute_id": dispute_id,
            "tenant_id": tenant_id,
            "received_at": self._clock(),
        }
        return insert_if_absent(self._session, WebhookEventRow, values, ["id"])

    def get(self, event_id: str) -> WebhookEvent:
        row = self._session.get(WebhookEventRow, event_id)
        if row is None:
            raise NotFoundError(f"no webhook event {event_id}")
        return _event(row)

    def mark_processed(self, event_id: str) -> None:
        statement = (
            update(WebhookEventRow)
            .where(WebhookEventRow.id == event_id)
            .values(processed_at=self._clock())
        )
        if affected(self._session, statement) != 1:
            raise NotFoundError(f"no webhook event {event_id}")

    def unprocessed(self, *, limit: int = 100) -> list[WebhookEvent]:
        """Events stored but not yet handled, oldest first."""
        query = (
            select(WebhookEventRow)
            .where(WebhookEventRow.processed_at.is_(None))
            .order_by(WebhookEventRow.received_at, WebhookEventRow.id)
            .limit(limit)
        )
        return [_event(row) for row in self._session.scalars(query)]


def _event(row: WebhookEventRow) -> WebhookEvent:
    return WebhookEvent(
        id=row.id,
        type=row.type,
        account=row.account,
        dispute_id=row.dispute_id,
        tenant_id=row.tenant_id,
        payload=row.payload,
        received_at=row.received_at,
        processed_at=row.processed_at,
    )
