"""Helpers for integration tests and benchmarks: real processes, a recording mail backend."""
