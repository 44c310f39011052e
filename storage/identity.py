"""Agency identity: which names denote the same agency.

An agency is identified by a *name key*, `region|trimmed name`: the region (福建, 中央, ...) comes from
the name's own prefix (福建省对外贸易经济合作厅) or, for a trimmed form (省对外贸易经济合作厅 inside a
Fujian notice), from the notice; the trimmed name drops that prefix. So both forms share one key.
Aliases (加挂牌子, 对外称) link keys; the agency id is a hash of the smallest primary key of the linked
group, so it does not depend on the order in which notices arrive.

Below the province, a notice of a city or county (its issuer or title opens with 福州市, 金寨县, 揭阳市
揭东区) names its own bodies by level: 县市场监管局 in 金寨县's notice is 金寨县市场监督管理局, so the
locality is put in front. Short forms (发展改革委 = 发展和改革委员会) and curator overrides are data:
storage/agency_names.yaml and storage/identity_overrides.yaml. `resolve_name` says which rule joined a
name to its key; `agency_identity` shows it for every name seen.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml

from models import Notice
from yange.names import ISSUING_BODY_END

CENTRAL = "中央"

# Provincial-level divisions: full prefix -> short region name.
PROVINCES: dict[str, str] = {
    full: short
    for short, full in [
        ("北京", "北京市"), ("天津", "天津市"), ("上海", "上海市"), ("重庆", "重庆市"),
        ("河北", "河北省"), ("山西", "山西省"), ("辽宁", "辽宁省"), ("吉林", "吉林省"),
        ("黑龙江", "黑龙江省"), ("江苏", "江苏省"), ("浙江", "浙江省"), ("安徽", "安徽省"),
        ("福建", "福建省"), ("江西", "江西省"), ("山东", "山东省"), ("河南", "河南省"),
        ("湖北", "湖北省"), ("湖南", "湖南省"), ("广东", "广东省"), ("海南", "海南省"),
        ("四川", "四川省"), ("贵州", "贵州省"), ("云南", "云南省"), ("陕西", "陕西省"),
        ("甘肃", "甘肃省"), ("青海", "青海省"), ("台湾", "台湾省"),
        ("内蒙古", "内蒙古自治区"), ("广西", "广西壮族自治区"), ("西藏", "西藏自治区"),
        ("宁夏", "宁夏回族自治区"), ("新疆", "新疆维吾尔自治区"),
        ("香港", "香港特别行政区"), ("澳门", "澳门特别行政区"),
    ]
}  # fmt: skip

# One pass over a name instead of two startswith per province: it runs for every name stored.
_PROVINCE_PREFIX = re.compile(
    "|".join(map(re.escape, PROVINCES)) + "|(?:" + "|".join(map(re.escape, PROVINCES.values())) + ")(?!自治)"
)

# A central name may carry the state's name in front (中华人民共和国商务部 = 商务部).
_CENTRAL_PREFIX = "中华人民共和国"
# The trimmed form a provincial notice uses for its own bodies: 省…, 自治区…, 市… (municipalities).
_TRIMMED_PREFIXES = ("省", "自治区", "市")
# "原省口岸…办公室": the former body, named in an adjustment.
_FORMER = re.compile(r"^原")
# Below a province: a city (福州市, 延边州, 锡林郭勒盟) then a county or district (金寨县, 揭东区, 正蓝旗),
# opening an issuer or a title (after 中共 and the province).
_PARTY = "中共"
_LOCALITY = re.compile(r"^((?:[^\s省市县区盟旗]{1,5}(?:市|州|盟))?(?:[^\s省市县区盟旗]{1,5}(?:县|区|旗))?)")
# What follows a locality that issues a notice (its party committee, government, staffing office).
_LOCAL_ISSUER = ("委", "人民政府", "政府", "机构编制", "编委", "党委")
# How a city's or county's own notice writes its bodies: the level instead of the place's name.
_LEVEL_CHARS = "市州盟县区旗"
VOCABULARY = Path(__file__).parent / "agency_names.yaml"
OVERRIDES = Path(__file__).parent / "identity_overrides.yaml"
# Why a name was joined to its key (agency_identity adds `alias` and `lineage`, which need the store).
How = Literal["exact", "region-qualified", "abbreviation", "override"]

# Ministries, commissions and offices that issue a `functions` notice about their own units.
_ISSUER_BODY = re.compile(rf"^(?:中华人民共和国)?(.+?{ISSUING_BODY_END})")


@dataclass(frozen=True)
class Context:
    """Where a notice speaks from: its region (a province, or 中央) and, below it, its locality."""

    region: str
    locality: str | None = None

    @property
    def label(self) -> str:
        return self.region + (f"|{self.locality}" if self.locality else "")


@dataclass(frozen=True)
class Resolution:
    key: str
    how: How
    level: Literal["central", "province", "city", "county"]


def region_of_notice(notice: Notice) -> str:
    """The region a notice speaks for: the province its title or issuer starts with, else 中央."""
    return context_of_notice(notice).region


def context_of_notice(notice: Notice) -> Context:
    """The region and locality a notice speaks for, from its issuer, else its title."""
    for text in (notice.issuer or "", notice.title):
        text = _without_party(text)
        prefix = _province_prefix(text)
        rest = text[len(prefix[1]) :] if prefix else text
        match = _LOCALITY.match(rest)
        locality = match.group(1) if match else ""
        if locality and not rest[len(locality) :].startswith(_LOCAL_ISSUER):
            locality = ""  # 福建省福利…: no place, just words
        if prefix or locality:
            return Context(prefix[0] if prefix else CENTRAL, locality or None)
    return Context(CENTRAL)


def _without_party(name: str) -> str:
    """中共福建省委宣传部 -> 福建省委宣传部: a province's or a locality's party body is named by its
    place, as its government's bodies are; 中共中央… stays whole (a central body)."""
    if name.startswith(_PARTY) and not name.startswith(_PARTY + "中央"):
        return name[len(_PARTY) :]
    return name


