"""Benchmarks: figures users feel, each measured beside its baseline in the same run.

`make bench` (python -m bench) runs every module listed in FIGURE_MODULES, prints one
table and writes bench/results.json. Benchmarks never fail a build; goals are reported.
"""
