"""The network guard: which IP addresses the checker may connect to (SSRF protection).

A catalog URL comes from a pull request, so it may point at an internal address. By default the
guard refuses loopback, private, link-local, CGNAT, multicast, unspecified, reserved and
IPv4-mapped addresses; ``allow`` opens given ranges (tests use ``127.0.0.0/8``).

The check runs where the connection is made, on every resolved address of every hop
(:mod:`catalog.linkcheck.transport` wires it into the resolver and the socket factory), so a DNS
name that resolves to a public address once and to an internal one later (DNS rebinding) is still
refused.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalog.linkcheck.errors import BlockedAddressError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_CGNAT = ipaddress.ip_network("100.64.0.0/10")


def parse_networks(values: Iterable[str]) -> tuple[IPNetwork, ...]:
    """Parse CIDR strings (``127.0.0.0/8``, ``::1``); raises ValueError naming the bad one."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(value.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"'{value}' is not an IP network; use CIDR notation such as 127.0.0.0/8"
            ) from None
    return tuple(networks)


def refusal_reason(ip: IPAddress) -> str | None:
    """Why ``ip`` is refused by default, or None for a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return "an IPv4-mapped"
    checks = (
        (ip.is_loopback, "a loopback"),
        (ip.is_link_local, "a link-local"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT, "a CGNAT (100.64.0.0/10)"),
        (ip.is_multicast, "a multicast"),
        (ip.is_unspecified, "an unspecified"),
        (ip.is_private, "a private"),
        (ip.is_reserved, "a reserved"),
        (not ip.is_global, "a non-global"),
    )
    for hit, reason in checks:
        if hit:
            return reason
    return None


@dataclass(frozen=True)
class NetworkGuard:
    """Decides whether an address may be contacted."""

    allow: tuple[IPNetwork, ...] = field(default=())

    @classmethod
    def from_strings(cls, allow: Iterable[str]) -> NetworkGuard:
        return cls(parse_networks(allow))

    def check(self, host: str, address: str) -> None:
        """Raise :class:`BlockedAddressError` unless ``address`` may be contacted."""
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            raise BlockedAddressError(host, address, "an unparsable") from None
        if any(ip.version == net.version and ip in net for net in self.allow):
            return
        reason = refusal_reason(ip)
        if reason is not None:
            raise BlockedAddressError(host, address, reason)
