"""The one error this package raises: the text is not YAML the catalog accepts.

It lives with the rest of the family in :mod:`catalog.errors`; this module re-exports it.
"""

from __future__ import annotations

from catalog.errors import YamlError as YamlError

__all__ = ["YamlError"]
