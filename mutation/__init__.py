"""Mutation testing of the mocks' flow modules, with the BDD suite as the oracle.

``python -m mutation`` (``make mutation``) runs cosmic-ray over a copy of the project:

1. ``workspace``: copy what the suite needs into ``build/mutation/<mode>/project`` (cosmic-ray changes
   files on disk, so never the checkout itself) and keep pristine copies of the flow modules.
2. ``scenario_map``: run the BDD suite once per admin layout with line coverage, one coverage context per
   scenario, and record which scenarios execute which lines of the flow modules (and how long each takes).
3. ``session``: ``cosmic-ray init`` lists the mutants; those in type annotations (never evaluated here) and
   those outside the operator set of ``plan.py`` are marked skipped; ``cosmic-ray exec`` runs the rest.
4. ``oracle``: cosmic-ray's test command. For the one mutant on disk it picks the scenarios that reach
   the mutated code, runs them (fastest first, ``-x``, with a timeout) and prints its verdict.
5. ``report``: the verdicts, the accepted survivors of ``docs/mutation-survivors.toml`` and the score,
   as ``reports/mutation.json`` (fields documented in ``mutation/report.py``) and a table.
"""
