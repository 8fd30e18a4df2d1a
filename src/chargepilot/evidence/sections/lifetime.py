"""The customer's history with the store: counts, spend, earlier orders."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable

from chargepilot.domain.case import Case, CustomerLifetime
from chargepilot.domain.money import Money
from chargepilot.domain.orders import Order, StoreRecord
from chargepilot.evidence.budget import Budget
from chargepilot.evidence.model import Block, Facts, Grid, Heading, Section, Text, Tone
from chargepilot.evidence.text import as_utc, count, day, money, plain

TITLE = "Customer lifetime"


def build(case: Case, record: StoreRecord, budget: Budget) -> Section:
    lifetime = case.lifetime
    if lifetime is None:
        return Section(TITLE, (Text("No customer history was gathered."),))
    blocks: list[Block] = [Facts(_facts(record, lifetime))]
    prior = lifetime.prior_undisputed
    recent = heapq.nlargest(
        budget.recent_orders, prior, key=lambda o: as_utc(o.created)
    )
    condensed: tuple[str, ...] = ()
    if len(prior) > len(recent):
        title = f"All {count(len(prior))} earlier undisputed orders by year"
        blocks += [Heading(title), _by_year(prior)]
        note = f"{count(len(prior) - len(recent))} earlier orders summarised above"
        condensed = (f"Customer lifetime: {note} (by year).",)
    if recent:
        title = f"Most recent {count(len(recent))} earlier undisputed orders"
        blocks += [Heading(title), _orders(recent, record.order)]
    if condensed:
        blocks.append(Text(f"{note}.", Tone.CONDENSED))
    if not prior:
        blocks.append(Text("This is the customer's first paid order with the store."))
    return Section(TITLE, tuple(blocks), condensed)


def _facts(
    record: StoreRecord, lifetime: CustomerLifetime
) -> tuple[tuple[str, str], ...]:
    order, customer = record.order, record.customer
    who = plain(customer.name) if customer else plain(order.billing.name)
    kind = "Guest checkout" if order.is_guest else f"Account #{order.customer_id}"
    rows = [
        ("Customer", f"{who} ({kind})"),
        ("Email", plain(customer.email if customer else order.email)),
        ("Account created", day(lifetime.account_created_at)),
        ("First order", day(lifetime.first_order_at)),
        ("Paid orders", f"{count(lifetime.order_count)}, this one included"),
        ("Total spend", money(lifetime.total_spend)),
        ("Earlier undisputed orders", count(len(lifetime.prior_undisputed))),
        ("Earlier orders to the same address", count(lifetime.same_address_orders)),
    ]
    if lifetime.other_currency_orders:
        extra = count(lifetime.other_currency_orders)
        rows.append(("Orders in other currencies", f"{extra}, not in the spend"))
    if record.history_truncated:
        rows.append(("History", "Longer than the store search could read"))
    return tuple((k, v) for k, v in rows if v)


def _by_year(orders: Iterable[Order]) -> Grid:
    tally: dict[int, int] = defaultdict(int)
    spend: dict[tuple[int, str], Money] = {}
    for order in orders:
        year, currency = as_utc(order.created).year, order.total.currency
        tally[year] += 1
        key = (year, currency)
        spend[key] = spend.get(key, Money.zero(currency)) + order.total
    rows = []
    for year in sorted(tally, reverse=True):
        sums = [money(v) for (y, _), v in sorted(spend.items()) if y == year]
        rows.append((str(year), count(tally[year]), ", ".join(sums)))
    return Grid(
        ("Year", "Orders", "Spend"), tuple(rows), (0.15, 0.15, 0.7), frozenset({1})
    )


def _orders(orders: list[Order], disputed: Order) -> Grid:
    home = _key(disputed.billing.one_line())
    rows = tuple(
        (
            f"#{o.id}",
            day(o.created),
            plain(o.status_label) or o.status.label,
            money(o.total),
            plain(o.billing.one_line()),
            "Yes" if _key(o.billing.one_line()) == home else "No",
        )
        for o in orders
    )
    header = ("Order", "Placed", "Status", "Total", "Billing address", "Same")
    widths = (0.1, 0.13, 0.15, 0.14, 0.4, 0.08)
    return Grid(header, rows, widths, numeric=frozenset({3}))


def _key(address: str) -> str:
    return "".join(c for c in plain(address).casefold() if c.isalnum())
