Feature: Opening Amazon Sales Channel again checks the saved key
  After Save Config, go to Marketing > Channels > Amazon Sales Channel again.
  Commerce checks and validates the key again and lets you continue. If you are
  prompted again, repeat the add-and-verify process.

  @doc-step-9 @clipboard
  Scenario: With the new key saved, the channel lets me in
    Given the Amazon Sales Channel prompt is open
    And I have added a new key from the API Portal through "Add the key" and saved it
    When I go to Marketing > Channels > Amazon Sales Channel
    Then no prompt is shown
    And the channel goes on to store integration with "Add Amazon Store"

  @doc-step-9 @clipboard
  Scenario: A key that is still bad after saving prompts again, and repeating the steps succeeds
    Given the Amazon Sales Channel prompt is open
    And I have added a new key from the API Portal through "Add the key" and saved it
    But the saved key has since been revoked in the API Portal
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt says the key is revoked
    When I repeat the add-and-verify process with a new key
    And I go to Marketing > Channels > Amazon Sales Channel
    Then no prompt is shown
    And the channel goes on to store integration with "Add Amazon Store"

  @doc-step-9 @clipboard @mock-only
  Scenario: A key that a paste polluted is saved as pasted, and the next visit prompts again, naming the stray character
    Given the Amazon Sales Channel prompt is open
    And a new key from the API Portal is on the clipboard
    And I have clicked "Add the key" on the prompt
    When I paste the copied key into "Production Api key" with a zero-width space that came along from a web page
    Then "Production Api key" holds exactly what was pasted, the stray character included
    When I click "Save Config"
    Then the message "You saved the configuration." is shown
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt says the key is unknown
    And the prompt names the character "U+200B ZERO WIDTH SPACE" that no API key holds
