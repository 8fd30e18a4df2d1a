"""Fake BigCommerce and Stripe servers with seeded scenarios, for demos and tests."""
