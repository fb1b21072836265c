"""What the models are made of: frozen dataclasses that Pydantic validates, without importing it.

The models (:mod:`catalog.models`, :mod:`catalog.settings`) are plain frozen dataclasses, so that
a query served from the index cache builds them without loading Pydantic (its import alone costs
about a third of ``catalog search``'s time budget; figures in ``bench/README.md``). Pydantic
validates the same classes when a catalog is loaded. It reads the rules through its documented
hook, ``__get_pydantic_core_schema__``, on:

* :class:`Model`, the base class: strict values (``yes`` is not ``True``), no unknown keys, and
  whole-object rules (:meth:`Model._check`);
* :class:`Limits`, :class:`After` and :class:`Before`, in ``Annotated`` field types: lengths,
  patterns, bounds, and field validators that raise ``ValueError`` with a message for the user;
* :data:`IsoDate`: a date, written in the file as ``2024-02-08`` (YAML 1.2 reads that as text).

:func:`to_json` and :func:`from_json` turn a model into JSON data and back, without validation:
the index cache stores what :func:`validate` accepted once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

if sys.version_info >= (3, 11):
    from typing import dataclass_transform
else:  # Python 3.10
    from typing_extensions import dataclass_transform

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

M = TypeVar("M", bound="Model")
_Spec = tuple[tuple[str, Any, Any], ...]  # (name, default, default factory) of each field


class Model:
    """Base of every model class (declared with :func:`model`): a frozen dataclass, validated
    strictly by Pydantic.

    Its ``__init__`` (keyword arguments only), ``==``, ``hash``, ``repr`` and immutability
    behave as those that ``@dataclass(frozen=True, kw_only=True)`` generates, but are written
    once here: on Python 3.11, dataclasses compiles six functions for every class it makes, and
    that took a sixth of a cached search's own time (bench/README.md, "Catalog core")."""

    __slots__ = ()
    # Read by Pydantic (its ConfigDict, as a plain dict so that this module does not import it).
    __pydantic_config__: ClassVar[dict[str, Any]] = {"strict": True, "extra": "forbid"}
    _spec: ClassVar[_Spec] = ()  # set by @model

    def __init__(self, **values: Any) -> None:
        state = {}
        missing = []
        for name, default, factory in self._spec:
            if name in values:
                state[name] = values.pop(name)
            elif default is not dataclasses.MISSING:
                state[name] = default
            elif factory is not dataclasses.MISSING:
                state[name] = factory()
            else:
                missing.append(name)
        where = f"{type(self).__qualname__}.__init__()"
        if missing:
            names = ", ".join(f"'{name}'" for name in missing)
            raise TypeError(f"{where} missing required keyword arguments: {names}")
        if values:
            raise TypeError(f"{where} got an unexpected keyword argument '{next(iter(values))}'")
        object.__setattr__(self, "__dict__", state)

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name, _, _ in self._spec)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name, _, _ in self._spec)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field '{name}'")

    def _check(self) -> None:
        """Rules about the whole object; raise ValueError with a message for the user."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        schema = handler(source)
        # Strict mode would take only instances of the class; a catalog arrives as mappings.
        # Every field stays strict (the config above).
        cast("dict[str, Any]", handler.resolve_ref_schema(schema))["strict"] = False
        if cls._check is Model._check:
            return schema

        def check(value: Any) -> Any:
            value._check()
            return value

        return core_schema.no_info_after_validator_function(check, schema)


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,)
)
def model(cls: type[M]) -> type[M]:
    """Declare a model class, a subclass of :class:`Model`: its annotated attributes become
    dataclass fields (what Pydantic validates and :func:`dataclasses.fields` lists), and
    :class:`Model` supplies the rest."""
    made = dataclasses.dataclass(cls, kw_only=True, init=False, repr=False, eq=False)
    made._spec = tuple(
        (f.name, f.default, f.default_factory)
        for f in dataclasses.fields(made)  # type: ignore[arg-type]
    )
    return made


# Limits, After and Before are plain classes rather than NamedTuples or dataclasses: a cached
# search defines them, and a NamedTuple takes ten times as long to define (bench/README.md).


class Limits:
    """Constraints for ``Annotated`` types: ``Annotated[str, Limits(min_length=1)]``."""

    __slots__ = ("constraints",)

    def __init__(
        self,
        *,
        min_length: int | None = None,
        max_length: int | None = None,
        pattern: str | None = None,
        ge: int | None = None,
        le: int | None = None,
    ) -> None:
        given = {
            "min_length": min_length,
            "max_length": max_length,
            "pattern": pattern,
            "ge": ge,
            "le": le,
        }
        self.constraints = {key: value for key, value in given.items() if value is not None}

    def __repr__(self) -> str:
        shown = ", ".join(f"{key}={value!r}" for key, value in self.constraints.items())
        return f"Limits({shown})"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return {**handler(source), **self.constraints}


class After:
    """A field validator for ``Annotated`` types: ``check`` returns the value or raises
    ValueError, whose message Pydantic reports at the field."""

    __slots__ = ("check",)

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(self.check, handler(source))


class Before:
    """A field validator that runs before the type's own: ``check`` turns the value written in
    the file into the field's type (or returns it unchanged), or raises ValueError."""

    __slots__ = ("check",)

    def __init__(self, check: Callable[[Any], Any]) -> None:
        self.check = check

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema

        return core_schema.no_info_before_validator_function(self.check, handler(source))


