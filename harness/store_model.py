"""What a scenario knows the target holds, and so what Amazon Sales Channel must show on the next visit.

The doc's rule: a missing, unknown, expired or revoked key brings the prompt; a valid key goes on; the key is
checked on every access. Steps tell the model what they did (a key saved, revoked, time passed, the key
service broken); the channel's expected answer is derived from it, never assigned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BAD_KEY_STATES = ("missing", "unknown", "expired", "revoked")
VALID, UNVERIFIED = "valid", "unverified"
ACTIVE = "active"


@dataclass
class StoreModel:
    known: bool = False  # does the scenario know what the store configuration holds?
    saved_key: str | None = None  # the Production API key saved there (None: no key)
    account_keys: dict[str, str] = field(default_factory=dict, repr=False)  # key -> active / expired / revoked
    seconds_left: dict[str, float] = field(default_factory=dict, repr=False)  # key -> lifetime left
    key_service_fault: str | None = None  # "down", "slow", "error": the check cannot answer

    def key_saved(self, key: str | None) -> None:
        self.known, self.saved_key = True, key or None

    def account_made(self, key: str, status: str = ACTIVE, expires_in: float | None = None) -> None:
        self.account_keys[key] = status
        if expires_in is not None:
            self.seconds_left[key] = expires_in

    def revoked(self, key: str) -> None:
        self.account_keys[key] = "revoked"

    def time_passes(self, seconds: float) -> None:
        for key, left in list(self.seconds_left.items()):
            self.seconds_left[key] = left - seconds
            if left - seconds <= 0 and self.account_keys.get(key) == ACTIVE:
                self.account_keys[key] = "expired"

    def key_service_breaks(self, fault: str) -> None:
        self.key_service_fault = fault

    def status(self, key: str) -> str | None:
        return self.account_keys.get(key)

    @property
    def channel_should_show(self) -> str | None:
        """A reason of ``BAD_KEY_STATES``, ``VALID``, ``UNVERIFIED``, or None when the scenario cannot know."""
        if not self.known:
            return None
        if self.saved_key is None:
            return "missing"  # a missing key is not sent to the key service
        if self.key_service_fault:
            return UNVERIFIED
        status = self.account_keys.get(self.saved_key)
        if status is None:
            return "unknown"
        return VALID if status == ACTIVE else status
