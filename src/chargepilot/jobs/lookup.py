"""Find the order a disputed charge paid for, then gather its whole record.

Round trips are the figure to keep small: one search for candidates, an
optional confirmation when no candidate carries the payment id, and one
parallel fan-out for everything that hangs off the chosen order.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace

from chargepilot.bigcommerce.client import BigCommerceClient
from chargepilot.domain.disputes import Dispute, DisputeReason
from chargepilot.domain.matching import (
    Match,
    MatchCandidate,
    MatchMethod,
    amount_bounds,
    match_charge,
    normalise_email,
    order_search_window,
)
from chargepilot.domain.orders import LineItem, Order, Product, StoreRecord
from chargepilot.errors import ChargePilotError
from chargepilot.jobs.metrics import Meter


@asynccontextmanager
async def fan_out() -> AsyncIterator[asyncio.TaskGroup]:
    """A task group whose failure is the first of our own errors, not a group.

    When one call of a fan-out fails for good, the others are cancelled and
    the operator sees that call's error (vendor, status, request id) rather
    than an ExceptionGroup.
    """
    try:
        async with asyncio.TaskGroup() as group:
            yield group
    except BaseExceptionGroup as failed:
        ours = failed.subgroup(ChargePilotError)
        if ours is None:
            raise
        raise _first(ours) from None


def _first(group: BaseExceptionGroup[ChargePilotError]) -> ChargePilotError:
    found = group.exceptions[0]
    return _first(found) if isinstance(found, BaseExceptionGroup) else found


# Confirming candidates by their transactions costs one call each.
MAX_CONFIRMATIONS = 5
CONFIRMED = frozenset({MatchMethod.PAYMENT_ID, MatchMethod.TRANSACTION_ID})


@dataclass(frozen=True, slots=True)
class Lookup:
    match: Match
    candidates: tuple[MatchCandidate, ...]
    order: Order | None


async def find_order(bc: BigCommerceClient, dispute: Dispute, meter: Meter) -> Lookup:
    """Candidates by email, amount and date; confirmed by payment id."""
    found, truncated = await _search(bc, dispute)
    candidates = tuple(MatchCandidate(order) for order in found)
    match = match_charge(dispute, candidates)
    if _worth_confirming(match, candidates):
        candidates = await _with_transactions(bc, candidates, meter)
        match = match_charge(dispute, candidates)
    if truncated:
        match = replace(match, truncated=True)
    chosen = next((c.order for c in candidates if c.order.id == match.order_id), None)
    return Lookup(match, candidates, chosen)


async def _search(bc: BigCommerceClient, dispute: Dispute) -> tuple[list[Order], bool]:
    """Search by the payer's email; without one, by amount and date alone."""
    start, end = order_search_window(dispute.charge)
    low, high = amount_bounds(dispute.charge.amount)
    emails = [normalise_email(e) for e in dispute.charge.candidate_emails()]
    for email in [*emails[:1], None]:
        result = await bc.search_orders(
            email=email,
            min_created=start,
            max_created=end,
            min_total=low,
            max_total=high,
        )
        if result.orders:
            break
    return list(result.orders), result.truncated


def _worth_confirming(match: Match, candidates: Sequence[MatchCandidate]) -> bool:
    """Several candidates and no payment id yet: their transactions decide.

    A lone candidate is confirmed by the transactions the fan-out fetches
    anyway, which saves a round trip (see `confirm`).
    """
    return match.method not in CONFIRMED and 1 < len(candidates) <= MAX_CONFIRMATIONS


def confirm(dispute: Dispute, lookup: Lookup, record: StoreRecord) -> Match:
    """Match again now that the chosen order's transactions are known."""
    if lookup.match.method in CONFIRMED or not record.transactions:
        return lookup.match
    candidates = [
        MatchCandidate(c.order, record.transactions)
        if c.order.id == record.order.id
        else c
        for c in lookup.candidates
    ]
    rematched = match_charge(dispute, candidates)
    return replace(rematched, truncated=lookup.match.truncated)


async def _with_transactions(
    bc: BigCommerceClient, candidates: Sequence[MatchCandidate], meter: Meter
) -> tuple[MatchCandidate, ...]:
    async with fan_out() as group:
        tasks = [group.create_task(bc.order_transactions(c.order)) for c in candidates]
    meter.join()
    return tuple(
        MatchCandidate(c.order, task.result())
        for c, task in zip(candidates, tasks, strict=True)
    )


async def gather_record(
    bc: BigCommerceClient,
    order: Order,
    reason: DisputeReason,
    meter: Meter,
    *,
    known: MatchCandidate | None = None,
) -> StoreRecord:
    """Everything that hangs off the order, fetched in one parallel fan-out."""
    async with fan_out() as group:
        items = group.create_task(bc.order_products(order))
        shipments = group.create_task(bc.order_shipments(order))
        addresses = group.create_task(bc.order_shipping_addresses(order))
        coupons = group.create_task(bc.order_coupons(order))
        refunds = group.create_task(bc.order_refunds(order))
        fetched = known.transactions if known else ()
        transactions = (
            None if fetched else group.create_task(bc.order_transactions(order))
        )
        customer = (
            None
            if order.is_guest
            else group.create_task(bc.get_customer(order.customer_id))
        )
        history = group.create_task(_history(bc, order))
    meter.join()
    line_items = items.result()
    products = await _products(bc, reason, line_items, meter)
    history_orders, truncated = history.result()
    return StoreRecord(
        order=order,
        line_items=line_items,
        shipping_addresses=addresses.result(),
        shipments=shipments.result(),
        transactions=transactions.result() if transactions else fetched,
        refunds=refunds.result(),
        coupons=coupons.result(),
        customer=customer.result() if customer else None,
        history=history_orders,
        products=products,
        history_truncated=truncated,
    )


async def _history(
    bc: BigCommerceClient, order: Order
) -> tuple[tuple[Order, ...], bool]:
    """The customer's every order; a guest's are found by email."""
    if order.is_guest:
        if not order.email:
            return (order,), False
        result = await bc.orders_by_email(order.email)
    else:
        result = await bc.customer_orders(order.customer_id)
    return tuple(result.orders), result.truncated


# Catalog descriptions cost a dependent call; only these reasons use them.
DESCRIBED_REASONS = frozenset(
    {DisputeReason.PRODUCT_UNACCEPTABLE, DisputeReason.GENERAL}
)


async def _products(
    bc: BigCommerceClient,
    reason: DisputeReason,
    items: Sequence[LineItem],
    meter: Meter,
) -> tuple[Product, ...]:
    if reason not in DESCRIBED_REASONS or not items:
        return ()
    ids = sorted({item.product_id for item in items if item.product_id})
    found = await bc.products(ids)
    meter.join()
    return tuple(found)


# Two charges for one purchase land close together; further apart they are
# two purchases, which is what a 'duplicate' claim is answered with.
DUPLICATE_WINDOW_DAYS = 30


def other_order(record: StoreRecord) -> Order | None:
    """The customer's other paid order of the same amount, nearest in time."""
    order = record.order
    near = [
        o
        for o in record.history
        if o.id != order.id
        and o.status.is_paid
        and o.total == order.total
        and abs((o.created - order.created).days) <= DUPLICATE_WINDOW_DAYS
    ]
    return min(near, key=lambda o: abs(o.created - order.created), default=None)
