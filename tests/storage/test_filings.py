from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from chargepilot.storage import (
    Database,
    DuplicateSubmissionError,
    idempotency_key,
)
from chargepilot.storage.models import UploadRow
from tests.storage.factories import (
    add_dispute,
    add_merchant,
    insert_row,
    make_evidence,
    make_match,
    make_packet,
)


@pytest.fixture
def dispute(db: Database) -> str:
    add_dispute(db, add_merchant(db, "Acme", "abc123"), "dp_1")
    return "dp_1"


def test_the_latest_match_comes_back_as_it_was_recorded(
    db: Database, dispute: str
) -> None:
    with db.session() as unit:
        unit.disputes.record_match(dispute, make_match(order_id=400))
        unit.disputes.record_match(dispute, make_match(order_id=501))
    with db.session() as unit:
        assert unit.disputes.latest_match(dispute) == make_match(order_id=501)


def test_evidence_revisions_are_numbered_and_read_back_whole(
    db: Database, dispute: str
) -> None:
    with db.session() as unit:
        first = unit.disputes.add_evidence_revision(dispute, make_evidence("one"))
        second = unit.disputes.add_evidence_revision(
            dispute, make_evidence("two"), packet=make_packet()
        )
    with db.session() as unit:
        latest = unit.disputes.evidence_revision(dispute)
        earliest = unit.disputes.evidence_revision(dispute, 1)
    assert (first, second) == (1, 2)
    assert latest is not None
    assert earliest is not None
    assert latest.evidence == make_evidence("two")
    assert latest.evidence.strength == 75
    assert latest.packet == make_packet()
    assert (earliest.evidence.argument, earliest.packet) == ("one", None)


def test_a_packet_rendered_later_is_attached_to_its_revision(
    db: Database, dispute: str
) -> None:
    with db.session() as unit:
        revision = unit.disputes.add_evidence_revision(dispute, make_evidence())
        unit.disputes.attach_packet(dispute, revision, make_packet("b" * 64))
        stored = unit.disputes.evidence_revision(dispute, revision)
    assert stored is not None
    assert stored.packet == make_packet("b" * 64)


def test_the_same_packet_is_recorded_as_uploaded_only_once(
    db: Database, dispute: str
) -> None:
    sha = "c" * 64
    with db.session() as unit:
        assert unit.disputes.find_upload(dispute, sha) is None
        first = unit.disputes.record_upload(
            dispute, 1, stripe_file_id="file_A", sha256=sha, size=10
        )
        second = unit.disputes.record_upload(
            dispute, 1, stripe_file_id="file_B", sha256=sha, size=10
        )
        found = unit.disputes.find_upload(dispute, sha)
    assert second == first == found
    assert first.stripe_file_id == "file_A"


def test_the_database_itself_refuses_a_second_upload_of_one_packet(
    db: Database, dispute: str
) -> None:
    sha = "d" * 64
    with db.session() as unit:
        unit.disputes.record_upload(
            dispute, 1, stripe_file_id="file_A", sha256=sha, size=10
        )
        tenant_id = unit.disputes.get(dispute).tenant_id
    duplicate = UploadRow(
        tenant_id=tenant_id,
        dispute_id=dispute,
        revision=2,
        stripe_file_id="file_B",
        sha256=sha,
        size=10,
        created_at=db.clock(),
    )
    with pytest.raises(IntegrityError):
        insert_row(db, duplicate)


def test_an_idempotency_key_is_used_once_only(db: Database, dispute: str) -> None:
    key = idempotency_key(dispute, submitted=False, revision=1)
    with db.session() as unit:
        staged = unit.disputes.record_submission(
            dispute, 1, idempotency_key=key, submitted=False
        )
        with pytest.raises(DuplicateSubmissionError, match=key):
            unit.disputes.record_submission(
                dispute, 1, idempotency_key=key, submitted=False
            )
        assert unit.disputes.find_submission(dispute, submitted=False) == staged
        assert unit.disputes.find_submission(dispute) is None


def test_evidence_is_submitted_once_whatever_the_revision(
    db: Database, dispute: str
) -> None:
    with db.session() as unit:
        submitted = unit.disputes.record_submission(
            dispute,
            1,
            idempotency_key=idempotency_key(dispute, submitted=True, revision=1),
            submitted=True,
            stripe_status="under_review",
        )
        with pytest.raises(DuplicateSubmissionError):
            unit.disputes.record_submission(
                dispute,
                2,
                idempotency_key="some-other-key",
                submitted=True,
            )
        assert unit.disputes.find_submission(dispute) == submitted
    assert submitted.stripe_status == "under_review"


def test_submit_keys_ignore_the_revision_and_stage_keys_do_not() -> None:
    submit = {idempotency_key("dp_1", submitted=True, revision=r) for r in (1, 2)}
    stage = {idempotency_key("dp_1", submitted=False, revision=r) for r in (1, 2)}
    assert (len(submit), len(stage)) == (1, 2)
