Feature: Add or verify the Amazon API key, end to end
  The whole documented flow in one walk, from the Admin login to the channel
  letting you in: the prompt, Sign in in a new tab, Add New and Copy in the
  API Portal, Add the key, paste, Save Config and the check on the next visit.

  @end-to-end @clipboard @doc-step-1 @doc-step-2 @doc-step-3 @doc-step-4 @doc-step-5 @doc-step-6 @doc-step-7 @doc-step-8 @doc-step-9 @doc-rule
  Scenario: Add and verify the Amazon API key as the doc describes it
    Given no Amazon API key is saved in the store configuration
    And the Commerce Admin login page is open
    When I sign in with the admin user name and password
    And I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    When I click "Sign in" on the prompt
    And I sign in to my Commerce account in the new tab
    Then the new tab shows the API Portal section of My Account
    When I add a new API key described as "Amazon Sales Channel"
    And I copy the key named "Amazon Sales Channel"
    And I go back to the Amazon Sales Channel tab
    And I click "Add the key"
    Then the Magento Services section is open at its "Api Keys" group
    When I paste the copied key into "Production Api key"
    And I click "Save Config"
    Then the message "You saved the configuration." is shown
    When I go to Marketing > Channels > Amazon Sales Channel
    Then no prompt is shown
    And the channel goes on to store integration with "Add Amazon Store"
