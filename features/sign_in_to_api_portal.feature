Feature: Sign in opens the Commerce account's API Portal in a new tab
  On the "Welcome to Amazon Sales Channel" prompt, Sign in opens the Commerce account
  page in a new browser tab. Signed in to the account, the API Portal section of
  My Account appears at once; not signed in, the account asks for its user name and
  password first; without an account, you register one.

  @doc-step-3
  Scenario: Signed in to the Commerce account, Sign in shows the API Portal at once
    Given I am signed in to my Commerce account
    And the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    And the new tab shows the API Portal section of My Account
    And the first tab still shows the Amazon Sales Channel prompt

  @doc-step-3
  Scenario: Not signed in, the Commerce account asks for the login first
    Given the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    And the new tab asks for my Commerce account email and password
    When I sign in to my Commerce account in the new tab
    Then the new tab shows the API Portal section of My Account

  @doc-step-3
  Scenario: Not signed in, a wrong password does not open the API Portal
    Given the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    And the new tab asks for my Commerce account email and password
    When I sign in to my Commerce account in the new tab with a wrong password
    Then the new tab says the sign-in was incorrect and shows no API Portal

  @doc-step-3
  Scenario: Not signed in, an email that has no account does not open the API Portal
    Given the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    And the new tab asks for my Commerce account email and password
    When I sign in to my Commerce account in the new tab with an email that has no account
    Then the new tab says the sign-in was incorrect and shows no API Portal

  @doc-step-3 @mock-only
  Scenario: Without a Commerce account, I register one and reach the API Portal
    Given the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    When I choose to create a Commerce account in the new tab
    And I register with a new email address and a valid password
    Then the new tab shows the API Portal section of My Account
    And the API Portal lists no keys

  @doc-step-3 @mock-only
  Scenario Outline: Registering with <mistake> is refused, saying what to fix, and keeps the form
    Given the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    When I choose to create a Commerce account in the new tab
    And I try to register with <mistake>
    Then the registration page says "<fix>" and keeps the form

    Examples:
      | mistake                            | fix                                    |
      | a password without a digit         | at least one letter and one digit      |
      | a confirmation that does not match | the same password in both              |
      | the email of an existing account   | There is already an account            |

  @doc-step-3 @mock-only
  Scenario: A password exactly as long as the registration page asks for is accepted
    Given the Amazon Sales Channel prompt is open
    When I click "Sign in" on the prompt
    Then the Commerce account opens in a new browser tab
    When I choose to create a Commerce account in the new tab
    And I register with a new email address and a password exactly as long as the page asks for
    Then the new account is signed in
    And the new tab shows the API Portal section of My Account

  @doc-step-3
  Scenario: Signed in to the Commerce account, the page the doc links for registering shows My Account
    Given I am signed in to my Commerce account
    When I open the Commerce account page the doc links for registering
    Then the Commerce account shows My Account, not its login
