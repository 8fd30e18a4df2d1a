.PHONY: install demo test lint typecheck format bench bench-smoke

install:
	uv sync --frozen

demo: install
	uv run --frozen chargepilot demo

test: install
	uv run --frozen bash scripts/test

lint: install
	uv run --frozen ruff check src tests benchmarks
	uv run --frozen ruff format --check src tests benchmarks
	uv run --frozen mypy
	uv run --frozen lint-imports

typecheck: install
	uv run --frozen mypy

format: install
	uv run --frozen ruff format src tests benchmarks
	uv run --frozen ruff check --fix src tests benchmarks

bench: install
	uv run --frozen python -m benchmarks.run --out bench-report

bench-smoke: install
	uv run --frozen python -m benchmarks.run --smoke --out bench-report/smoke
