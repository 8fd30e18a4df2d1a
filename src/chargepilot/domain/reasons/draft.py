"""Turns a reason's fields, argument and weights into the Evidence we send."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from chargepilot.domain.case import Case, Evidence
from chargepilot.domain.reasons import common
from chargepilot.domain.reasons.facts import Facts
from chargepilot.domain.reasons.findings import Weights, score
from chargepilot.domain.reasons.limits import Text, fit_fields

ARGUMENT_FIELD = "uncategorized_text"


def assemble(
    facts: Facts,
    *,
    fields: Mapping[str, Text],
    argument: Text,
    weights: Weights,
    packet_field: str,
    explanation_field: str | None = None,
    explanation: Text = (),
) -> Evidence:
    """The Evidence, every text field within Stripe's limits.

    The argument goes into uncategorized_text and, after any words the
    merchant wrote for it, into the reason's own explanation field.
    """
    wanted = {**fields, ARGUMENT_FIELD: argument}
    if explanation_field:
        wanted[explanation_field] = (*explanation, *argument)
    sent = fit_fields(wanted)
    checks, missing = score(facts, weights)
    return Evidence(
        reason=facts.dispute.reason,
        fields=sent,
        argument=sent.get(ARGUMENT_FIELD, ""),
        checklist=checks,
        missing=missing,
        packet_field=packet_field,
    )


def merchant_text(value: str) -> Text:
    """Words an operator wrote in the policies page, if any."""
    return (value.strip(),) if value.strip() else ()


def standard(
    case: Case,
    *,
    argument: Callable[[Facts], Text],
    weights: Weights,
    packet_field: str,
) -> Evidence:
    """The customer, shipping and product fields, with the reason's argument."""
    facts = Facts.of(case)
    fields = {
        **common.customer(facts),
        **common.shipping(facts),
        **common.product_description(facts),
    }
    return assemble(
        facts,
        fields=fields,
        argument=argument(facts),
        weights=weights,
        packet_field=packet_field,
    )
