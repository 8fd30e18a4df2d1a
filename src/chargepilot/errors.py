"""The one exception tree of ChargePilot.

Every error knows the message a user may see, the HTTP status a web page
answers with and the exit code of the CLI. Messages never carry secrets.

    ChargePilotError
     ├─ ConfigError
     ├─ VendorError (vendor, status, code, request_id)
     │   ├─ BigCommerceError
     │   │   ├─ BigCommerceAuthError
     │   │   │   └─ BigCommerceScopeError (scope)
     │   │   ├─ BigCommerceRateLimitError
     │   │   ├─ BigCommerceUnavailableError
     │   │   ├─ BigCommerceNotFoundError
     │   │   ├─ BigCommerceResponseError
     │   │   ├─ UnexpectedContentTypeError
     │   │   └─ ReadOnlyViolationError
     │   └─ StripeApiError
     ├─ EvidenceError
     │   └─ EvidenceTooLargeError
     └─ NotFoundError
"""

from __future__ import annotations


class ChargePilotError(Exception):
    """Root of every error ChargePilot raises on purpose."""

    http_status = 500
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    @property
    def user_message(self) -> str:
        return self.message


class ConfigError(ChargePilotError):
    """A setting is missing or malformed."""

    http_status = 400
    exit_code = 2


class NotFoundError(ChargePilotError):
    """A thing the user named does not exist."""

    http_status = 404
    exit_code = 3


class VendorError(ChargePilotError):
    """A call to Stripe or BigCommerce failed."""

    http_status = 502
    exit_code = 4
    vendor = "vendor"

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.request_id = request_id

    @property
    def user_message(self) -> str:
        parts = [f"{self.vendor}: {self.message}"]
        if self.status is not None:
            parts.append(f"(HTTP {self.status})")
        if self.request_id:
            parts.append(f"request {self.request_id}")
        return " ".join(parts)


class BigCommerceError(VendorError):
    """BigCommerce answered with an error or could not be reached."""

    vendor = "BigCommerce"


class BigCommerceAuthError(BigCommerceError):
    """The token is wrong (401) or lacks a scope (403)."""


class BigCommerceRateLimitError(BigCommerceError):
    """The store's quota stayed exhausted after every retry."""


class BigCommerceScopeError(BigCommerceAuthError):
    """The token works but lacks the read scope a route needs (403)."""

    def __init__(
        self,
        message: str,
        *,
        scope: str,
        status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, status=status, request_id=request_id)
        self.scope = scope


class BigCommerceUnavailableError(BigCommerceError):
    """BigCommerce kept failing (5xx, timeouts, lost connections) after retries."""

    http_status = 503


class BigCommerceNotFoundError(BigCommerceError):
    """A single resource (order, customer, ...) does not exist (404)."""

    http_status = 404
    exit_code = 3


class BigCommerceResponseError(BigCommerceError):
    """BigCommerce answered 2xx with a body we cannot read."""


class UnexpectedContentTypeError(BigCommerceError):
    """BigCommerce answered with something other than JSON (often XML)."""


class ReadOnlyViolationError(BigCommerceError):
    """Code tried to send a write; the BigCommerce client only reads."""

    http_status = 500


class StripeApiError(VendorError):
    """Stripe answered with an error or could not be reached."""

    vendor = "Stripe"


class EvidenceError(ChargePilotError):
    """Evidence could not be built or would break Stripe's rules."""

    exit_code = 5


class EvidenceTooLargeError(EvidenceError):
    """The packet is over Stripe's size or page budget."""
