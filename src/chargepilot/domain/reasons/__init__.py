"""Evidence per dispute reason: fields, argument, what is missing, strength.

One module per reason (product_not_received.py, fraudulent.py, ...) says
which Stripe evidence fields it fills and how it weighs the checklist;
`build_evidence` picks the module for a Case.
"""

from chargepilot.domain.reasons.dispatch import BUILDERS, build_evidence

__all__ = ["BUILDERS", "build_evidence"]
