"""Maintenance scripts that are neither tests nor benchmarks."""
