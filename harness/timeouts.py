"""How long the harness waits on a target, when ``--step-timeout`` does not say.

Every network wait (page loads, requests over ``APIRequestContext``, the control API, the sign-in over HTTP,
the checks before and after a run) is bounded by ``--step-timeout``, or by this default: a target that stops
answering fails each scenario in that bound instead of Playwright's 30 s per wait.
"""

from __future__ import annotations

DEFAULT_STEP_TIMEOUT_SECONDS = 15.0
