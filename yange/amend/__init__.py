"""Applying amendment notices: an agency's last version plus a notice's effects gives a derived version.

Pure: records in, a record and warnings out. Storage decides which base to use and stores the result.
"""

from yange.amend.apply import Derived, apply_effects, derive_version

__all__ = ["Derived", "apply_effects", "derive_version"]
