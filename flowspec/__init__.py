"""What the doc and the product define, shared by the mocks, the harness and the report.

Nothing here imports from ``mocks``, ``steps``, ``pages``, ``fixtures`` or ``livingdoc``;
they all import from here instead of from one another.

* ``flowspec.doc_steps``: the doc's numbered steps (and its rule), with their tags and labels;
* ``flowspec.commerce``: facts of Adobe Commerce the flow touches: the config path of the
  Production API key, the two admin layouts, the API Portal's URL path.
"""