def _iso_date(value: Any) -> Any:
    """``2024-02-08`` (text, as YAML 1.2 reads it) -> a date; other values are left to the
    strict date check."""
    import re

    if not isinstance(value, str):
        return value
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a date of the calendar") from None
    raise ValueError(f"expected a date such as 2024-01-31, got text '{value}'")


# A date; the file writes it as YYYY-MM-DD.
IsoDate = typing.Annotated[dt.date, Before(_iso_date)]

_ADAPTERS: dict[type[Model], Any] = {}


def adapter(cls: type[M]) -> TypeAdapter[M]:
    """The Pydantic validator of a model class (built once per process)."""
    found: TypeAdapter[M] | None = _ADAPTERS.get(cls)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[cls] = TypeAdapter(cls)
    return found


def validate(cls: type[M], data: Any) -> M:
    """An instance of ``cls`` from plain data; raises ``pydantic.ValidationError``."""
    return adapter(cls).validate_python(data)


def field_names(cls: type[Model]) -> list[str]:
    """The fields of a model class, in declaration order (the order of keys in the file)."""
    return [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]


def to_json(value: Any) -> Any:
    """A model (or a value inside one) as JSON data: mappings, lists, text, numbers, null."""
    if isinstance(value, Model):
        return {name: to_json(getattr(value, name)) for name in field_names(type(value))}
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def from_json(cls: type[M], data: dict[str, Any]) -> M:
    """The inverse of :func:`to_json`, for data it produced: no validation, no ``__init__``
    (as Pydantic's ``model_construct``), so that the index cache loads 10,000 resources in
    milliseconds. Raises ``TypeError`` when the keys are not the class's fields."""
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _plan(cls)
    names, decoders = plan
    values = dict(data)
    if values.keys() != names:
        raise TypeError(f"{cls.__name__} needs the fields {sorted(names)}, got {sorted(values)}")
    for name, decode in decoders:
        values[name] = decode(values[name])
    instance = object.__new__(cls)
    object.__setattr__(instance, "__dict__", values)  # a frozen dataclass's own way round
    return instance


Decoder = Callable[[Any], Any]
Plan = tuple[frozenset[str], tuple[tuple[str, Decoder], ...]]
_PLANS: dict[type[Any], Plan] = {}


def _plan(cls: type[Model]) -> Plan:
    """The fields of ``cls``, and those whose JSON form differs from their value with their
    decoders."""
    types = _field_types(cls)
    found = ((name, _decoder(hint)) for name, hint in types.items())
    return frozenset(types), tuple((n, decode) for n, decode in found if decode is not None)


def _field_types(cls: type[Model]) -> dict[str, Any]:
    """The declared type of each field of ``cls``. The model modules do not postpone their
    annotations, so the types are there already; text annotations are resolved as
    :func:`typing.get_type_hints` does, at a cost of a compile each."""
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    if any(isinstance(f.type, str) for f in fields):
        hints = typing.get_type_hints(cls, include_extras=True)
        return {f.name: hints[f.name] for f in fields}
    return {f.name: f.type for f in fields}


def _decoder(hint: Any) -> Decoder | None:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return _decoder(args[0])
    if isinstance(hint, type) and issubclass(hint, Model):
        model: type[Model] = hint
        return lambda value: from_json(model, value)
    if hint is dt.date:
        return dt.date.fromisoformat
    if origin in (typing.Union, types.UnionType):
        inner = [d for d in map(_decoder, args) if d is not None]
        if not inner:
            return None
        if len(inner) > 1:
            raise TypeError(f"cannot tell how to read {hint} from JSON")
        only = inner[0]
        # A text-or-mapping union has no decoder; a nullable model or date does.
        return lambda value: None if value is None else only(value)
    if origin is list:
        item = _decoder(args[0])
        return None if item is None else (lambda value: [item(v) for v in value])
    if origin is dict:
        entry = _decoder(args[1])
        return None if entry is None else (lambda value: {k: entry(v) for k, v in value.items()})
    return None
