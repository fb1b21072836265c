"""One exception family: every error the package defines derives from CatalogError, each
concern's errors are importable from where they used to be, and the tree in the docstring of
catalog.errors names every class."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import catalog
import catalog.errors
from catalog.errors import CatalogError

# Internal signals, caught inside the package and turned into problems or results.
INTERNAL = {"catalog.linkcheck.fetch.Failure"}


def _defined_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(catalog.__path__, "catalog."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == info.name
            ):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_error_of_the_package_derives_from_catalog_error() -> None:
    defined = _defined_exceptions()
    assert set(INTERNAL) <= set(defined)
    outside = [name for name, cls in defined.items() if not issubclass(cls, CatalogError)]
    assert sorted(outside) == sorted(INTERNAL)


def test_the_family_lives_in_one_module_and_its_docstring_draws_it() -> None:
    defined = _defined_exceptions()
    family = {name for name in defined if name not in INTERNAL}
    assert all(name.startswith("catalog.errors.") for name in family), family
    doc = catalog.errors.__doc__ or ""
    for name in family:
        assert f" {name.rsplit('.', 1)[1]} " in doc, name


def test_there_is_one_fetch_error_wherever_it_is_imported_from() -> None:
    from catalog.curate import FetchError as from_curate
    from catalog.curate.errors import FetchError as from_curate_errors
    from catalog.linkcheck import FetchError as from_linkcheck
    from catalog.linkcheck.errors import FetchError as from_linkcheck_errors

    assert (
        from_curate
        is from_curate_errors
        is from_linkcheck
        is from_linkcheck_errors
        is catalog.errors.FetchError
    )


def test_old_import_paths_still_work() -> None:
    from catalog import CatalogReadError, CatalogValidationError
    from catalog.changes import ChangesError
    from catalog.curate import CurateError, EditRejected, UnreadableInput
    from catalog.export import ExportError, MarkersError, OutputError
    from catalog.linkcheck import BlockedAddressError, LinkCheckError, ShardError
    from catalog.report import DecisionError, ReportError
    from catalog.search import UnknownTopicError

    for cls in (
        CatalogReadError,
        CatalogValidationError,
        ChangesError,
        CurateError,
        EditRejected,
        UnreadableInput,
        ExportError,
        MarkersError,
        OutputError,
        BlockedAddressError,
        LinkCheckError,
        ShardError,
        DecisionError,
        ReportError,
        UnknownTopicError,
    ):
        assert getattr(catalog.errors, cls.__name__) is cls
        assert issubclass(cls, CatalogError)
    # Those that were ValueErrors still are, for callers that catch them as such.
    assert issubclass(ShardError, ValueError)
    assert issubclass(DecisionError, ValueError)
    assert issubclass(UnknownTopicError, ValueError)


def test_messages_are_kept() -> None:
    from catalog.errors import FetchError, HttpStatusError, OutputError, UnknownTopicError

    assert str(HttpStatusError("https://e.org/x", 404, status="broken")) == (
        "https://e.org/x: HTTP 404"
    )
    assert str(FetchError("https://e.org/x", "timed out")) == "https://e.org/x: timed out"
    assert str(UnknownTopicError("atention", "did you mean 'attention'?")) == (
        "unknown topic 'atention' (did you mean 'attention'?)"
    )
    error = OutputError("out.md", "Permission denied", "check the folder")
    assert str(error) == "cannot write out.md: Permission denied (check the folder)"
    assert (str(error.path), error.reason, error.hint) == (
        "out.md",
        "Permission denied",
        "check the folder",
    )
