"""Peer implementations of midway.evaluate for benchmarks/bench_peers.py (Polars, pandas, DuckDB, numpy)."""
