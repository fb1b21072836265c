"""A resource is modelled once: every part of the package reads the same Resource objects."""

from __future__ import annotations

import ast
import dataclasses
import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import catalog
from catalog import Catalog, Resource, load
from catalog.export import ExportOptions, Format, render
from catalog.index import load_index

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "export" / "fixtures" / "catalog.yaml"
PACKAGE = Path(catalog.__file__).resolve().parent


def _package_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages([str(PACKAGE)], "catalog."))


def _declared_names(cls: type) -> set[str]:
    """What a class (and its bases in the package) says its instances have: annotations,
    properties and slots."""
    names: set[str] = set()
    for base in cls.__mro__:
        if not base.__module__.startswith("catalog."):
            continue
        names |= set(inspect.get_annotations(base))
        names |= {n for n, v in vars(base).items() if isinstance(v, property)}
        slots = vars(base).get("__slots__", ())
        names |= {slots} if isinstance(slots, str) else set(slots)
    return names


def test_no_class_restates_the_fields_of_a_resource() -> None:
    """index.Entry, export.indexed.IndexedResource, search.Filterable and export.view's
    ResourceLike each restated the fields of a resource. A class that knows a resource by its
    id or its topics and declares five of its fields is such a copy (records of other things,
    such as an imported Markdown line or a web page's metadata, share a few names only)."""
    fields = set(inspect.get_annotations(Resource))
    restating = []
    for name in _package_modules():
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name or cls is Resource:
                continue
            shared = _declared_names(cls) & fields
            if len(shared) >= 5 and shared & {"id", "topics"}:
                restating.append(f"{name}.{cls.__qualname__}: {sorted(shared)}")
    assert restating == []


def test_the_topic_alias_map_is_built_in_one_place() -> None:
    """It was built three times (rules, models, index): loops that file each alias under its
    topic. Now catalog.models.topic_names is the one, and the others call it."""
    builders = []
    for name in _package_modules():
        source = inspect.getsource(importlib.import_module(name))
        for node in ast.walk(ast.parse(source)):
            if (
                isinstance(node, ast.For)
                and isinstance(node.target, ast.Name)
                and node.target.id == "alias"
                and any(
                    isinstance(t, ast.Subscript)
                    for stmt in node.body
                    if isinstance(stmt, ast.Assign)
                    for t in stmt.targets
                )
            ):
                builders.append(f"{name}:{node.lineno}")
    assert len(builders) == 1, builders
    assert builders[0].startswith("catalog.models:")


def test_the_index_holds_the_validated_resources(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CATALOG_CACHE_DIR", str(tmp_path / "cache"))
    loaded = load(FIXTURE)
    built = load_index(FIXTURE)  # validates and writes the cache
    served = load_index(FIXTURE)  # reads it back
    for index in (built, served):
        assert isinstance(index.catalog, Catalog)
        assert all(type(r) is Resource for r in index.catalog.resources)
        assert index.catalog == loaded
        assert index.catalog.source == str(FIXTURE)
        assert [index.catalog.line_of(r.id) for r in loaded.resources] == [
            loaded.line_of(r.id) for r in loaded.resources
        ]
        assert index.catalog.warnings == loaded.warnings
    with pytest.raises(dataclasses.FrozenInstanceError):
        served.catalog.resources[0].title = "x"  # type: ignore[misc]


def _imported(importtime: str) -> set[str]:
    """The modules named by ``python -X importtime`` output."""
    return {line.rsplit("|", 1)[-1].strip() for line in importtime.splitlines() if "|" in line}


@pytest.mark.parametrize("format", list(Format))
def test_every_export_reads_the_index_cache_without_validating(
    tmp_path: Path, format: Format, typer_imports: frozenset[str]
) -> None:
    """Markdown used to read the index and the other formats the validated catalog. Now every
    format renders the cached catalog: a warm run reads no YAML and, for its own part, never
    imports Pydantic (Typer 0.29 and later import it to parse options), and prints exactly
    what rendering the validated catalog gives."""
    env = {**os.environ, "CATALOG_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    argv = [sys.executable, "-X", "importtime", "-m", "catalog", "export", "-c", str(FIXTURE)]
    argv += ["--format", format.value, "--lang", "fa"]
    first = subprocess.run(argv, env=env, capture_output=True, timeout=60)
    warm = subprocess.run(argv, env=env, capture_output=True, timeout=60)
    assert first.returncode == warm.returncode == 0, warm.stderr
    assert {"pydantic", "catalog.yamldoc"} <= _imported(first.stderr.decode())  # it validates
    warm_imports = _imported(warm.stderr.decode())
    assert "catalog.yamldoc" not in warm_imports
    assert "pydantic" not in warm_imports - typer_imports
    expected = render(load(FIXTURE), format, ExportOptions(lang="fa")).encode()
    assert first.stdout == warm.stdout == expected


def test_a_warm_search_imports_only_what_a_search_needs(
    tmp_path: Path, typer_imports: frozenset[str]
) -> None:
    env = {**os.environ, "CATALOG_CACHE_DIR": str(tmp_path / "cache"), "NO_COLOR": "1"}
    argv = [sys.executable, "-X", "importtime", "-m", "catalog", "search", "attention"]
    argv += ["-c", str(FIXTURE)]
    subprocess.run(argv, env=env, capture_output=True, timeout=60, check=True)
    warm = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60)
    assert warm.returncode == 0
    imported = _imported(warm.stderr)
    assert "catalog.index" in imported
    ours = imported - typer_imports  # Typer 0.29 on imports Pydantic to parse the options
    heavy = {"pydantic", "pydantic_core", "yaml", "yaml_rs", "ruamel", "httpx", "aiohttp"}
    assert ours & (heavy | {"catalog.yamldoc"}) == set()
