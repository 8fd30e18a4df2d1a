"""The official stripe package works against the fake as against Stripe."""

from __future__ import annotations

import io

import httpx
import pytest
import stripe

from chargepilot.sandbox.server import serve_in_thread
from chargepilot.sandbox.stripe.app import create_stripe_app
from chargepilot.sandbox.stripe.state import StripeState

from .conftest import API_KEY, MERCHANT, make_client

PNG = b"\x89PNG\r\n\x1a\n" + bytes(256)


def test_disputes_are_listed_newest_first_with_stripes_list_shape(
    client: stripe.StripeClient,
) -> None:
    page = client.v1.disputes.list()

    assert page.object == "list"
    assert page.url == "/v1/disputes"
    assert [d.id for d in page.data] == ["dp_INQ", "dp_PNR"]


def test_disputes_can_be_filtered_by_charge_payment_intent_and_created(
    client: stripe.StripeClient, state: StripeState
) -> None:
    created = state.get("dp_INQ")["created"]

    by_charge = client.v1.disputes.list({"charge": "ch_PNR"})
    by_intent = client.v1.disputes.list({"payment_intent": "pi_INQ"})
    recent = client.v1.disputes.list({"created": {"gte": created}})
    older = client.v1.disputes.list({"created": {"lt": created}})

    assert [d.id for d in by_charge.data] == ["dp_PNR"]
    assert [d.id for d in by_intent.data] == ["dp_INQ"]
    assert [d.id for d in recent.data] == ["dp_INQ"]
    assert [d.id for d in older.data] == ["dp_PNR"]


def test_pagination_follows_cursors_until_has_more_is_false(
    client: stripe.StripeClient,
) -> None:
    first = client.v1.disputes.list({"limit": 1})
    second = client.v1.disputes.list({"limit": 1, "starting_after": first.data[0].id})
    back = client.v1.disputes.list({"limit": 1, "ending_before": second.data[0].id})

    assert first.has_more is True
    assert [d.id for d in second.data] == ["dp_PNR"]
    assert second.has_more is False
    assert [d.id for d in back.data] == ["dp_INQ"]
    assert [d.id for d in first.auto_paging_iter()] == ["dp_INQ", "dp_PNR"]


def test_a_dispute_is_retrieved_with_its_charge_customer_and_payment_intent(
    client: stripe.StripeClient,
) -> None:
    dispute = client.v1.disputes.retrieve(
        "dp_PNR",
        params={"expand": ["charge.customer", "payment_intent"]},
    )

    assert dispute.charge.id == "ch_PNR"
    assert dispute.charge.billing_details.name == "Zoë Müller"
    assert dispute.charge.customer.email == "zoe@example.test"
    assert dispute.charge.payment_method_details.card.checks.cvc_check == "pass"
    assert dispute.payment_intent.latest_charge == "ch_PNR"


def test_a_charge_is_retrieved_with_its_payment_intent_expanded(
    client: stripe.StripeClient,
) -> None:
    charge = client.v1.charges.retrieve("ch_PNR", params={"expand": ["payment_intent"]})
    intent = client.v1.payment_intents.retrieve(
        "pi_PNR", params={"expand": ["customer"]}
    )

    assert charge.payment_intent.id == "pi_PNR"
    assert charge.payment_method_details.card.three_d_secure.result == "authenticated"
    assert intent.customer.id == "cus_ZOE"