def _local_body(name: str) -> bool:
    """金寨县委组织部, 福州市人民政府办公厅: a name opening with a city or county and its committee or
    government, so not a central body even though it ends in 部."""
    match = _LOCALITY.match(name)
    place = match.group(1) if match else ""
    return bool(place) and name[len(place) :].startswith(_LOCAL_ISSUER)


def _province_prefix(name: str) -> tuple[str, str] | None:
    """(short, as written) of the province a name opens with: its full name, else its short one
    ("福建对外…" without 省 is rare but seen in titles; 内蒙古 etc. too), never 广西自治区's 广西."""
    match = _PROVINCE_PREFIX.match(name)
    if match is None:
        return None
    written = match.group()
    return PROVINCES.get(written, written), written


def split_name(name: str, *, notice_region: str) -> tuple[str, str]:
    """(region, trimmed name) of an agency name as a notice of `notice_region` writes it."""
    clean = _without_party(_FORMER.sub("", name.strip()))
    prefix = _province_prefix(clean)
    if prefix:
        region, full = prefix
        return region, clean[len(full) :] or clean
    if clean.startswith(_CENTRAL_PREFIX):
        return CENTRAL, clean[len(_CENTRAL_PREFIX) :] or clean
    if _looks_central(clean):
        return CENTRAL, clean
    if notice_region != CENTRAL:
        for trimmed in _TRIMMED_PREFIXES:
            if clean.startswith(trimmed) and len(clean) > len(trimmed) + 1:
                return notice_region, clean[len(trimmed) :]
    return notice_region, clean


def _looks_central(name: str) -> bool:
    """商务部, 国家…局, 国务院…: bodies a provincial notice names that are not its own."""
    if name.startswith(("省", "市", "自治区")) or _local_body(name):
        return False
    return name.endswith("部") or name.startswith(("国家", "国务院", "中央", "全国"))


def name_key(name: str, *, notice_region: str, locality: str | None = None) -> str:
    return resolve_name(name, Context(notice_region, locality)).key


