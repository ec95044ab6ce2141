"""Typed errors: every failure a person can act on is a `QuotewiseError` with a one-line message.

The CLI prints `str(err)` on one line and exits 2; the UI shows it as a notice. Nothing else
should reach a user.
"""

from __future__ import annotations


class QuotewiseError(Exception):
    """Base class for errors with a message a person can act on."""


class InputError(QuotewiseError):
    """Bad input from the user: a blank question, an unknown path, a malformed file."""


class IndexMissingError(QuotewiseError):
    """No index at the given location."""


class IndexIncompatibleError(QuotewiseError):
    """An index built with another model, dimension or format version, or a damaged one."""


class IndexLockedError(QuotewiseError):
    """Another ingest holds the index lock."""


class IndexDamagedError(IndexIncompatibleError):
    """An index file is missing, truncated or fails its checksum."""
