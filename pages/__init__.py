"""Page objects: one class per page of the flow. Locators are built once in
``__init__``; methods are intents (``add_key``, ``save_config``), never asserts."""
