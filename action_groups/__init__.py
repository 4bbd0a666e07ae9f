"""Action groups: the doc's flow as reusable sequences (Magento's MFTF calls them so).

Steps map Gherkin text to one call here; action groups drive page objects, wait on what a
person would wait for, and check the doc's promises (``flowspec.promises``) through
``Journey.keeping``, so any failure names the documented step. Layers point down only:
steps -> action groups -> pages -> Playwright; the journey (fixtures/journey.py) carries state.
"""
