"""The recovery fee: 12% of what a won dispute brings back, nothing otherwise."""

from __future__ import annotations

from decimal import Decimal

from chargepilot.domain.money import Money

RECOVERY_FEE_PERCENT = Decimal(12)


def recovery_fee(recovered: Money, *, won: bool) -> Money:
    if not won or recovered.amount <= 0:
        return Money.zero(recovered.currency)
    return recovered.percent(RECOVERY_FEE_PERCENT)
