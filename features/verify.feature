Feature: Verify the stored Amazon API key, changing nothing
  The doc's "verify" half, for a store in production: sign in to the Commerce
  Admin, open Marketing > Channels > Amazon Sales Channel from the menu and read
  its answer. A valid key goes on to store integration; a missing, invalid,
  expired or revoked key brings the prompt. Nothing on the store changes: the
  only form the scenario submits is the login.

  @verify @doc-rule @doc-step-1 @doc-step-2
  Scenario: The store's Amazon API key is still accepted
    Given the store's Commerce Admin answers
    And the Commerce Admin login page is open
    When I sign in with the admin user name and password
    Then the store's Commerce Admin lets me in
    When I go to Marketing > Channels > Amazon Sales Channel
    Then the channel accepts the stored key and goes on to store integration
