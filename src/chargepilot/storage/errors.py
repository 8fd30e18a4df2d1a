"""What the storage layer refuses, as part of the one exception tree."""

from __future__ import annotations

from chargepilot.errors import ChargePilotError


class StorageError(ChargePilotError):
    """The database refused a change that would break one of its rules."""

    exit_code = 6


class IllegalTransitionError(StorageError):
    """A dispute was asked to move to a state its state cannot reach."""

    http_status = 409


class StaleStateError(StorageError):
    """A dispute was not in the state the caller expected (a race, usually)."""

    http_status = 409


class TenantMismatchError(StorageError):
    """A row was addressed through a tenant or store it does not belong to."""

    http_status = 409


class DuplicateSubmissionError(StorageError):
    """An idempotency key was used twice: evidence is never filed twice."""

    http_status = 409


class MigrationError(StorageError):
    """The schema could not be brought to the version this code expects."""
