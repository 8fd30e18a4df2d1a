"""The read-only OAuth scopes ChargePilot needs from a store-level API account."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    """A BigCommerce store resource scope, read-only flavour."""

    INFORMATION = "store_v2_information_read_only"
    ORDERS = "store_v2_orders_read_only"
    TRANSACTIONS = "store_v2_transactions_read_only"
    CUSTOMERS = "store_v2_customers_read_only"
    PRODUCTS = "store_v2_products_read_only"

    @property
    def label(self) -> str:
        """The name the merchant sees in the control panel."""
        return SCOPE_LABELS[self]


SCOPE_LABELS = {
    Scope.INFORMATION: "Information & Settings (read-only)",
    Scope.ORDERS: "Orders (read-only)",
    Scope.TRANSACTIONS: "Order Transactions (read-only)",
    Scope.CUSTOMERS: "Customers (read-only)",
    Scope.PRODUCTS: "Products (read-only)",
}
