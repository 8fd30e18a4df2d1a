from chargepilot.domain.disputes import DisputeReason
from chargepilot.domain.reasons import build_evidence
from tests.domain.reasons.conftest import TRACKING, make_case

GENERAL = DisputeReason.GENERAL


def test_general_tells_the_whole_record() -> None:
    evidence = build_evidence(make_case(GENERAL))
    text = evidence.argument

    assert "order #2047" in text
    assert TRACKING in text
    assert "2 days before the dispute was opened" in text
    assert "$923.00 in total" in text
    assert "AVS street address pass" in text
    assert "#2006 on 2025-09-25, $112.00" in text
    assert "The store has recorded no refund on order #2047." in text
    assert evidence.packet_field == "uncategorized_file"
    assert evidence.strength == 100
