"""Stripe's card signals and the customer's earlier undisputed orders.

Visa's Compelling Evidence 3.0 accepts two earlier undisputed purchases
that share identity data (account, IP, email, address) with the disputed
one, made 120 to 365 days before the dispute.
"""

from __future__ import annotations

from chargepilot.domain.disputes import CardChecks
from chargepilot.domain.orders import Order
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Finding

CHECK_PASSED = "pass"
# 3-D Secure results that shift fraud liability to the card issuer.
AUTHENTICATED = frozenset({"authenticated", "attempt_acknowledged"})
CE3_WINDOW_DAYS = range(120, 366)
CE3_PRIORS_NEEDED = 2


def card(facts: Facts) -> CardChecks:
    return facts.charge.card or CardChecks()


def avs_street(facts: Facts) -> Finding:
    found = card(facts).address_line1_check
    why = f"AVS street check: {found or 'not run'}"
    return Finding("AVS street address check passed", found == CHECK_PASSED, why)


def avs_postal(facts: Facts) -> Finding:
    found = card(facts).address_postal_code_check
    why = f"AVS postal code check: {found or 'not run'}"
    return Finding("AVS postal code check passed", found == CHECK_PASSED, why)


def cvc(facts: Facts) -> Finding:
    found = card(facts).cvc_check
    return Finding(
        "CVC check passed", found == CHECK_PASSED, f"CVC check: {found or 'not run'}"
    )


def three_d_secure(facts: Facts) -> Finding:
    found = card(facts).three_d_secure
    why = f"3-D Secure: {found or 'not used'}"
    return Finding("3-D Secure authenticated", found in AUTHENTICATED, why)


def card_checks(facts: Facts) -> Finding:
    """CVC and at least one AVS check passed."""
    checks = card(facts)
    avs = CHECK_PASSED in (checks.address_line1_check, checks.address_postal_code_check)
    ok = avs and checks.cvc_check == CHECK_PASSED
    return Finding("AVS and CVC checks passed", ok, "AVS and CVC did not both pass")


def shared_identity(prior: Order, disputed: Order) -> tuple[str, ...]:
    """What an earlier order has in common with the disputed one."""
    same = []
    if disputed.customer_id and prior.customer_id == disputed.customer_id:
        same.append("same customer account")
    if disputed.ip_address and prior.ip_address == disputed.ip_address:
        same.append("same IP address")
    if _same_text(prior.email, disputed.email):
        same.append("same email")
    if _same_text(prior.billing.one_line(), disputed.billing.one_line()):
        same.append("same billing address")
    return tuple(same)


def _same_text(left: str, right: str) -> bool:
    return bool(left.strip()) and left.strip().casefold() == right.strip().casefold()


def linked_priors(facts: Facts) -> tuple[tuple[Order, tuple[str, ...]], ...]:
    """Earlier undisputed orders, each with what ties it to this one."""
    if not facts.lifetime or not facts.order:
        return ()
    disputed = facts.order
    priors = sorted(facts.lifetime.prior_undisputed, key=lambda o: (o.created, o.id))
    return tuple((p, shared_identity(p, disputed)) for p in priors)


def in_ce3_window(facts: Facts, prior: Order) -> bool:
    return facts.days_before_dispute(prior.created) in CE3_WINDOW_DAYS


def ce3_priors(facts: Facts) -> Finding:
    """Two earlier undisputed orders tied to this one (Visa CE 3.0 style)."""
    tied = [p for p, same in linked_priors(facts) if same]
    ok = len(tied) >= CE3_PRIORS_NEEDED
    why = (
        "fewer than two earlier undisputed orders share the customer's "
        "account, IP, email or address"
    )
    return Finding("Two earlier undisputed orders tied to the customer", ok, why)
