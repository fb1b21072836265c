"""Link-check settings that a catalog file may carry.

Two places: the top-level ``check:`` section (defaults and per-host limits) and a resource's own
``check:`` (skip it, with a reason; accept extra statuses; status codes only, without content
checks; or a reviewed content change, which ``catalog fix`` records for a ``drifted`` page).
The link checker reads them; the schema validates them like every other part of the file (see
:mod:`catalog.modelkit`).
"""

import dataclasses
from typing import Annotated

from catalog.modelkit import IsoDate, Limits, Model, model

HttpStatus = Annotated[int, Limits(ge=100, le=999)]


@model
class HostSettings(Model):
    """Limits for one host name, overriding the command-line defaults."""

    concurrency: Annotated[int, Limits(ge=1, le=256)] | None = None
    interval_ms: Annotated[int, Limits(ge=0, le=600_000)] | None = None
    accept: list[HttpStatus] = dataclasses.field(default_factory=list)


@model
class CheckSettings(Model):
    """The top-level ``check:`` section."""

    accept: list[HttpStatus] = dataclasses.field(default_factory=list)
    hosts: dict[str, HostSettings] = dataclasses.field(default_factory=dict)


@model
class Review(Model):
    """A content change the curator has looked at: when, and the page's new title. A later
    check that finds this title takes the page as the resource again."""

    date: IsoDate
    title: Annotated[str, Limits(min_length=1)]


@model
class ResourceCheck(Model):
    """A resource's own link-check overrides."""

    skip: bool = False
    reason: Annotated[str, Limits(min_length=1)] | None = None
    accept: list[HttpStatus] = dataclasses.field(default_factory=list)
    content: bool = True  # false: status codes only (no soft-404 or drift checks)
    review: Review | None = None

    def _check(self) -> None:
        if self.skip and not self.reason:
            raise ValueError("'skip: true' needs a 'reason' saying why the link is not checked")