def resolve_name(name: str, context: Context) -> Resolution:
    """The key a name written in a notice of `context` stands for, and the rule that decided it."""
    override = _overrides().get((context.region, name.strip()))
    if override:
        key = resolve_name(override, Context(CENTRAL)).key
        return Resolution(key, "override", _level(key))
    written = _FORMER.sub("", name.strip())
    local = _localised(written, context)
    region, trimmed = split_name(local, notice_region=context.region)
    full = _expanded(trimmed)
    key = f"{region}|{full}"
    if full != trimmed:
        how: How = "abbreviation"
    elif written != display_name(key):
        how = "region-qualified"
    else:
        how = "exact"
    return Resolution(key, how, _level(key))


def _localised(name: str, context: Context) -> str:
    """县市场监管局 in 金寨县's notice -> 金寨县市场监管局: the level word stands for the locality."""
    locality = context.locality
    if not locality or name.startswith(locality) or len(name) < 3 or name[0] not in _LEVEL_CHARS:
        return name
    end = locality.rfind(name[0])
    return locality[: end + 1] + name[1:] if end >= 0 else name


def _expanded(trimmed: str) -> str:
    for short, full in _abbreviations():
        if trimmed.endswith(short) and not trimmed.endswith(full):
            return trimmed[: len(trimmed) - len(short)] + full
    return trimmed


def _level(key: str) -> Literal["central", "province", "city", "county"]:
    region, trimmed = key.split("|", 1)
    if region == CENTRAL:
        return "central"
    locality = _LOCALITY.match(trimmed)
    place = locality.group(1) if locality else ""
    if not place or place == trimmed:
        return "province"
    return "county" if place[-1] in "县区旗" else "city"


@cache
def _abbreviations() -> tuple[tuple[str, str], ...]:
    """Short form -> full form, longest short form first (市场监管总局 before 市场监管局)."""
    data = yaml.safe_load(VOCABULARY.read_text(encoding="utf-8")) or {}
    pairs = {str(k): str(v) for k, v in (data.get("abbreviations") or {}).items()}
    return tuple(sorted(pairs.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def _overrides() -> dict[tuple[str, str], str]:
    """(region, name as written) -> the full name of the agency a curator joined it to."""
    entries = yaml.safe_load(OVERRIDES.read_text(encoding="utf-8")) or []
    return {(str(e.get("region", CENTRAL)), str(e["name"])): str(e["agency"]) for e in entries}


def key_in(name: str, notice: Notice) -> Resolution:
    """The key of a name as `notice` writes it: in its region and locality, a ministry's unit
    qualified by the ministry (what every name of a stored notice is keyed by)."""
    return resolve_name(qualified(name, notice), context_of_notice(notice))


def display_name(key: str) -> str:
    """The full name a key stands for: 福建|商务厅 -> 福建省商务厅, 中央|商务部 -> 商务部."""
    region, trimmed = key.split("|", 1)
    if region == CENTRAL:
        return trimmed
    full = next((f for f, s in PROVINCES.items() if s == region), region)
    return full + trimmed


def issuing_body(notice: Notice) -> str | None:
    """The ministry a `functions` notice comes from (商务部关于印发… -> 商务部), if it names one."""
    for text in (notice.issuer or "", notice.title):
        match = _ISSUER_BODY.match(text)
        if match and "关于" not in match.group(1):
            return match.group(1)
    return None


def qualified(name: str, notice: Notice) -> str:
    """A unit named inside a ministry's `functions` notice belongs to that ministry:
    机关服务中心 in a 商务部 notice is 商务部机关服务中心 (other ministries have their own)."""
    if notice.kind != "functions":
        return name
    body = issuing_body(notice)
    if body is None or name.startswith(body) or _province_prefix(name) or name.startswith(_CENTRAL_PREFIX):
        return name
    return body + name


def agency_id(key: str) -> str:
    """The stable id of the agency whose smallest primary name key is `key` (same as the SQL side)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
