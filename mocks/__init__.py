"""Bundled mock Commerce Admin and Commerce account portal.

Two small Flask apps that behave like the parts of Adobe Commerce the
"Add or verify the Amazon API key" flow touches:

* ``mocks.admin``  - the Commerce Admin: login, menu, Amazon Sales Channel
  (the key prompt and its re-check), Stores > Configuration (the Api Keys).
* ``mocks.portal`` - the Commerce account site: login, registration, the
  API Portal (Add New / Copy / Revoke) and the key-check gateway.

``mocks.servers.start_mocks()`` runs both on loopback for the test fixtures;
``commerce-mocks serve`` runs them for a person.
"""

from mocks.servers import MockServers, start_mocks

__all__ = ["MockServers", "start_mocks"]