def test_expanding_a_field_that_is_not_an_id_is_an_invalid_request(
    client: stripe.StripeClient,
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.disputes.retrieve("dp_PNR", params={"expand": ["reason"]})

    assert raised.value.param == "expand"


def test_evidence_is_staged_with_an_uploaded_file_then_the_dispute_is_updated(
    client: stripe.StripeClient,
) -> None:
    upload = client.v1.files.create(
        {"purpose": "dispute_evidence", "file": io.BytesIO(PNG)}
    )
    dispute = client.v1.disputes.update(
        "dp_PNR",
        {
            "evidence": {
                "shipping_documentation": upload.id,
                "shipping_tracking_number": "1Z999",
            },
            "metadata": {"bc_order_id": "501"},
            "submit": False,
        },
    )

    assert upload.type == "png"
    assert upload.size == len(PNG)
    assert client.v1.files.retrieve(upload.id).purpose == "dispute_evidence"
    assert dispute.evidence.shipping_documentation == upload.id
    assert dispute.evidence_details.has_evidence is True
    assert dispute.status == "needs_response"
    assert dispute.metadata.to_dict() == {"bc_order_id": "501"}


def test_closing_a_dispute_accepts_it_as_lost(client: stripe.StripeClient) -> None:
    closed = client.v1.disputes.close("dp_PNR")

    assert closed.status == "lost"
    with pytest.raises(stripe.InvalidRequestError, match="already closed"):
        client.v1.disputes.update("dp_PNR", {"evidence": {"customer_name": "Zoë"}})


def test_an_unknown_dispute_raises_invalid_request_with_resource_missing(
    client: stripe.StripeClient,
) -> None:
    with pytest.raises(stripe.InvalidRequestError) as raised:
        client.v1.disputes.retrieve("dp_NOPE")

    assert raised.value.http_status == 404
    assert raised.value.code == "resource_missing"
    assert raised.value.request_id is not None
    assert raised.value.request_id.startswith("req_")


def test_a_wrong_api_key_raises_authentication_error(base_url: str) -> None:
    with pytest.raises(stripe.AuthenticationError) as raised:
        make_client(base_url, key="sk_test_wrong_key_0000").v1.disputes.list()

    assert raised.value.http_status == 401
    assert "sk_test_wrong_key_0000" not in str(raised.value)


def test_a_request_without_a_key_gets_stripes_401_body_and_a_request_id(
    base_url: str,
) -> None:
    response = httpx.get(f"{base_url}/v1/disputes")

    assert response.status_code == 401
    assert response.json()["error"]["type"] == "invalid_request_error"
    assert response.headers["Request-Id"].startswith("req_")


def test_an_unknown_url_gets_stripes_error_body(base_url: str) -> None:
    response = httpx.get(
        f"{base_url}/v1/nothing", headers={"Authorization": f"Bearer {API_KEY}"}
    )

    assert response.status_code == 404
    assert "Unrecognized request URL" in response.json()["error"]["message"]
    assert response.headers["Request-Id"].startswith("req_")


def test_connected_accounts_see_only_their_own_objects(base_url: str) -> None:
    platform = make_client(base_url)
    merchant = make_client(base_url, stripe_account=MERCHANT)

    assert [d.id for d in merchant.v1.disputes.list().data] == ["dp_MERCHANT"]
    assert "dp_MERCHANT" not in [d.id for d in platform.v1.disputes.list().data]
    with pytest.raises(stripe.InvalidRequestError) as raised:
        platform.v1.disputes.retrieve("dp_MERCHANT")
    assert raised.value.code == "resource_missing"
    with pytest.raises(stripe.InvalidRequestError):
        merchant.v1.charges.retrieve("ch_PNR")


def test_a_file_uploaded_on_the_platform_cannot_be_attached_to_a_merchants_dispute(
    base_url: str,
) -> None:
    platform = make_client(base_url)
    merchant = make_client(base_url, stripe_account=MERCHANT)
    upload = platform.v1.files.create(
        {"purpose": "dispute_evidence", "file": io.BytesIO(PNG)}
    )

    with pytest.raises(stripe.InvalidRequestError) as raised:
        merchant.v1.disputes.update(
            "dp_MERCHANT", {"evidence": {"receipt": upload.id}, "submit": False}
        )

    assert raised.value.param == "evidence[receipt]"
    with pytest.raises(stripe.InvalidRequestError):
        merchant.v1.files.retrieve(upload.id)


def test_an_unknown_connected_account_is_a_permission_error(base_url: str) -> None:
    stranger = make_client(base_url, stripe_account="acct_UNKNOWN")

    with pytest.raises(stripe.PermissionError):
        stranger.v1.disputes.list()


def test_the_same_idempotency_key_and_parameters_replay_the_first_response(
    client: stripe.StripeClient, state: StripeState
) -> None:
    params = {"metadata": {"run": "1"}, "submit": False}
    options: stripe.RequestOptions = {"idempotency_key": "dp_PNR:stage:1"}

    first = client.v1.disputes.update("dp_PNR", params, options)
    again = client.v1.disputes.update("dp_PNR", params, options)

    updates = [e for e in state.events() if e["type"] == "charge.dispute.updated"]
    assert again.last_response.headers["Idempotent-Replayed"] == "true"
    assert again.to_dict() == first.to_dict()
    assert len(updates) == 1


def test_the_same_idempotency_key_with_other_parameters_is_refused(
    client: stripe.StripeClient,
) -> None:
    options: stripe.RequestOptions = {"idempotency_key": "dp_PNR:stage:2"}
    client.v1.disputes.update("dp_PNR", {"metadata": {"run": "1"}}, options)

    with pytest.raises(stripe.IdempotencyError):
        client.v1.disputes.update("dp_PNR", {"metadata": {"run": "2"}}, options)


def test_an_idempotent_file_upload_is_replayed_not_stored_twice(
    client: stripe.StripeClient,
) -> None:
    options: stripe.RequestOptions = {"idempotency_key": "upload-receipt-1"}
    params = {"purpose": "dispute_evidence"}

    first = client.v1.files.create({**params, "file": io.BytesIO(PNG)}, options)
    again = client.v1.files.create({**params, "file": io.BytesIO(PNG)}, options)

    assert again.id == first.id


def test_requests_over_the_rate_limit_get_429_rate_limit_errors(
    state: StripeState,
) -> None:
    app = create_stripe_app(state, rate_limit_per_second=3)
    with serve_in_thread(app) as url:
        client = make_client(url)
        for _ in range(3):
            client.v1.disputes.retrieve("dp_PNR")
        with pytest.raises(stripe.RateLimitError) as raised:
            client.v1.disputes.retrieve("dp_PNR")

    assert raised.value.http_status == 429
    assert raised.value.json_body["error"]["code"] == "rate_limit"


def test_a_dispute_list_can_expand_each_disputes_charge(
    client: stripe.StripeClient,
) -> None:
    page = client.v1.disputes.list({"expand": ["data.charge"]})

    assert [d.charge.id for d in page.data] == ["ch_INQ", "ch_PNR"]


def test_events_are_listed_by_type_and_retrieved_by_id(
    client: stripe.StripeClient,
) -> None:
    client.v1.disputes.update("dp_PNR", {"metadata": {"order": "501"}})

    updated = client.v1.events.list({"type": "charge.dispute.updated"})
    disputes = client.v1.events.list({"type": "charge.dispute.*"})
    event = client.v1.events.retrieve(updated.data[0].id)

    assert [e.type for e in updated.data] == ["charge.dispute.updated"]
    assert len(disputes.data) == 3
    assert event.data.object["metadata"]["order"] == "501"
    assert event.api_version == "2026-10-28.endive"
    assert event.livemode is False


def test_basic_auth_with_the_key_as_user_name_is_accepted_and_garbage_is_not(
    base_url: str,
) -> None:
    good = httpx.get(f"{base_url}/v1/disputes", auth=(API_KEY, ""))
    garbage = httpx.get(
        f"{base_url}/v1/disputes", headers={"Authorization": "Basic %%%"}
    )

    assert good.status_code == 200
    assert garbage.status_code == 401
