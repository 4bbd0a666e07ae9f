"""Pieces both mock apps use: database, clock, request log, forms, control API."""
