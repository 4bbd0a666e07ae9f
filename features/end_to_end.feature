Feature: Add or verify the Amazon API key, end to end
  The whole documented flow in one walk, from the Admin login to the channel
  letting you in: the prompt, Sign in in a new tab, Add New and Copy in the
  API Portal, Add the key, paste, Save Config and the check on the next visit.

  @end-to-end @clipboard @doc-step-1 @doc-step-2 @doc-step-3 @doc-step-4 @doc-step-5 @doc-step-6 @doc-step-7 @doc-step-8 @doc-step-9 @doc-rule
  Scenario: Add and verify the Amazon API key as the doc describes it
    Given no Amazon API key is saved in the store configuration
    And the Commerce Admin login page is open
    When I sign in with the admin user name and password
    Then the Commerce Admin dashboard is shown
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    And the new tab asks for my Commerce account email and password
    When I sign in to my Commerce account in the new tab
    Then the new tab shows the API Portal section of My Account
    When I add a new API key described as "Amazon Sales Channel"
    Then the API Portal lists a new key named "Amazon Sales Channel"
    When I copy the key named "Amazon Sales Channel"
    Then the clipboard holds exactly the key listed under "Amazon Sales Channel"
    When I go back to the Amazon Sales Channel tab
    Then the prompt offers "Sign in" and "Add the key"
    When I click "Add the key"
    Then the Magento Services section is open at its "Api Keys" group
    And "Production Api key" is empty, as no key is saved
    When I paste the copied key into "Production Api key"
    Then "Production Api key" holds exactly the key listed in the API Portal
    When I click "Save Config"
    Then the message "You saved the configuration." is shown
    When I go to Marketing > Channels > Amazon Sales Channel
    Then no prompt is shown
    And the channel goes on to store integration with "Add Amazon Store"
