"""Use cases: answer a dispute, and what they need around them."""
