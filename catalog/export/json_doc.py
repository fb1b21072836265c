"""The catalog as one JSON document, in a stable, documented shape (``schema()`` describes it).

    {"version": 1, "topics": [...], "paths": [...], "resources": [...]}

Texts that may be translated are always objects keyed by language (``{"en": ..., "fa": ...}``),
so scripts never need to check for a plain string. Every resource field is present, ``null``
when unset; dates are ISO 8601. Each resource lists its ``companions`` and names the main entry
it belongs to (``companion_of``, derived), so a reader can group them. Per-resource link-check
settings (``check``) are left out: they steer ``catalog check``, they are not data about the
resource. Keys are sorted and the output is
indented, so the file diffs well and is byte-identical on re-run.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from catalog.export.sections import path_views
from catalog.vocab import KINDS, LEVELS, ROLES

if TYPE_CHECKING:
    from catalog.export.options import ExportOptions
    from catalog.models import Catalog

VERSION = 1
SCHEMA_ID = "https://github.com/transformers-catalog/catalog/export.schema.json"
EXCLUDED = frozenset({"check"})


def _texts(value: str | dict[str, str]) -> dict[str, str]:
    return {"en": value} if isinstance(value, str) else dict(value)


def document(catalog: Catalog, options: ExportOptions) -> dict[str, Any]:
    """The export as plain data (what :func:`render` serialises)."""
    from catalog.modelkit import to_json

    resources = []
    for resource in catalog.resources:
        item = {k: v for k, v in to_json(resource).items() if k not in EXCLUDED}
        item["description"] = _texts(resource.description)
        main = catalog.main_of(resource.id)
        item["companion_of"] = {"id": main[0].id, "role": main[1].role} if main else None
        resources.append(item)
    paths = []
    if options.paths:
        for view in path_views(catalog, catalog.resources, "en"):
            path = catalog.paths[view.id]
            kept = {s.resource.id for s in view.steps}
            paths.append(
                {
                    "id": view.id,
                    "title": _texts(path.title),
                    "description": None if path.description is None else _texts(path.description),
                    "requires": list(path.requires),
                    "steps": [
                        {"id": s.id, "note": _texts(s.note)} for s in path.steps if s.id in kept
                    ],
                }
            )
    topics = [
        {
            "id": topic_id,
            "title": _texts(t.title),
            "description": _texts(t.description),
            "aliases": list(t.aliases),
        }
        for topic_id, t in catalog.topics.items()
    ]
    return {"version": VERSION, "topics": topics, "paths": paths, "resources": resources}


def render(catalog: Catalog, options: ExportOptions) -> str:
    return (
        json.dumps(document(catalog, options), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    )


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of :func:`render`'s output."""
    string = {"type": "string", "minLength": 1}
    slug = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
    texts = {
        "type": "object",
        "description": "A text by ISO 639-1 language code; 'en' is always present.",
        "required": ["en"],
        "additionalProperties": string,
    }
    link = {
        "type": "object",
        "required": ["id", "role"],
        "additionalProperties": False,
        "properties": {"id": slug, "role": {"enum": list(ROLES)}},
    }
    resource_properties: dict[str, Any] = {
        "id": slug,
        "title": string,
        "url": {"type": "string", "format": "uri", "pattern": "^https?://"},
        "kind": {"enum": list(KINDS)},
        "topics": {"type": "array", "items": slug, "minItems": 1},
        "authors": {"type": "array", "items": string, "minItems": 1},
        "year": {"type": "integer"},
        "level": {"enum": list(LEVELS)},
        "language": {"type": "string", "pattern": "^[a-z]{2}$"},
        "description": texts,
        "tags": {"type": "array", "items": slug},
        "duration": _nullable({"type": "string"}),
        "isbn": _nullable({"type": "string"}),
        "doi": _nullable({"type": "string"}),
        "arxiv": _nullable({"type": "string"}),
        "free": _nullable({"type": "boolean"}),
        "added": _nullable({"type": "string", "format": "date"}),
        "archived_url": _nullable({"type": "string", "pattern": "^https?://"}),
        "companions": {"type": "array", "items": link},
        "companion_of": _nullable(link),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "catalog export --format json",
        "type": "object",
        "required": ["version", "topics", "paths", "resources"],
        "additionalProperties": False,
        "properties": {
            "version": {"const": VERSION},
            "topics": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "description", "aliases"],
                    "additionalProperties": False,
                    "properties": {
                        "id": slug,
                        "title": texts,
                        "description": texts,
                        "aliases": {"type": "array", "items": slug},
                    },
                },
            },
            "paths": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "title", "description", "requires", "steps"],
                    "additionalProperties": False,
                    "properties": {
                        "id": slug,
                        "title": texts,
                        "description": _nullable(texts),
                        "requires": {"type": "array", "items": slug},
                        "steps": {
                            "type": "array",
                            "minItems": 1,
                            "items": {
                                "type": "object",
                                "required": ["id", "note"],
                                "additionalProperties": False,
                                "properties": {"id": slug, "note": texts},
                            },
                        },
                    },
                },
            },
            "resources": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": sorted(resource_properties),
                    "additionalProperties": False,
                    "properties": resource_properties,
                },
            },
        },
    }
