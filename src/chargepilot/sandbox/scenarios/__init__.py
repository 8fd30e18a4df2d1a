"""Seeded scenarios: fake stores and Stripe objects with a dispute per case."""

from chargepilot.sandbox.scenarios.generator import Profile, generate
from chargepilot.sandbox.scenarios.models import ExpectedCase, Scenario

__all__ = ["ExpectedCase", "Profile", "Scenario", "generate"]
