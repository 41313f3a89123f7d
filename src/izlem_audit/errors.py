"""Errors a user can fix: bad input, bad usage. The CLI prints them as one line and exits with code 2."""

from __future__ import annotations

from .messages import t


class UserError(Exception):
    """An error with a translatable one-line message (``key`` into messages.MESSAGES)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "tr") -> str:
        return t(self.key, lang, **self.params)
