Feature: The API Portal creates a key under a description and copies it
  In the API Portal of the Commerce account, enter a description such as
  "Amazon Sales Channel" and click Add New. The new key is listed under that name.
  Click Copy to copy the new key.

  @doc-step-4
  Scenario: Add New lists the new key under its description
    Given I am signed in to my Commerce account
    And the API Portal is open
    When I add a new API key described as "Amazon Sales Channel"
    Then the API Portal lists a new key named "Amazon Sales Channel"
    And the key listed under "Amazon Sales Channel" is at least 32 characters long
    And the API Portal lists each key with its status, and offers Copy only for active keys

  @doc-step-4 @mock-only
  Scenario: The API Portal shows each key's status, and only an active key offers Copy
    Given I am signed in to my Commerce account
    And the Commerce account also has an expired key and a revoked key
    And the API Portal is open
    Then the API Portal lists each key with its status, and offers Copy only for active keys

  @doc-step-4 @clipboard
  Scenario: Copy puts exactly the new key on the clipboard
    Given I am signed in to my Commerce account
    And the API Portal is open
    And I have added a new API key described as "Amazon Sales Channel"
    When I copy the key named "Amazon Sales Channel"
    Then the API Portal confirms that the key was copied
    And the clipboard holds exactly the key listed under "Amazon Sales Channel"

  @doc-step-4
  Scenario: A key needs a description
    Given I am signed in to my Commerce account
    And the API Portal is open
    When I add a new API key with an empty description
    Then the API Portal says that a description is required
    And no new key is listed
