"""Link-check settings that a catalog file may carry.

Two places: the top-level ``check:`` section (defaults and per-host limits) and a resource's own
``check:`` (skip it, with a reason, or accept extra statuses). The link checker reads them; the
schema validates them like every other part of the file.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

HttpStatus = Annotated[int, Field(ge=100, le=999)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, strict=True, extra="forbid")


class HostSettings(_Model):
    """Limits for one host name, overriding the command-line defaults."""

    concurrency: Annotated[int, Field(ge=1, le=256)] | None = None
    interval_ms: Annotated[int, Field(ge=0, le=600_000)] | None = None
    accept: list[HttpStatus] = Field(default_factory=list)


class CheckSettings(_Model):
    """The top-level ``check:`` section."""

    accept: list[HttpStatus] = Field(default_factory=list)
    hosts: dict[str, HostSettings] = Field(default_factory=dict)


class ResourceCheck(_Model):
    """A resource's own link-check overrides."""

    skip: bool = False
    reason: Annotated[str, Field(min_length=1)] | None = None
    accept: list[HttpStatus] = Field(default_factory=list)

    @model_validator(mode="after")
    def _skip_needs_reason(self) -> ResourceCheck:
        if self.skip and not self.reason:
            raise ValueError("'skip: true' needs a 'reason' saying why the link is not checked")
        return self
