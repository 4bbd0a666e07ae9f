"""The living documentation: the doc's numbered steps and the reports built from a run."""
