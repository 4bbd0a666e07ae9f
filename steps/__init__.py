"""Step definitions, one module per domain, registered from the root conftest."""
