"""Our read-only async BigCommerce client (see client.BigCommerceClient)."""

from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.bigcommerce.pacing import Backoff, RateLimitPacer
from chargepilot.bigcommerce.queries import OrderSort
from chargepilot.bigcommerce.results import (
    ApiCallCounter,
    CallMetrics,
    OrderSearch,
    StoreInfo,
    StoreValidation,
)
from chargepilot.bigcommerce.scopes import Scope

__all__ = [
    "ApiCallCounter",
    "Backoff",
    "BigCommerceClient",
    "CallMetrics",
    "OrderSearch",
    "OrderSort",
    "RateLimitPacer",
    "Scope",
    "StoreInfo",
    "StoreValidation",
]
