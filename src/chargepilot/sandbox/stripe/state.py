"""Everything the fake Stripe knows, per account, behind one lock.

The platform account is `None`; a Connect account is its `acct_...` id.
Objects are kept as Stripe-shaped dicts and handed out as copies.
"""

from __future__ import annotations

import copy
import random
import string
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from chargepilot.errors import ConfigError
from chargepilot.sandbox.stripe import disputes, objects
from chargepilot.sandbox.stripe.errors import FakeStripeError, invalid, resource_missing
from chargepilot.sandbox.stripe.evidence import EvidenceFile
from chargepilot.sandbox.stripe.objects import JSON
from chargepilot.sandbox.stripe.seeds import SeedDispute, StripeSeed
from chargepilot.sandbox.stripe.uploads import (
    MAX_FILE_BYTES,
    MAX_PDF_PAGES,
    count_pages,
    sniff_type,
)

Outcome = Literal["won", "lost", "warning_closed"]
KINDS = {
    "ch_": ("charges", "charge"),
    "pi_": ("payment_intents", "payment_intent"),
    "cus_": ("customers", "customer"),
    "dp_": ("disputes", "dispute"),
    "file_": ("files", "file"),
}
FILE_PURPOSES = frozenset(
    {
        "account_requirement",
        "additional_verification",
        "business_icon",
        "business_logo",
        "customer_signature",
        "dispute_evidence",
        "identity_document",
        "pci_document",
        "tax_document_user_upload",
    }
)
_ALPHABET = string.ascii_letters + string.digits


@dataclass(frozen=True)
class RequestContext:
    """The API request behind a change, as events report it."""

    request_id: str | None = None
    idempotency_key: str | None = None


NO_REQUEST = RequestContext()


@dataclass
class StoredFile:
    object: JSON
    content: bytes
    pages: int


@dataclass
class AccountData:
    charges: dict[str, JSON] = field(default_factory=dict)
    payment_intents: dict[str, JSON] = field(default_factory=dict)
    customers: dict[str, JSON] = field(default_factory=dict)
    disputes: dict[str, JSON] = field(default_factory=dict)
    files: dict[str, StoredFile] = field(default_factory=dict)


