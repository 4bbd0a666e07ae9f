"""Action groups: the doc's flow as reusable sequences (Magento's MFTF calls them so).

Steps map Gherkin text to one call here; action groups drive page objects and check the doc's promises
(``flowspec.promises``) through the scenario's ``journey`` (``harness/journey.py``), so any failure names the
documented step. They import pages, ``harness`` and ``flowspec``, never a pytest plugin.

**One rule for When and Then: the Then checks.**

- A *When* does what a person does (a click, a paste) and waits only for what it needs to go on (the page its
  click loads, the tab it opens). It checks no promise: it makes its promise *due* (``journey.acting``), and a
  failure to act is named after that promise's doc step.
- A *Then* checks a promise (``journey.keeping``) and repeats no check of another Then of the same scenario.
  A promise a When made due and no Then checked is a gap: the living doc shows it and its gate fails.
- A *Given* sets the stage: it composes the When and the Then of what it stands for (``add_and_verify.py``), so
  a stage that is not right fails in the Given, naming the broken promise's doc step ("... while setting up a
  doc step 5 scenario").
- One When stands for a whole process the doc names ("repeat the add-and-verify process"): it composes the
  steps with their checks, like a Given, because its Gherkin has no Then for each of them.

Step functions carry the name of the action-group function they call.
"""
