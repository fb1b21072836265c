"""The canonical order of a catalog file, read from the models.

* the root's sections in the order the :class:`~catalog.models.Catalog` declares them, with
  ``resources`` (the long list) last;
* the keys of every entry in the order its model declares its fields (``catalog schema``),
  unknown keys after them as found;
* a translated text (a mapping of language codes to text) with ``en`` first, then the other
  languages alphabetically;
* mappings keyed by ids (topics, paths, hosts) and lists in the curator's order, unless
  ``fmt --sort`` orders the resources.

:func:`catalog_shape` gives this as a :class:`~catalog.yamldoc.layout.Shape` for the layout, and
:func:`resource_fields` the order ``add`` and ``import`` write a new entry in.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any

from catalog.yamldoc import Document

ItemOrder = Callable[[Document, list[int]], list[int]]


class Shape:
    """Any value: keys and items stay as they are."""

    def child(self, key: str | int) -> Shape:
        del key
        return ANY

    def order(self, keys: list[str]) -> list[str]:
        return keys

    def order_items(self, doc: Document, items: list[int]) -> list[int]:
        del doc
        return items


ANY = Shape()


class _Model(Shape):
    """A mapping whose keys are a model's fields."""

    def __init__(self, cls: type[Any], last: tuple[str, ...] = ()) -> None:
        self.cls = cls
        self.last = last

    @functools.cached_property
    def fields(self) -> dict[str, Any]:
        hints = typing.get_type_hints(self.cls, include_extras=True)
        return {f.name: hints[f.name] for f in dataclasses.fields(self.cls)}

    @functools.cached_property
    def rank(self) -> dict[str, int]:
        names = [n for n in self.fields if n not in self.last] + list(self.last)
        return {name: position for position, name in enumerate(names)}

    @functools.cached_property
    def children(self) -> dict[str, Shape]:
        return {name: shape_of(hint) for name, hint in self.fields.items()}

    def child(self, key: str | int) -> Shape:
        return self.children.get(key, ANY) if isinstance(key, str) else ANY

    def order(self, keys: list[str]) -> list[str]:
        unknown = len(self.rank)
        return sorted(keys, key=lambda k: self.rank.get(k, unknown))  # stable: unknown keep order


class _Translated(Shape):
    """Language code -> text: ``en`` first, then the others alphabetically."""

    def order(self, keys: list[str]) -> list[str]:
        return sorted(keys, key=lambda k: (k != "en", k))


class _Values(Shape):
    """A mapping or list whose values share one shape; keys and items keep their order."""

    def __init__(self, value: Shape, items: ItemOrder | None = None) -> None:
        self.value = value
        self.items = items

    def child(self, key: str | int) -> Shape:
        del key
        return self.value

    def order_items(self, doc: Document, items: list[int]) -> list[int]:
        return self.items(doc, items) if self.items else items


@functools.cache
def shape_of(hint: Any) -> Shape:
    """The shape of a value of the type ``hint`` (a model field's annotation)."""
    from catalog.modelkit import Model

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return shape_of(args[0])
    if origin in (typing.Union, types.UnionType):
        branches = [a for a in _branches(hint) if a is not type(None)]
        texts = [a for a in branches if _base(a) is str]
        mappings = [a for a in branches if typing.get_origin(_base(a)) is dict or _is_model(a)]
        if texts and mappings and typing.get_origin(_base(mappings[0])) is dict:
            return _TRANSLATED
        chosen = mappings or [a for a in branches if typing.get_origin(_base(a)) is list]
        return shape_of(chosen[0]) if chosen else ANY
    if isinstance(hint, type) and issubclass(hint, Model):
        return _Model(hint)
    if origin in (dict, list):
        return _Values(shape_of(args[-1]))
    return ANY


def _branches(hint: Any) -> list[Any]:
    """The members of a union, nested unions and ``Annotated`` wrappers unfolded."""
    hint = _base(hint)
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return [b for arg in typing.get_args(hint) for b in _branches(arg)]
    return [hint]


def _base(hint: Any) -> Any:
    while typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    return hint


def _is_model(hint: Any) -> bool:
    from catalog.modelkit import Model

    base = _base(hint)
    return isinstance(base, type) and issubclass(base, Model)


_TRANSLATED = _Translated()


class _Catalog(_Model):
    def __init__(self, resources: ItemOrder | None) -> None:
        from catalog.models import Catalog

        super().__init__(Catalog, last=("resources",))
        self.resources = resources

    def child(self, key: str | int) -> Shape:
        shape = super().child(key)
        if key == "resources" and self.resources and isinstance(shape, _Values):
            return _Values(shape.value, self.resources)
        return shape


def catalog_shape(resources: ItemOrder | None = None) -> Shape:
    """The canonical shape of a catalog file; ``resources`` orders the resource list."""
    return _Catalog(resources)


def resource_fields() -> list[str]:
    """The keys of a resource in canonical order."""
    from catalog.models import Resource

    return list(_Model(Resource).rank)


def field_order(model: type[Any]) -> list[str]:
    """The keys of a model's mapping in canonical order."""
    return list(_Model(model).rank)
