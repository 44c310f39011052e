"""Which hosts and addresses a web source may reach.

By default a source reaches its own registrable domain (www.fujian.gov.cn may redirect to
fujian.gov.cn or link to zfxxgk.fujian.gov.cn) plus the hosts configured in `allowed_hosts`, and
never a loopback, link-local, private or otherwise non-public address (a cloud metadata endpoint,
the ingest machine's own services), checked on the address a name resolves to, at connect time,
for every redirect and every link. `allowed_networks` lists the non-public networks a source may
reach nonetheless (127.0.0.1/32 for tests, 10.0.0.0/8 for an intranet mirror).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

import httpx

ANY_HOST = "*"
# Second-level labels under a country code that are public suffixes themselves (gov.cn, com.cn,
# co.uk, ...): the registrable domain is then one label longer. A short stand-in for the Public
# Suffix List, which is not a dependency; it only ever makes the default rule stricter.
_SHARED_SECOND_LEVEL = frozenset({"gov", "com", "net", "org", "edu", "ac", "mil", "co", "or", "ne", "go"})


def host_of(url: str | httpx.URL) -> str:
    """The URL's host, IDNA-encoded, lower case, without a trailing dot."""
    return httpx.URL(url).raw_host.decode("ascii").lower().rstrip(".")


def registrable_domain(host: str) -> str:
    """fujian.gov.cn for www.fujian.gov.cn, example.org for a.b.example.org; an IP address is itself."""
    if _is_ip(host):
        return host
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SHARED_SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


@dataclass(frozen=True)
class HostRule:
    """The domains one source may reach; a host matches a domain it equals or ends with."""

    domains: frozenset[str]

    @classmethod
    def for_source(cls, source_url: str, allowed_hosts: Iterable[str]) -> HostRule:
        extra = {h.strip().lower().lstrip(".").rstrip(".") for h in allowed_hosts if h.strip()}
        return cls(domains=frozenset({registrable_domain(host_of(source_url)), *extra}))

    def allows(self, host: str) -> bool:
        return ANY_HOST in self.domains or any(host == d or host.endswith("." + d) for d in self.domains)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(texts: Iterable[str]) -> tuple[Network, ...]:
    """CIDR networks (a bare address is a /32 or /128). Raises ValueError on a bad one."""
    return tuple(ipaddress.ip_network(text.strip(), strict=False) for text in texts)


def address_allowed(address: str, networks: Iterable[Network] = ()) -> bool:
    """True for a globally routable unicast address, or one inside an allowed network (an
    IPv4-mapped IPv6 address is judged as the IPv4 address it carries)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == net.version and ip in net for net in networks):
        return True
    return ip.is_global and not ip.is_multicast


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True
