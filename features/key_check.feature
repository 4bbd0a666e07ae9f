Feature: Amazon Sales Channel checks the Amazon API key on every access
  When you open Amazon Sales Channel, Commerce checks and validates the Amazon API key
  saved in the store configuration. A valid key moves on to the next step, store
  integration. A missing, invalid or expired key brings up a prompt to get a key and
  add it to the configuration. The key is checked each time you open the channel.

  @doc-step-1
  Scenario: Log in to the Commerce Admin
    Given the Commerce Admin login page is open
    When I sign in with the admin user name and password
    Then the Commerce Admin dashboard is shown

  @doc-step-1
  Scenario: A wrong password does not open the Commerce Admin
    Given the Commerce Admin login page is open
    When I sign in with the admin user name and a wrong password
    Then the login page says the sign-in was incorrect
    And the Commerce Admin still asks me to sign in

  @doc-step-1
  Scenario: A user name that does not exist does not open the Commerce Admin
    Given the Commerce Admin login page is open
    When I sign in with a user name that does not exist
    Then the login page says the sign-in was incorrect
    And the Commerce Admin still asks me to sign in

  @doc-step-1
  Scenario: Signing in without a password says the password is required
    Given the Commerce Admin login page is open
    When I sign in with the admin user name and no password
    Then the login page says the password is required
    And the Commerce Admin still asks me to sign in

  @doc-step-1
  Scenario: Signing in after opening Amazon Sales Channel from a bookmark lands on the channel
    Given I am not signed in to the Commerce Admin
    When I open Amazon Sales Channel from a bookmark
    Then the Commerce Admin asks me to sign in first
    When I sign in with the admin user name and password
    Then Amazon Sales Channel is shown, not the dashboard

  @doc-step-2 @doc-rule
  Scenario: The first access without a key prompts for one
    Given no Amazon API key is saved in the store configuration
    And I am signed in to the Commerce Admin
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt says the key is missing
    And the prompt offers "Sign in" and "Add the key"

  @doc-rule @mock-only
  Scenario Outline: A key that is <problem> prompts for a new one
    Given the store configuration holds a key that is <problem>
    And I am signed in to the Commerce Admin
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt says the key is <problem>

    Examples:
      | problem |
      | unknown |
      | expired |
      | revoked |

  @doc-rule @mock-only
  Scenario: A valid key goes straight on to store integration
    Given the store configuration holds a valid key
    And I am signed in to the Commerce Admin
    When I go to Marketing > Channels > Amazon Sales Channel
    Then no prompt is shown
    And the channel goes on to store integration with "Add Amazon Store"

  @doc-rule @mock-only
  Scenario: A key revoked after a good visit prompts on the next visit
    Given the store configuration holds a valid key
    And I am signed in to the Commerce Admin
    And I have opened Amazon Sales Channel without a prompt
    When the key is revoked in the Commerce account
    And I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt says the key is revoked

  @doc-rule @mock-only
  Scenario: A key that expires between two visits prompts on the next visit
    Given the store configuration holds a valid key that expires in 1 hour
    And I am signed in to the Commerce Admin
    And I have opened Amazon Sales Channel without a prompt
    When 2 hours pass
    And I go to Marketing > Channels > Amazon Sales Channel
    Then the "Welcome to Amazon Sales Channel" prompt is shown
    And the prompt says the key is expired

  @doc-rule @mock-only
  Scenario Outline: A key service that is <fault> is not reported as a bad key
    Given the store configuration holds a valid key
    And the key service is <fault>
    And I am signed in to the Commerce Admin
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the channel says it could not verify the key
    And no prompt is shown

    Examples:
      | fault                  |
      | down                   |
      | too slow to answer     |
      | answering server error |
