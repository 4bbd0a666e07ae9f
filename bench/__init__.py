"""Benchmark and soak for the BDD suite (not tests: nothing here is collected by pytest).

``python -m bench``       times the bare Playwright script against the suite's end-to-end scenario,
                          the whole suite serially and in parallel, and the mocks' start-up.
``python -m bench.soak``  runs the suite many times and lists every scenario that ever failed.
"""
