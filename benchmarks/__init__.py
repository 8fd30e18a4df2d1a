"""Benchmarks: ChargePilot against a naive script, on the sandbox only.

`python -m benchmarks.run --out DIR [--smoke]` measures, in one run: time,
API calls and sequential round trips per dispute under injected latency;
a burst of disputes under BigCommerce's per-store quota; packet rendering;
and how the domain and packet work grows with a customer's order count.
It writes DIR/report.md, DIR/report.json and DIR/*.png. Every figure is
measured in the run; nothing is typed in.
"""
