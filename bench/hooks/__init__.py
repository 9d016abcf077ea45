"""Measuring hooks for bench/ and the tests: a 30-page PV sealed (seal), the real widgets
timed (ui). Not shipped: the bundle collects only the `desktop` package."""
