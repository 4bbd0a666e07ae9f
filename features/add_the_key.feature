Feature: Add the key: back in the Admin, paste the key into Production Api key and save
  With the new key created and copied, go back to the Amazon Sales Channel tab and
  click Add the key. The browser leaves the channel for the Api Keys group of the
  store configuration (by hand: Stores > Settings > Configuration, expand Services,
  choose Magento Services). Paste the key into Production Api key and click Save Config.

  @doc-step-5 @clipboard
  Scenario: With the key copied, the first tab still shows the prompt
    Given I am signed in to my Commerce account
    And the Amazon Sales Channel prompt is open
    And I have clicked "Sign in" on the prompt and copied a new key in the API Portal tab
    When I go back to the Amazon Sales Channel tab
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt offers "Sign in" and "Add the key"

  @doc-step-6
  Scenario: Add the key leaves the channel for the Api Keys of the store configuration
    Given the Amazon Sales Channel prompt is open
    When I click "Add the key"
    Then the browser has left Amazon Sales Channel for Stores > Configuration
    And the Magento Services section is open at its "Api Keys" group
    And the "Production Api key" field is shown
    And "Production Api key" is empty, as no key is saved

  @doc-step-6
  Scenario: The Api Keys can also be opened by hand from Stores > Settings > Configuration
    Given I am signed in to the Commerce Admin
    When I go to Stores > Settings > Configuration
    And I expand "Services" in the left panel and choose "Magento Services"
    Then the Magento Services section is open at its "Api Keys" group
    And the "Production Api key" field is shown

  @doc-step-7 @clipboard
  Scenario: The copied key is pasted into Production Api key
    Given the Amazon Sales Channel prompt is open
    And a new key from the API Portal is on the clipboard
    And I have clicked "Add the key" on the prompt
    When I paste the copied key into "Production Api key"
    Then "Production Api key" holds exactly the key listed in the API Portal

  @doc-step-8 @clipboard
  Scenario: Save Config stores the pasted key
    Given the Amazon Sales Channel prompt is open
    And a new key from the API Portal is on the clipboard
    And I have clicked "Add the key" on the prompt
    And I have pasted the copied key into "Production Api key"
    When I click "Save Config"
    Then the message "You saved the configuration." is shown
    When I open the Api Keys again
    Then "Production Api key" still holds the key listed in the API Portal
