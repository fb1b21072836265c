"""The exporters' part of the error family, drawn in full in :mod:`catalog.errors`::

ExportError                 an export that cannot be produced
└── MarkersError            the file to inject into lacks sound catalog markers

OutputError                 the output file cannot be written (raised by catalog.files, which
                            every output goes through; nothing is left behind)
"""

from __future__ import annotations

from catalog.errors import ExportError, MarkersError, OutputError

__all__ = ["ExportError", "MarkersError", "OutputError"]
