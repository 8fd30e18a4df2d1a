"""BigCommerce's transaction vocabulary, as a sentence an issuer reads.

The store reports each payment step as an event, a gateway and a status
("capture", "stripe", "ok"); the packet says "Payment of $209.30 captured
by Stripe". Values the store adds later fall back to the raw word.
"""

from __future__ import annotations

from enum import StrEnum

from chargepilot.domain.orders import Transaction
from chargepilot.evidence.text import money, plain


class TransactionEvent(StrEnum):
    PURCHASE = "purchase"
    AUTHORIZATION = "authorization"
    CAPTURE = "capture"
    REFUND = "refund"
    VOID = "void"
    PENDING = "pending"
    SETTLED = "settled"


class TransactionStatus(StrEnum):
    OK = "ok"
    ERROR = "error"


# event -> (what moved, what happened to it)
EVENTS: dict[str, tuple[str, str]] = {
    TransactionEvent.PURCHASE: ("Payment", "captured"),
    TransactionEvent.AUTHORIZATION: ("Payment", "authorized"),
    TransactionEvent.CAPTURE: ("Payment", "captured"),
    TransactionEvent.REFUND: ("Refund", "issued"),
    TransactionEvent.VOID: ("Authorization", "voided"),
    TransactionEvent.PENDING: ("Payment", "pending"),
    TransactionEvent.SETTLED: ("Payment", "settled"),
}

# Card processors: "captured by Stripe".
PROCESSORS = {
    "2checkout": "2Checkout",
    "adyen": "Adyen",
    "amazon": "Amazon Pay",
    "authorizenet": "Authorize.Net",
    "braintree": "Braintree",
    "firstdatagge4": "First Data",
    "hps": "Heartland Payment Systems",
    "klarna": "Klarna",
    "migs": "Mastercard Payment Gateway",
    "nmi": "NMI",
    "paypalexpress": "PayPal",
    "paypalpaymentsprous": "PayPal Payments Pro",
    "paypalpaymentsprouk": "PayPal Payments Pro",
    "plugnpay": "Plug'n Pay",
    "qbmsv2": "QuickBooks Payments",
    "securenet": "SecureNet",
    "square": "Square",
    "stripe": "Stripe",
    "testgateway": "a test gateway",
    "usaepay": "USAePay",
}

# Other ways to pay: "captured with store credit".
TENDERS = {
    "bankdeposit": "a bank deposit",
    "cheque": "a cheque",
    "cod": "cash on delivery",
    "custom": "a manual payment method",
    "giftcertificate": "a gift certificate",
    "instore": "an in-store payment",
    "moneyorder": "a money order",
    "storecredit": "store credit",
}


def event_name(t: Transaction) -> str:
    """The timeline's event column: 'Payment captured'."""
    thing, done = _event(t.event)
    return f"{thing} failed" if _failed(t) else f"{thing} {done}"


def detail(t: Transaction) -> str:
    """'Payment of $209.30 captured by Stripe'."""
    thing, done = _event(t.event)
    verb = "attempted" if _failed(t) else done
    said = " ".join(filter(None, (thing, "of", money(t.amount), verb, _gateway(t))))
    if _failed(t):
        return f"{said}; it was not completed"
    status = t.status.strip().casefold()
    if status and status != TransactionStatus.OK:
        said += f" (status: {plain(t.status)})"
    return said


def _failed(t: Transaction) -> bool:
    return t.status.strip().casefold() == TransactionStatus.ERROR


def _event(event: str) -> tuple[str, str]:
    key = event.strip().casefold()
    return EVENTS.get(key) or ("Payment", plain(event).replace("_", " ") or "recorded")


def _gateway(t: Transaction) -> str:
    key = t.gateway.strip().casefold()
    if key in PROCESSORS:
        return f"by {PROCESSORS[key]}"
    if key in TENDERS:
        return f"with {TENDERS[key]}"
    return f"by {plain(t.gateway)}" if key else ""
