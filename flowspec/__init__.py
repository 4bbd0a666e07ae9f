"""What the doc and the product define, shared by the mocks, the harness and the report.

Nothing here imports from ``mocks``, ``steps``, ``pages``, ``fixtures`` or ``livingdoc``;
they all import from here instead of from one another.

* ``flowspec.doc_steps``: the doc's numbered steps (and its rule), with their tags and labels;
* ``flowspec.commerce``: facts of Adobe Commerce the flow touches: the config path of the
  Production API key, the two admin layouts, the API Portal's URL path.
* ``flowspec.published_doc``: the vendor's doc read at run time (path or URL), split into rule and steps;
  ``flowspec.doc_facts``: the facts in it a person acts on (labels, menu paths, pictures ...);
  ``flowspec.doc_drift``: the ``doc-drift`` command, the doc's facts against the suite's
  (``flowspec.suite_usage`` says where the suite uses a wording);
  ``flowspec.known_differences``: where an admin layout is known to differ from the doc.
See ``flowspec/README.md``.
"""
