"""The network guard's address rules (the live tests are in test_live.py)."""

from __future__ import annotations

import pytest

from catalog.linkcheck.errors import BlockedAddressError
from catalog.linkcheck.guard import NetworkGuard, parse_networks


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "224.0.0.1",
        "0.0.0.0",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:8.8.8.8",
        "::",
    ],
)
def test_refused_by_default(address: str) -> None:
    with pytest.raises(BlockedAddressError, match="--allow-network"):
        NetworkGuard().check("example.test", address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"])
def test_public_addresses_pass(address: str) -> None:
    NetworkGuard().check("example.test", address)


def test_allow_opens_only_the_given_range() -> None:
    guard = NetworkGuard.from_strings(["127.0.0.2/32"])
    guard.check("a", "127.0.0.2")
    with pytest.raises(BlockedAddressError):
        guard.check("a", "127.0.0.3")


def test_bad_cidr_names_the_value() -> None:
    with pytest.raises(ValueError, match="'nope' is not an IP network"):
        parse_networks(["nope"])
