"""Agency identity: which names denote the same agency.

An agency is identified by a *name key*, `region|trimmed name`: the region (福建, 中央, ...) comes from
the name's own prefix (福建省对外贸易经济合作厅) or, for a trimmed form (省对外贸易经济合作厅 inside a
Fujian notice), from the notice; the trimmed name drops that prefix. So both forms share one key.
Aliases (加挂牌子, 对外称) link keys; the agency id is a hash of the smallest primary key of the linked
group, so it does not depend on the order in which notices arrive.
"""

from __future__ import annotations

import hashlib
import re

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

# A central name may carry the state's name in front (中华人民共和国商务部 = 商务部).
_CENTRAL_PREFIX = "中华人民共和国"
# The trimmed form a provincial notice uses for its own bodies: 省…, 自治区…, 市… (municipalities).
_TRIMMED_PREFIXES = ("省", "自治区", "市")
# "原省口岸…办公室": the former body, named in an adjustment.
_FORMER = re.compile(r"^原")
# Ministries, commissions and offices that issue a `functions` notice about their own units.
_ISSUER_BODY = re.compile(rf"^(?:中华人民共和国)?(.+?{ISSUING_BODY_END})")


def region_of_notice(notice: Notice) -> str:
    """The region a notice speaks for: the province its title or issuer starts with, else 中央."""
    for text in (notice.issuer or "", notice.title):
        region = _province_prefix(text)
        if region:
            return region[0]
    return CENTRAL


def _province_prefix(name: str) -> tuple[str, str] | None:
    for full, short in PROVINCES.items():
        if name.startswith(full):
            return short, full
        if len(short) >= 2 and name.startswith(short) and not name.startswith(short + "自治"):
            # "福建对外…" without 省 is rare but seen in titles; 内蒙古 etc. too.
            return short, short
    return None


def split_name(name: str, *, notice_region: str) -> tuple[str, str]:
    """(region, trimmed name) of an agency name as a notice of `notice_region` writes it."""
    clean = _FORMER.sub("", name.strip())
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
    if name.startswith(("省", "市", "自治区")):
        return False
    return name.endswith("部") or name.startswith(("国家", "国务院", "中央", "全国"))


def name_key(name: str, *, notice_region: str) -> str:
    region, trimmed = split_name(name, notice_region=notice_region)
    return f"{region}|{trimmed}"


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
