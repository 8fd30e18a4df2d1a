import re

from chargepilot.domain.case import MerchantPolicies
from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.orders import LineItem, Order
from chargepilot.domain.reasons import build_evidence
from chargepilot.domain.reasons.limits import (
    MAX_NARRATIVE_CHARS,
    MAX_SHORT_CHARS,
    MAX_TOTAL_CHARS,
    NARRATIVE_FIELDS,
    Listing,
    clip,
    fit,
    fit_fields,
)
from tests.domain.reasons.conftest import (
    days_before,
    lifetime,
    make_case,
    order,
    record,
    usd,
)

MARKER = re.compile(r"\[… shortened: ([\d,]+) more (\w+)")


def many_priors(count: int) -> tuple[Order, ...]:
    return tuple(
        order(10_000 + n, created=days_before(400 - n % 300)) for n in range(count)
    )


def test_a_long_history_is_cut_with_a_count_of_what_went_to_the_packet() -> None:
    priors = many_priors(600)
    case = make_case(
        DisputeReason.FRAUDULENT, lifetime=lifetime(prior_undisputed=priors)
    )

    text = build_evidence(case).fields["uncategorized_text"]

    assert len(text) <= MAX_NARRATIVE_CHARS
    shown = text.count("\n- #")
    found = MARKER.search(text)
    assert found is not None
    assert found.group(2) == "orders"
    assert int(found.group(1)) == 600 - shown
    assert text.endswith("treats as the cardholder's own purchases.")
    assert "in the attached packet]" in text


def test_short_histories_are_never_marked() -> None:
    text = build_evidence(make_case(DisputeReason.FRAUDULENT)).argument

    assert "shortened" not in text


def test_many_line_items_shorten_the_product_description_visibly() -> None:
    items = tuple(
        LineItem(n, n, f"Widget number {n}", f"W-{n}", 1, usd(100), usd(100))
        for n in range(2_000)
    )
    evidence = build_evidence(make_case(record=record(line_items=items)))

    description = evidence.fields["product_description"]
    assert len(description) <= MAX_NARRATIVE_CHARS
    assert "more items in the attached packet]" in description


def test_an_overlong_merchant_text_is_cut_with_a_character_count() -> None:
    words = "Returns within 30 days. " * 2_000
    policies = MerchantPolicies(refund_policy=words, refund_policy_disclosure=words)
    case = make_case(DisputeReason.PRODUCT_UNACCEPTABLE, policies=policies)

    evidence = build_evidence(case)

    disclosure = evidence.fields["refund_policy_disclosure"]
    assert len(disclosure) <= MAX_NARRATIVE_CHARS
    assert MARKER.search(disclosure) is not None
    assert sum(len(v) for v in evidence.fields.values()) <= MAX_TOTAL_CHARS


def test_the_total_budget_shortens_the_longest_field() -> None:
    big = ("x" * 19_000,)
    fields = dict.fromkeys(sorted(NARRATIVE_FIELDS), big)

    fitted = fit_fields(fields)

    assert sum(len(v) for v in fitted.values()) <= MAX_TOTAL_CHARS
    cut = [v for v in fitted.values() if "shortened" in v]
    assert cut
    assert all(len(v) == 19_000 for v in fitted.values() if "shortened" not in v)


def test_short_fields_are_held_to_their_own_limit() -> None:
    fitted = fit_fields({"customer_name": ("J" * 9_000,)})

    assert len(fitted["customer_name"]) <= MAX_SHORT_CHARS
    assert fitted["customer_name"].endswith("more characters]")


def test_clip_counts_exactly_what_it_left_out() -> None:
    value = "a" * 1_000

    cut = clip(value, 300)

    kept = cut.split("\n")[0]
    assert len(cut) <= 300
    assert f"[… shortened: {1_000 - len(kept):,} more characters]" in cut


def test_fit_keeps_whole_lines_and_counts_the_rest() -> None:
    listing = Listing("Orders:", tuple(f"order {n:03}" for n in range(100)), "orders")

    text = fit(("Opening.", listing), 200)

    assert len(text) <= 200
    shown = text.count("\n- order")
    assert f"[… shortened: {100 - shown} more orders in the attached packet]" in text
    assert "- order 000" in text
