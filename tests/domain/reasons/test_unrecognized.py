from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import IP, make_case, order, record

UNRECOGNIZED = DisputeReason.UNRECOGNIZED


def test_prior_relationship_ip_and_address_match_are_argued() -> None:
    evidence = build_evidence(make_case(UNRECOGNIZED))
    text = evidence.argument

    assert f"placed from IP address {IP}" in text
    assert "Earlier orders from this customer, paid and never disputed:" in text
    assert "#2001 on 2025-02-12, $89.00" in text
    assert "the account was opened on 2025-01-23" in text
    assert "billing and shipping addresses match the Stripe charge" in text
    assert "established relationship" in text
    assert evidence.fields["customer_purchase_ip"] == IP
    assert evidence.packet_field == "receipt"
    assert evidence.strength == 100


def test_a_guest_first_time_buyer_has_no_relationship_to_show() -> None:
    guest = order(customer_id=0, ip_address="")
    case = make_case(
        UNRECOGNIZED,
        record=record(order=guest, customer=None, history=(guest,)),
        lifetime=None,
    )

    evidence = build_evidence(case)

    assert "customer_purchase_ip" not in evidence.fields
    assert "no customer account (guest checkout)" in evidence.missing
    assert "no earlier undisputed orders from this customer" in evidence.missing
    assert "no purchase IP address" in evidence.missing
    assert "established relationship" not in evidence.argument
    assert evidence.strength == 55
