"""Errors raised by the exporters. Only the CLI prints or exits::

ExportError                 any export that cannot be produced or written
├── MarkersError            the file to inject into lacks sound catalog markers
└── OutputError             the output file cannot be written (nothing is left behind)
"""

from __future__ import annotations


class ExportError(Exception):
    """Base class for export failures; ``str()`` is one line that says what and how to fix."""


class MarkersError(ExportError):
    """The markers are missing, repeated or out of order; the file was not touched."""


class OutputError(ExportError):
    """The output file could not be written; any partial temporary file was removed."""
