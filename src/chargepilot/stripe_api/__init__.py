"""Stripe adapter: disputes, charges and evidence files through the official SDK."""
