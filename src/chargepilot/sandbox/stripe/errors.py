"""Errors the fake Stripe answers with, shaped like Stripe's own."""

from __future__ import annotations

from typing import Any

from chargepilot.errors import ChargePilotError, ConfigError


class FakeStripeError(ChargePilotError):
    """An API error the fake turns into Stripe's `{"error": {...}}` body."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        type: str = "invalid_request_error",
        code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message)
        self.http_status = status
        self.type = type
        self.code = code
        self.param = param

    def body(self, request_id: str) -> dict[str, Any]:
        """The JSON body Stripe sends for this error."""
        error: dict[str, Any] = {"type": self.type, "message": self.message}
        if self.code is not None:
            error["code"] = self.code
            error["doc_url"] = f"https://stripe.com/docs/error-codes/{self.code}"
        if self.param is not None:
            error["param"] = self.param
        error["request_id"] = request_id
        error["request_log_url"] = (
            f"https://dashboard.stripe.com/test/logs/{request_id}"
        )
        return {"error": error}


class WebhookTargetError(ConfigError):
    """A webhook URL the sandbox refuses to send to (not loopback)."""


def resource_missing(kind: str, object_id: str, param: str = "id") -> FakeStripeError:
    return FakeStripeError(
        f"No such {kind}: '{object_id}'",
        status=404,
        code="resource_missing",
        param=param,
    )


def unknown_parameter(param: str) -> FakeStripeError:
    return FakeStripeError(
        f"Received unknown parameter: {param}",
        code="parameter_unknown",
        param=param,
    )


def invalid(
    message: str, param: str | None = None, code: str | None = None
) -> FakeStripeError:
    return FakeStripeError(message, code=code, param=param)
