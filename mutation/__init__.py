"""Mutation testing of the mocks' flow modules with the BDD suite as the oracle: see mutation/README.md."""
