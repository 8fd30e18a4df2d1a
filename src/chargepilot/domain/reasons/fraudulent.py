"""Fraudulent: show the cardholder, not a thief, made the purchase.

Stripe's own signals come first (AVS, CVC, 3-D Secure, which shifts
liability to the issuer); the store adds what Visa's Compelling Evidence
3.0 asks for: earlier undisputed orders sharing the customer's account,
IP address or address, and delivery to the cardholder's address.
"""

from __future__ import annotations

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import findings, narrative, signals
from chargepilot.domain.reasons.draft import standard
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Weights
from chargepilot.domain.reasons.limits import Text

WEIGHTS: Weights = (
    (signals.avs_street, 5),
    (signals.avs_postal, 5),
    (signals.cvc, 5),
    (signals.three_d_secure, 15),
    (findings.order_matched, 15),
    (signals.ce3_priors, 25),
    (findings.delivery_confirmed, 15),
    (findings.purchase_ip, 5),
    (findings.billing_matches, 10),
)


def build(case: Case) -> Evidence:
    return standard(case, argument=argument, weights=WEIGHTS, packet_field="receipt")


def argument(facts: Facts) -> Text:
    return (
        narrative.opening(facts),
        narrative.card_checks(facts),
        *narrative.joined(
            narrative.order_sentence(facts),
            narrative.purchase_ip(facts),
            narrative.addresses(facts),
            narrative.shipping(facts),
        ),
        narrative.lifetime(facts),
        *narrative.prior_orders(facts),
        *conclusion(facts),
    )


def conclusion(facts: Facts) -> tuple[str, ...]:
    said = []
    if signals.three_d_secure(facts).passed:
        said.append("The card issuer authenticated this payment with 3-D Secure.")
    tied = [p for p, same in signals.linked_priors(facts) if same]
    if len(tied) >= signals.CE3_PRIORS_NEEDED:
        said.append(
            f"{len(tied)} earlier orders, paid and never disputed, share the "
            "customer's account, IP address, email or address with this one: "
            "the pattern Visa's Compelling Evidence 3.0 treats as the "
            "cardholder's own purchases."
        )
    return tuple(said)
