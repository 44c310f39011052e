"""Writes the labelled version pairs of tests/golden/pairs/ from the seed records and reform edits.

Run `.venv/bin/python -m tests.diff.make_pairs` after changing an edit; the records are written as
`<name>.json`. The expected events, `<name>.expected.json`, are written by hand and never generated.
All pairs are derived from the seeds: the edits are ours, the wording they start from is the seeds'.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from models import AgencyRecord, Duty
from tests.diff.diff_factories import (
    FUJIAN_FILE,
    MOFCOM_FILE,
    add_duty,
    add_unit,
    drop_duties,
    drop_units,
    edit_unit,
    fujian,
    mofcom_service_centre,
    reword_duty,
    seed,
    set_adjustments,
    set_staffing,
)

PAIRS_DIR = Path(__file__).resolve().parent.parent / "golden" / "pairs"
# Derived later versions of the seeds, kept in PAIRS_DIR.
FUJIAN_2012_FILE = "fujian-2012-foreign-trade-sanding-derived.txt"
MOFCOM_2009_FILE = "mofcom-2009-unit-functions-derived.txt"
FUJIAN_2013_FILE = "fujian-2013-foreign-trade-port-amend-derived.txt"
Pair = tuple[AgencyRecord | None, AgencyRecord]


def cancel_two() -> Pair:
    """Two duties cancelled and declared so; the rest renumbered, unchanged."""
    old = fujian()
    new = drop_duties(old, 2, 8, renumber=True)
    new = set_adjustments(
        new,
        ("cancelled", None, "取消重要工业品、原材料和重要农产品进出口年度配额编报职责。"),
        ("cancelled", None, "取消全省国家级开发区日常管理职责。"),
    )
    return old, new


def reword_three() -> Pair:
    """Three duties reworded; nothing declared (the same adjustments as before)."""
    old = fujian()
    new = reword_duty(
        old, 1, "起草并组织实施我省相关地方性法规、政府规章", "起草我省相关地方性法规、政府规章草案并组织实施"
    )
    new = reword_duty(new, 6, "负责国外技术性贸易壁垒应对工作", "负责国外技术性贸易措施的应对工作")
    new = reword_duty(new, 12, "推进电子口岸建设", "推进电子口岸和国际贸易单一窗口建设")
    return old, new


def rename_units() -> Pair:
    """A unit renamed with the same duties, one whose alias changed, one renamed and reworded."""
    old = fujian()
    new = edit_unit(old, "信息化处", name="电子商务和信息化处")
    new = edit_unit(new, "国际经贸关系处", alias="省政府世界贸易组织事务协调办公室")
    airport = next(u for u in old.units if u.name == "机场办事处")
    new = edit_unit(
        new,
        "机场办事处",
        name="福州机场口岸办事处",
        duties=airport.duties.replace(
            "负责福州机场口岸现场通关的综合管理工作", "负责福州长乐国际机场口岸现场通关的综合管理和协调工作"
        ),
    )
    return old, new


def transfer_out_in() -> Pair:
    """The port duty leaves with its units and name plate; a duty arrives from another department."""
    old = fujian()
    new = drop_duties(old, 12)
    new = add_duty(new, "组织实施公民出境就业，管理监督境外就业职业介绍机构。", before=13, renumber=False)
    new = drop_units(new, "口岸管理处", "大通关协调处", "机场办事处")
    new = new.model_copy(update={"aliases": [], "declared_unit_count": 19})
    new = set_adjustments(
        new,
        ("transferred_out", "省人民政府口岸与电子口岸工作办公室",
         "将起草并组织实施我省口岸工作的政策、规划和协调口岸查验机构的职责划给省人民政府口岸与电子口岸工作办公室。"),
        ("transferred_in", "省人力资源和社会保障厅", "从省人力资源和社会保障厅划入组织实施公民出境就业、管理监督境外就业职业介绍机构的职责。"),
    )  # fmt: skip
    return old, new


def staffing_rank() -> Pair:
    """Staffing counts cut and added, the rank and the declared unit count changed."""
    old = fujian()
    new = set_staffing(old, "机关行政编制", 165, "机关行政编制为165名")
    new = set_staffing(new, "副厅长", 4)
    new = set_staffing(new, "总经济师", 1)
    new = new.model_copy(update={"rank": "副厅级", "declared_unit_count": 20})
    return old, new


def split_add_remove() -> Pair:
    """对外贸易处 split in two new units; a new unit added; 联络处 abolished."""
    old = fujian()
    trade = next(u for u in old.units if u.name == "对外贸易处")
    first, *rest = trade.duties.split("；")
    new = drop_units(old, "对外贸易处", "联络处")
    new = add_unit(new, "货物贸易处", "；".join(rest), after="计划财务处")
    new = add_unit(new, "贸易促进处", first + "；承担全省重点境外展会的组织工作。", after="货物贸易处")
    new = add_unit(
        new,
        "电子商务处",
        "拟订全省电子商务发展规划和政策措施并组织实施；推动电子商务公共服务平台建设。",
        after="信息化处",
    )
    return old, new


def merge_units() -> Pair:
    """口岸管理处 and 大通关协调处 merged into one unit under a new name."""
    old = fujian()
    port = next(u for u in old.units if u.name == "口岸管理处")
    customs = next(u for u in old.units if u.name == "大通关协调处")
    new = drop_units(old, "口岸管理处", "大通关协调处")
    new = add_unit(
        new,
        "口岸与大通关处",
        port.duties.rstrip("。") + "；" + customs.duties,
        after="经济合作与境外劳务管理处",
    )
    new = new.model_copy(update={"declared_unit_count": 21})
    return old, new


def nested_items() -> Pair:
    """A nested item removed, one reworded, one added, and a new first duty renumbering the rest."""
    old = mofcom_service_centre()
    second = old.duties[1]
    items = [i for i in second.items if i.ordinal != 6]
    items = [
        i.model_copy(
            update={"text": i.text.replace("负责医疗费报销、核算", "负责医疗费报销、核算和医疗保险有关工作")}
        )
        for i in items
    ]
    items.append(Duty(ordinal=0, text="承担部机关节能减排和公共机构节能管理工作。", span=(100_000, 100_020)))
    items = [i.model_copy(update={"ordinal": k}) for k, i in enumerate(items, start=1)]
    duties = [old.duties[0], second.model_copy(update={"items": items}), *old.duties[2:]]
    new = old.model_copy(update={"duties": duties})
    new = add_duty(new, "贯彻执行国家有关机关事务管理的方针政策和规章制度。", before=1)
    return old, new


def reorder_renumber() -> Pair:
    """Duties reordered and renumbered (a plain line diff sees many changes) and one new duty."""
    old = fujian()
    order = [1, 2, 3, 4, 5, 6, 7, 9, 8, 11, 13, 12]
    by_ordinal = {d.ordinal: d for d in old.duties}
    new = old.model_copy(update={"duties": [by_ordinal[o] for o in order]})
    new = add_duty(new, "负责全省电子商务的推进工作，拟订电子商务发展规划和政策措施。", before=11)
    return old, new


def first_version() -> Pair:
    """No earlier version: only the declared adjustments."""
    return None, fujian()


def declared_vs_observed() -> Pair:
    """A declaration with no trace, an undeclared removal, and a declaration borne out by a rewording."""
    old = fujian()
    new = drop_duties(old, 11)
    new = reword_duty(
        new,
        7,
        "指导投资促进及外商投资企业审批工作",
        "指导投资促进，加强外商投资服务和外商投资企业投诉协调工作",
    )
    new = set_adjustments(
        new,
        ("transferred_in", "省科学技术厅", "从省科学技术厅划入技术进出口许可管理职责。"),
        ("strengthened", None, "加强外商投资服务和投诉协调。"),
    )
    return old, new


def other_matters() -> Pair:
    """Other matters reworded, removed and added (section "other")."""
    old = fujian()
    matters = [m for m in old.other_matters if m.ordinal != 5]
    matters = [
        m.model_copy(
            update={"text": m.text.replace("驻上海、深圳等2个办事处", "驻北京、上海、深圳等3个办事处")}
        )
        for m in matters
    ]
    extra = "省对外贸易经济合作厅负责全省电子口岸建设的组织协调，省发展改革委等部门按职责分工配合。"
    matters.append(
        matters[0].model_copy(update={"ordinal": 6, "text": extra, "span": (100_000, 100_000 + len(extra))})
    )
    return old, old.model_copy(update={"other_matters": matters})


def parsed_2010_2012() -> Pair:
    """The 2010 seed and a derived 2012 regulation, both as the parser reads them: real renumbering,
    rewordings, renamed, added and abolished units, staffing cuts and six new declarations."""
    from yange.parse import parse_notice

    old = parse_notice(seed(FUJIAN_FILE), source=FUJIAN_FILE).records[0]
    later = (PAIRS_DIR / FUJIAN_2012_FILE).read_text(encoding="utf-8")
    return old, parse_notice(later, source=FUJIAN_2012_FILE).records[0]


def parsed_amendment_2013() -> Pair:
    """The derived 2012 regulation and the version a derived 2013 amendment makes of it (the port duty,
    its two units, their staff and the name plate leave): declarations about staff and name plates."""
    from yange.amend.apply import derive_version
    from yange.parse import parse_notice

    base = parse_notice((PAIRS_DIR / FUJIAN_2012_FILE).read_text(encoding="utf-8"), source=FUJIAN_2012_FILE)
    old = base.records[0]
    notice = parse_notice((PAIRS_DIR / FUJIAN_2013_FILE).read_text(encoding="utf-8"), source=FUJIAN_2013_FILE)
    amendment = next(r for r in notice.records if r.agency == old.agency)
    return old, derive_version(old, amendment, agency=old.agency).record


def _mofcom_units(old_name: str, new_name: str) -> Pair:
    """One unit in the 2003 MOFCOM notice and in the derived 2009 one, as the parser reads them."""
    from yange.parse import parse_notice

    def unit(text: str, source: str, name: str) -> AgencyRecord:
        return next(r for r in parse_notice(text, source=source).records if r.agency == name)

    later = (PAIRS_DIR / MOFCOM_2009_FILE).read_text(encoding="utf-8")
    return unit(seed(MOFCOM_FILE), MOFCOM_FILE, old_name), unit(later, MOFCOM_2009_FILE, new_name)


def parsed_2003_2009() -> Pair:
    """机关服务中心: nested items reworded, one dropped and the rest renumbered, a new duty before the last."""
    return _mofcom_units("机关服务中心", "机关服务中心")


def parsed_trade_development() -> Pair:
    """外贸发展中心 renamed 外贸发展事务局 (no longer an alias): one duty cut down, one dropped."""
    return _mofcom_units("外贸发展中心", "外贸发展事务局")


def parsed_investment_promotion() -> Pair:
    """投资促进中心 renamed 投资促进事务局: rewordings, three duties dropped, an outward-investment duty added."""
    return _mofcom_units("投资促进中心", "投资促进事务局")


def parsed_economic_cooperation() -> Pair:
    """国际经济合作事务局: two duties cut down (one with a typo fixed), one dropped."""
    return _mofcom_units("国际经济合作事务局", "国际经济合作事务局")


def parsed_licence_bureau() -> Pair:
    """配额许可证事务局: two duties cut down, one extended, the training duty dropped."""
    return _mofcom_units("配额许可证事务局", "配额许可证事务局")


def parsed_ecommerce_centre() -> Pair:
    """中国国际电子商务中心: one network duty dropped, an online trade-fair duty added."""
    return _mofcom_units("中国国际电子商务中心", "中国国际电子商务中心")


PAIRS: dict[str, tuple[Callable[[], Pair], str]] = {
    "fujian-cancel-two": (cancel_two, FUJIAN_FILE),
    "fujian-reword-three": (reword_three, FUJIAN_FILE),
    "fujian-rename-units": (rename_units, FUJIAN_FILE),
    "fujian-transfer-out-in": (transfer_out_in, FUJIAN_FILE),
    "fujian-staffing-rank": (staffing_rank, FUJIAN_FILE),
    "fujian-split-add-remove": (split_add_remove, FUJIAN_FILE),
    "fujian-merge-units": (merge_units, FUJIAN_FILE),
    "mofcom-nested-items": (nested_items, MOFCOM_FILE),
    "fujian-reorder-renumber": (reorder_renumber, FUJIAN_FILE),
    "fujian-first-version": (first_version, FUJIAN_FILE),
    "fujian-declared-vs-observed": (declared_vs_observed, FUJIAN_FILE),
    "fujian-other-matters": (other_matters, FUJIAN_FILE),
    "fujian-2010-2012-parsed": (parsed_2010_2012, f"{FUJIAN_FILE} and pairs/{FUJIAN_2012_FILE}"),
    "fujian-2012-2013-amendment-parsed": (
        parsed_amendment_2013,
        f"pairs/{FUJIAN_2012_FILE} and pairs/{FUJIAN_2013_FILE}",
    ),
    "mofcom-2003-2009-parsed": (parsed_2003_2009, f"{MOFCOM_FILE} and pairs/{MOFCOM_2009_FILE}"),
    "mofcom-2003-2009-trade-development-parsed": (
        parsed_trade_development,
        f"{MOFCOM_FILE} and pairs/{MOFCOM_2009_FILE}",
    ),
    "mofcom-2003-2009-investment-promotion-parsed": (
        parsed_investment_promotion,
        f"{MOFCOM_FILE} and pairs/{MOFCOM_2009_FILE}",
    ),
    "mofcom-2003-2009-economic-cooperation-parsed": (
        parsed_economic_cooperation,
        f"{MOFCOM_FILE} and pairs/{MOFCOM_2009_FILE}",
    ),
    "mofcom-2003-2009-licence-bureau-parsed": (
        parsed_licence_bureau,
        f"{MOFCOM_FILE} and pairs/{MOFCOM_2009_FILE}",
    ),
    "mofcom-2003-2009-ecommerce-centre-parsed": (
        parsed_ecommerce_centre,
        f"{MOFCOM_FILE} and pairs/{MOFCOM_2009_FILE}",
    ),
}
# Pairs read by the parser: their JSON is a snapshot of what it read when they were labelled, so a
# later parser change shows up in the parser's tests, not as drift here.
PARSED = frozenset(name for name in PAIRS if name.endswith("-parsed"))


def pair_document(
    name: str, build: Callable[[], tuple[AgencyRecord | None, AgencyRecord]], derived_from: str
) -> str:
    """The JSON file of one version pair: its builder's docstring says what the edit is."""
    old, new = build()
    doc = {
        "name": name,
        "description": (build.__doc__ or "").strip(),
        "derived_from": derived_from,
        "old": old.model_dump(mode="json") if old else None,
        "new": new.model_dump(mode="json"),
    }
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def render(name: str) -> str:
    build, source = PAIRS[name]
    how = "read by yange.parse" if name in PARSED else "edited by tests/diff/make_pairs.py"
    return pair_document(name, build, f"tests/golden/{source} ({how})")


def main() -> None:
    PAIRS_DIR.mkdir(parents=True, exist_ok=True)
    for name in PAIRS:
        (PAIRS_DIR / f"{name}.json").write_text(render(name), encoding="utf-8")


if __name__ == "__main__":
    main()
