"""The JSON Schema of a catalog file, for editors (yaml-language-server) and other tools."""

from __future__ import annotations

from typing import Any

SCHEMA_ID = "https://github.com/transformers-catalog/catalog/blob/main/catalog.schema.json"


def catalog_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of ``resources.yaml``, generated from the models."""
    from catalog.modelkit import adapter
    from catalog.models import Catalog

    schema = adapter(Catalog).json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "Catalog of learning resources",
        "description": "resources.yaml: topics, learning paths, resources and link-check settings.",
    }
