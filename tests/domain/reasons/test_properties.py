"""Whatever the store holds, strength stays in 0..100 and text within limits."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from chargepilot.domain.case import Case, MerchantPolicies
from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.orders import LineItem, Refund
from chargepilot.domain.reasons import build_evidence
from chargepilot.domain.reasons.limits import (
    MAX_NARRATIVE_CHARS,
    MAX_TOTAL_CHARS,
    limit_for,
)
from tests.domain.reasons.conftest import (
    days_before,
    lifetime,
    make_case,
    order,
    record,
    shipment,
    usd,
)

# A short piece repeated: long inputs every time, not only when luck allows.
long_text = st.builds(lambda s, n: s * n, st.text(max_size=40), st.integers(0, 1_500))
words = st.builds(
    lambda s, n: s * n, st.text("ab XY,#-é", max_size=12), st.integers(0, 300)
)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    reason = draw(st.sampled_from(list(DisputeReason)))
    count = draw(st.integers(0, 400))
    name = draw(words)
    priors = tuple(
        order(10_000 + n, created=days_before(500 - n % 480), ip_address=name)
        for n in range(count)
    )
    items = tuple(
        LineItem(n, n, name, name, 1, usd(100), usd(100))
        for n in range(draw(st.integers(0, 300)))
    )
    refunds = tuple(
        Refund(n, days_before(n % 20), usd(draw(st.integers(0, 20_000))), name)
        for n in range(draw(st.integers(0, 40)))
    )
    shipments = tuple(
        shipment(id=n, carrier=name, tracking_number=name)
        for n in range(draw(st.integers(0, 60)))
    )
    disputed = order(ip_address=name)
    policies = MerchantPolicies(*(draw(long_text) for _ in range(6)))
    case = make_case(
        reason,
        record=record(
            order=disputed,
            line_items=items,
            refunds=refunds,
            shipments=shipments,
            history=(*priors, disputed),
        ),
        lifetime=lifetime(prior_undisputed=priors, order_count=count + 1),
        policies=policies,
        duplicate_charge_id=draw(words) or None,
    )
    return replace(case) if draw(st.booleans()) else replace(case, record=None)


@settings(max_examples=40, deadline=None)
@given(cases())
def test_strength_is_always_between_0_and_100(case: Case) -> None:
    assert 0 <= build_evidence(case).strength <= 100


@settings(max_examples=40, deadline=None)
@given(cases())
def test_text_fields_always_respect_stripes_limits(case: Case) -> None:
    fields = build_evidence(case).fields

    assert sum(len(v) for v in fields.values()) <= MAX_TOTAL_CHARS
    for name, value in fields.items():
        assert len(value) <= limit_for(name) <= MAX_NARRATIVE_CHARS
        assert value.strip()