class StripeState:
    """The fake's objects and events, shared by its app and by tests."""

    def __init__(
        self,
        api_key: str,
        webhook_secret: str,
        *,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.api_key = api_key
        self.webhook_secret = webhook_secret
        self.clock = clock or (lambda: datetime.now(UTC))
        self._accounts: dict[str | None, AccountData] = {None: AccountData()}
        self._events: list[JSON] = []
        self._lock = threading.RLock()
        self._random = random.Random(api_key)

    # --- accounts, ids, lookups -------------------------------------------

    def add_account(self, account: str) -> None:
        """Make a Connect account known (seeding does this too)."""
        with self._lock:
            self._accounts.setdefault(account, AccountData())

    def has_account(self, account: str | None) -> bool:
        return account in self._accounts

    def new_id(self, prefix: str) -> str:
        with self._lock:
            return prefix + "".join(self._random.choices(_ALPHABET, k=24))

    def get(self, object_id: str, account: str | None = None) -> JSON:
        """A copy of the object with this id, or Stripe's 404."""
        found = self.find(object_id, account)
        if found is None:
            kind = KINDS.get(_prefix(object_id), ("", "object"))[1]
            raise resource_missing(kind, object_id)
        return found

    def find(self, object_id: str, account: str | None = None) -> JSON | None:
        """A copy of the object with this id in `account`, or None."""
        collection = KINDS.get(_prefix(object_id), (None, ""))[0]
        if collection is None:
            return None
        with self._lock:
            stored = getattr(self._account(account), collection).get(object_id)
        if isinstance(stored, StoredFile):
            stored = stored.object
        return copy.deepcopy(stored) if stored is not None else None

    def _account(self, account: str | None) -> AccountData:
        data = self._accounts.get(account)
        if data is None:
            raise FakeStripeError(
                f"The provided key does not have access to account '{account}' "
                "(or that account does not exist).",
                status=403,
                code="account_invalid",
            )
        return data

    # --- seeding ------------------------------------------------------------

    def seed(self, seed: StripeSeed) -> None:
        """Load a scenario; every dispute emits charge.dispute.created."""
        with self._lock:
            disputed = {d.charge_id for d in seed.disputes}
            for customer in seed.customers:
                self._seed_account(customer.account).customers[customer.id] = (
                    objects.customer(customer)
                )
            for charge in seed.charges:
                data = self._seed_account(charge.account)
                data.charges[charge.id] = objects.charge(
                    charge, disputed=charge.id in disputed
                )
                data.payment_intents[charge.payment_intent_id] = objects.payment_intent(
                    charge
                )
            charges = {charge.id: charge for charge in seed.charges}
            for dispute in seed.disputes:
                self._seed_dispute(dispute, charges)

    def _seed_account(self, account: str | None) -> AccountData:
        return self._accounts.setdefault(account, AccountData())

    def _seed_dispute(self, seed: SeedDispute, charges: dict[str, Any]) -> None:
        charge = charges.get(seed.charge_id)
        if charge is None or charge.account != seed.account:
            raise ConfigError(
                f"dispute {seed.id} names unknown charge {seed.charge_id}"
            )
        dispute = objects.dispute(seed, charge)
        self._seed_account(seed.account).disputes[seed.id] = dispute
        self._emit("charge.dispute.created", dispute, seed.account, at=seed.created)

    # --- disputes -----------------------------------------------------------

    def disputes(self, account: str | None = None) -> list[JSON]:
        """Copies of the account's disputes, newest first."""
        with self._lock:
            found = list(self._account(account).disputes.values())
        return sorted(copy.deepcopy(found), key=lambda d: -d["created"])

    def update_dispute(
        self,
        dispute_id: str,
        params: dict[str, Any],
        account: str | None = None,
        request: RequestContext = NO_REQUEST,
    ) -> JSON:
        """Stage or submit evidence, set metadata (POST /v1/disputes/{id})."""
        with self._lock:
            data = self._account(account)
            before = self._dispute(data, dispute_id)
            after, submitted = disputes.apply_update(
                before, params, self._evidence_files(data), self.clock()
            )
            data.disputes[dispute_id] = after
            previous = disputes.changed(before, after)
            self._emit("charge.dispute.updated", after, account, previous, request)
            outcome = disputes.test_mode_outcome(after) if submitted else None
            if outcome is not None:
                self._close(data, dispute_id, outcome, account)
            return copy.deepcopy(data.disputes[dispute_id])

    def close_dispute(
        self,
        dispute_id: str,
        account: str | None = None,
        request: RequestContext = NO_REQUEST,
    ) -> JSON:
        """Accept the dispute (POST /v1/disputes/{id}/close)."""
        with self._lock:
            data = self._account(account)
            outcome = disputes.close_outcome(self._dispute(data, dispute_id))
            return self._close(data, dispute_id, outcome, account, request)

    def resolve_dispute(
        self, dispute_id: str, outcome: Outcome, account: str | None = None
    ) -> JSON:
        """Decide a dispute as the bank would; emits charge.dispute.closed."""
        if outcome not in {"won", "lost", "warning_closed"}:
            raise invalid(f"Unknown dispute outcome: {outcome}")
        with self._lock:
            data = self._account(account)
            return self._close(data, dispute_id, outcome, account)

    def _close(
        self,
        data: AccountData,
        dispute_id: str,
        outcome: str,
        account: str | None,
        request: RequestContext = NO_REQUEST,
    ) -> JSON:
        before = self._dispute(data, dispute_id)
        after = disputes.resolve(before, outcome, self.clock())
        data.disputes[dispute_id] = after
        previous = disputes.changed(before, after)
        self._emit("charge.dispute.closed", after, account, previous, request)
        if len(after["balance_transactions"]) > len(before["balance_transactions"]):
            self._emit("charge.dispute.funds_reinstated", after, account)
        return copy.deepcopy(after)

    def _dispute(self, data: AccountData, dispute_id: str) -> JSON:
        found = data.disputes.get(dispute_id)
        if found is None:
            raise resource_missing("dispute", dispute_id)
        return found

    # --- files --------------------------------------------------------------

    def create_file(
        self,
        content: bytes,
        *,
        filename: str,
        purpose: str,
        account: str | None = None,
    ) -> JSON:
        """Store an upload after Stripe's checks (type by content, size, pages)."""
        if purpose not in FILE_PURPOSES:
            raise invalid(f"Invalid purpose: {purpose}", param="purpose")
        kind, pages = _check_upload(content)
        with self._lock:
            data = self._account(account)
            file_id = self.new_id("file_")
            obj = objects.file(
                file_id,
                filename=filename,
                purpose=purpose,
                size=len(content),
                kind=kind,
                created=self.clock(),
            )
            data.files[file_id] = StoredFile(obj, content, pages)
            return copy.deepcopy(obj)

    def file_content(self, file_id: str, account: str | None = None) -> bytes:
        with self._lock:
            stored = self._account(account).files.get(file_id)
        if stored is None:
            raise resource_missing("file", file_id)
        return stored.content

    def _evidence_files(
        self, data: AccountData
    ) -> Callable[[str], EvidenceFile | None]:
        def lookup(file_id: str) -> EvidenceFile | None:
            stored = data.files.get(file_id)
            if stored is None:
                return None
            obj = stored.object
            return EvidenceFile(obj["purpose"], obj["size"], stored.pages)

        return lookup

    # --- events -------------------------------------------------------------

    def events(self, account: str | None = None) -> list[JSON]:
        """Copies of one account's events, oldest first."""
        with self._lock:
            found = [e for e in self._events if e.get("account") == account]
        return copy.deepcopy(found)

    def all_events(self) -> list[JSON]:
        """Every account's events, oldest first (what a Connect endpoint sees)."""
        with self._lock:
            return copy.deepcopy(self._events)

    def _emit(
        self,
        kind: str,
        snapshot: JSON,
        account: str | None,
        previous: JSON | None = None,
        request: RequestContext = NO_REQUEST,
        *,
        at: datetime | None = None,
    ) -> None:
        event = objects.event(
            self.new_id("evt_"),
            kind=kind,
            snapshot=copy.deepcopy(snapshot),
            created=at or self.clock(),
            account=account,
            previous_attributes=previous,
            request=(request.request_id, request.idempotency_key),
        )
        self._events.append(event)


def _prefix(object_id: str) -> str:
    return object_id.split("_", 1)[0] + "_"


def _check_upload(content: bytes) -> tuple[str, int]:
    if len(content) > MAX_FILE_BYTES:
        raise invalid(
            f"The file you uploaded is {len(content)} bytes; files may be at most "
            f"{MAX_FILE_BYTES} bytes (5 MB)",
            param="file",
        )
    kind = sniff_type(content)
    if kind is None:
        raise invalid(
            "The file you uploaded is not supported: dispute evidence must be a "
            "PDF, JPEG or PNG (judged by the file's content, not its name)",
            param="file",
        )
    pages = count_pages(content, kind)
    if pages is None:
        raise invalid("The PDF you uploaded could not be read", param="file")
    if pages > MAX_PDF_PAGES:
        raise invalid(
            f"The PDF you uploaded has {pages} pages; files may have at most "
            f"{MAX_PDF_PAGES} pages",
            param="file",
        )
    return kind, pages
