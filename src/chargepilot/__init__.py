"""ChargePilot: chargeback evidence from BigCommerce orders, filed on Stripe."""

__version__ = "0.1.0"
