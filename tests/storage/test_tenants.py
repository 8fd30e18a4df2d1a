from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from chargepilot.domain.case import MerchantPolicies
from chargepilot.errors import NotFoundError
from chargepilot.storage import Database, DisputeState, StoreCredentials
from chargepilot.storage.models import MatchRow
from tests.storage.factories import add_dispute, add_merchant, insert_row, make_dispute


def test_a_tenant_never_sees_another_tenants_disputes(db: Database) -> None:
    acme = add_merchant(db, "Acme", "abc123")
    rival = add_merchant(db, "Rival", "xyz789")
    add_dispute(db, acme, "dp_acme")
    add_dispute(db, rival, "dp_rival")
    with db.session() as unit:
        listed = unit.disputes.list_for_tenant(acme.tenant_id)
        received = unit.disputes.list_for_tenant(
            acme.tenant_id, states={DisputeState.RECEIVED}
        )
        mine = unit.disputes.get_for_tenant(acme.tenant_id, "dp_acme")
        with pytest.raises(NotFoundError):
            unit.disputes.get_for_tenant(acme.tenant_id, "dp_rival")
    assert [d.id for d in listed] == [d.id for d in received] == ["dp_acme"]
    assert mine.tenant_id == acme.tenant_id


def test_the_database_refuses_a_row_pointing_across_tenants(db: Database) -> None:
    acme = add_merchant(db, "Acme", "abc123")
    rival = add_merchant(db, "Rival", "xyz789")
    add_dispute(db, acme, "dp_acme")
    stray = MatchRow(
        tenant_id=rival.tenant_id,
        dispute_id="dp_acme",
        confidence=1.0,
        method="payment_id",
        reasons=[],
        rivals=[],
        created_at=db.clock(),
    )
    with pytest.raises(IntegrityError):
        insert_row(db, stray)


def test_connect_events_find_their_store_by_stripe_account(db: Database) -> None:
    with db.session() as unit:
        tenant = unit.stores.create_tenant("Agency")
        store = unit.stores.add_store(
            tenant.id, "abc123", "Shoes", stripe_account_id="acct_M1"
        )
        assert unit.stores.by_stripe_account("acct_M1") == store
        assert unit.stores.by_stripe_account("acct_unknown") is None
        assert unit.stores.by_hash("abc123") == store


def test_policies_and_auto_submit_are_kept_per_store(db: Database) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    policies = MerchantPolicies(
        refund_policy="30 days, unused items.",
        refund_policy_disclosure="Checkout page, above the Pay button.",
    )
    with db.session() as unit:
        unit.stores.set_policies(shop.store_id, policies)
        unit.stores.set_auto_submit(shop.store_id, True)
    with db.session() as unit:
        store = unit.stores.get(shop.store_id)
    assert (store.policies, store.auto_submit) == (policies, True)


def test_disconnecting_deletes_credentials_and_keeps_dispute_history(
    db: Database,
) -> None:
    shop = add_merchant(db, "Acme", "abc123")
    add_dispute(db, shop, "dp_1")
    sealed = StoreCredentials(bc_client_id=b"\x01sealed", bc_access_token=b"\x02")
    with db.session() as unit:
        unit.stores.set_credentials(shop.store_id, sealed)
        assert unit.stores.get(shop.store_id).credentials == sealed
        unit.stores.disconnect(shop.store_id)
    with db.session() as unit:
        store = unit.stores.get(shop.store_id)
        history = unit.disputes.list_for_tenant(shop.tenant_id)
    assert store.credentials == StoreCredentials()
    assert not store.connected
    assert [d.id for d in history] == ["dp_1"]


def test_a_tenants_stores_are_listed_without_the_others(db: Database) -> None:
    acme = add_merchant(db, "Acme", "abc123")
    add_merchant(db, "Rival", "xyz789")
    with db.session() as unit:
        unit.stores.add_store(acme.tenant_id, "abc456", "Acme outlet")
        hashes = [s.store_hash for s in unit.stores.stores_of(acme.tenant_id)]
        with pytest.raises(NotFoundError):
            unit.disputes.get_or_create(make_dispute("dp_9"), store_id=999)
    assert hashes == ["abc123", "abc456"]
