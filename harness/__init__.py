"""The harness's plain objects, with no pytest in them: the target, what a scenario carries and knows, how the
doc's promises are checked and named, the secrets to mask, the browser to launch.

``fixtures/`` (pytest plugins) build these; ``action_groups/`` use them; ``bench/`` and ``tools/`` import
them as a library. Nothing here imports ``fixtures``, ``steps``, ``action_groups`` or ``livingdoc``.
"""
