"""Writes the held-out version pairs of tests/golden/heldout/: reform edits the diff was not tuned on.

Run `.venv/bin/python -m tests.diff.make_heldout` after changing an edit; the records are written as
`<name>.json`. The expected events, `<name>.expected.json`, are written by hand from what a reviewer
reading both versions would say changed, never from the diff's output.

Two starting points, both derived: the Fujian seed as `yange.parse.parse_notice` reads it (so items
carry the parser's real spans and ordinals, with its gap at duty 10), and a small 三定 record of a
fictional provincial culture and tourism department whose wording is ours. Each JSON is a snapshot of
what was built when it was labelled, so a later parser change cannot silently move the labels.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models import AgencyRecord, Duty, Staffing, Unit
from tests.diff.diff_factories import (
    FUJIAN_FILE,
    MOFCOM_FILE,
    add_duty,
    add_unit,
    drop_duties,
    drop_units,
    edit_unit,
    reword_duty,
    seed,
    set_adjustments,
    set_staffing,
)
from tests.diff.make_pairs import pair_document

HELDOUT_DIR = Path(__file__).resolve().parent.parent / "golden" / "heldout"
Pair = tuple[AgencyRecord | None, AgencyRecord]


def parsed_fujian() -> AgencyRecord:
    from yange.parse import parse_notice

    return parse_notice(seed(FUJIAN_FILE), source=FUJIAN_FILE).records[0]


def _unit(record: AgencyRecord, name: str) -> Unit:
    return next(u for u in record.units if u.name == name)


def _replace_in_unit(record: AgencyRecord, name: str, old: str, new: str) -> AgencyRecord:
    duties = _unit(record, name).duties
    assert old in duties, (name, old)
    return edit_unit(record, name, duties=duties.replace(old, new, 1))


# --- a derived record of our own: a fictional department, wording written for these tests -----------

CULTURE_DUTIES = [
    "贯彻执行国家文化和旅游工作的方针政策，起草全省文化和旅游地方性法规、政府规章草案并组织实施。",
    "统筹规划全省文化事业、文化产业和旅游业发展，拟订发展规划并组织实施，推进文化和旅游融合发展，推进文化和旅游体制机制改革。",
    "负责全省文化市场的行业监管工作，推进文化市场信用体系建设。",
    "负责全省旅游市场的行业监管工作，推进旅游市场信用体系建设。",
    "指导、管理全省文艺事业，指导艺术创作生产，扶持体现社会主义核心价值观、具有导向性代表性示范性的文艺作品。",
    "负责全省非物质文化遗产保护，推动非物质文化遗产的保护、传承、普及、弘扬和振兴。",
    "统筹推进全省公共文化服务体系建设，指导图书馆、文化馆事业和基层综合性文化服务中心建设，推进公共数字文化建设。",
    "承办省委、省人民政府交办的其他任务。",
]
CULTURE_UNITS = [
    ("办公室", "负责机关日常运转工作，承担安全保密、信访、政务公开、机关财务和资产管理等工作。"),
    ("政策法规处", "拟订文化和旅游政策措施，起草有关地方性法规、规章草案，承担行政复议和行政应诉工作。"),
    ("产业发展处", "拟订全省文化产业、旅游产业发展规划和政策措施并组织实施，指导文化产业园区和基地建设。"),
    (
        "市场管理处",
        "拟订全省文化市场和旅游市场管理政策，对文化和旅游市场经营进行行业监管，承担行业信用体系建设工作。",
    ),
    ("艺术处", "拟订音乐、舞蹈、戏曲、戏剧、美术等门类艺术的发展规划并组织实施，指导全省重大文艺活动。"),
    ("非物质文化遗产处", "拟订非物质文化遗产保护政策和规划并组织实施，组织开展非物质文化遗产保护工作。"),
    ("公共服务处", "拟订全省公共文化服务政策及公共文化服务体系建设规划并组织实施，指导基层文化设施建设。"),
]
CULTURE_STAFFING = [
    ("机关行政编制", 88, None),
    ("厅长", 1, None),
    ("副厅长", 4, None),
    ("正处级领导职数", 12, None),
    ("副处级领导职数", 14, None),
]


def culture() -> AgencyRecord:
    """示例省文化和旅游厅, a derived record: spans are offsets in the text its items would make."""
    at, duties, units = 0, [], []
    for k, text in enumerate(CULTURE_DUTIES, start=1):
        duties.append(Duty(ordinal=k, text=text, span=(at, at + len(text))))
        at += len(text) + 4
    for k, (name, text) in enumerate(CULTURE_UNITS, start=1):
        units.append(Unit(ordinal=k, name=name, duties=text, span=(at, at + len(name) + len(text))))
        at += len(name) + len(text) + 4
    staffing = [
        Staffing(category=c, count=n, included_in=inc, text=f"{c}{n}名") for c, n, inc in CULTURE_STAFFING
    ]
    return AgencyRecord(
        agency="示例省文化和旅游厅",
        rank="正厅级",
        duties=duties,
        units=units,
        declared_unit_count=len(units),
        staffing=staffing,
    )


def _set_duty(record: AgencyRecord, ordinal: int, text: str) -> AgencyRecord:
    duties = [d.model_copy(update={"text": text}) if d.ordinal == ordinal else d for d in record.duties]
    return record.model_copy(update={"duties": duties})


# --- the pairs ------------------------------------------------------------------------------------


def merge_keep_name() -> Pair:
    """机场办事处 merged into 口岸管理处, which keeps its name and takes over the airport duties."""
    old = parsed_fujian()
    port, airport = _unit(old, "口岸管理处"), _unit(old, "机场办事处")
    new = drop_units(old, "机场办事处")
    new = edit_unit(new, "口岸管理处", duties=port.duties.rstrip("。") + "；" + airport.duties)
    return old, new.model_copy(update={"declared_unit_count": 21})


def split_keep_name() -> Pair:
    """台港澳处 keeps its name and the first half of its work; the rest goes to a new 对台经贸处."""
    old = parsed_fujian()
    duties = _unit(old, "台港澳处").duties
    cut = duties.index("贯彻执行对台直接通商方案")
    kept, moved = duties[:cut].rstrip("；") + "。", duties[cut:]
    new = edit_unit(old, "台港澳处", duties=kept)
    new = add_unit(new, "对台经贸处", moved, after="台港澳处")
    return old, new.model_copy(update={"declared_unit_count": 23})


def rename_reword_unit() -> Pair:
    """开发区管理处 becomes 开发区建设发展处, with two of its duties restated."""
    old = parsed_fujian()
    new = _replace_in_unit(
        old, "开发区管理处", "负责开发区的指导、协调和管理工作", "负责全省开发区建设发展的统筹指导和协调工作"
    )
    new = _replace_in_unit(new, "开发区管理处", "负责开发区有关统计工作", "负责开发区统计监测和信息发布工作")
    return old, edit_unit(new, "开发区管理处", name="开发区建设发展处")


def insert_top_renumber() -> Pair:
    """A new first duty; every later duty renumbered (and the gap at 10 closed), none reworded."""
    old = parsed_fujian()
    new = add_duty(old, "贯彻落实党中央、国务院和省委、省政府关于对外开放和商务工作的决策部署。", before=1)
    return old, new


def move_clause() -> Pair:
    """The intellectual-property clause moves from duty 3 to duty 6 (trade remedies)."""
    old = parsed_fujian()
    clause = "承担与对外贸易有关的知识产权工作"
    new = reword_duty(old, 3, "；" + clause, "")
    new = reword_duty(
        new, 6, "负责国外技术性贸易壁垒应对工作。", "负责国外技术性贸易壁垒应对工作；" + clause + "。"
    )
    return old, new


def cancel_declared() -> Pair:
    """The talent-planning duty is cancelled and declared so; the duties after it renumbered."""
    old = parsed_fujian()
    new = drop_duties(old, 11, renumber=True)
    new = set_adjustments(new, ("cancelled", None, "取消起草并组织实施全省外经贸人才规划的职责。"))
    return old, new


def transfer_in_declared() -> Pair:
    """A service-outsourcing duty arrives from the development and reform commission, declared 划入."""
    old = parsed_fujian()
    new = add_duty(old, "统筹协调全省国际服务外包产业发展，拟订服务外包产业扶持政策并组织实施。", before=13)
    new = set_adjustments(
        new,
        (
            "transferred_in",
            "省发展和改革委员会",
            "从省发展和改革委员会划入国际服务外包产业发展的统筹协调职责。",
        ),
    )
    return old, new


def staffing_rank() -> Pair:
    """Several staffing counts change, one leadership post is new, and the rank is raised."""
    old = culture()
    new = set_staffing(old, "机关行政编制", 95)
    new = set_staffing(new, "副厅长", 5)
    new = set_staffing(new, "副处级领导职数", 16)
    new = set_staffing(new, "总规划师", 1)
    return old, new.model_copy(update={"rank": "副省级"})


def near_duplicates() -> Pair:
    """Two duties that differ by two characters swap places, each lightly reworded."""
    old = culture()
    duties = list(old.duties)
    culture_market, tourism_market = duties[2], duties[3]
    duties[2] = tourism_market.model_copy(
        update={
            "ordinal": 3,
            "text": "负责全省旅游市场的行业监管和服务质量监督工作，推进旅游市场信用体系建设。",
        }
    )
    duties[3] = culture_market.model_copy(
        update={
            "ordinal": 4,
            "text": "负责全省文化市场的行业监管工作，推进文化市场信用体系和综合执法队伍建设。",
        }
    )
    return old, old.model_copy(update={"duties": duties})


def heavy_reword() -> Pair:
    """Two duties restated on the same subject in new words: similarity 0.44 and 0.55, around the
    matching threshold; their neighbours are unchanged, so each plainly stands where it stood."""
    old = culture()
    new = _set_duty(
        old,
        2,
        "负责全省文化和旅游发展的统筹规划，组织编制中长期发展规划，推动文旅融合和相关领域改革。",
    )
    new = _set_duty(
        new,
        7,
        "建设覆盖城乡的公共文化服务体系，指导各级公共图书馆、文化馆（站）和基层文化设施建设与服务，发展数字文化服务。",
    )
    return old, new


def one_char_changes() -> Pair:
    """Changes of one or two characters in long texts: a unit no longer organises domestic fairs
    (境内外 -> 境外), a duty's 审核、审批 becomes 审批, and a staffing count 26 -> 28."""
    old = parsed_fujian()
    new = _replace_in_unit(old, "对外贸易处", "参加境内外国际性展览会", "参加境外国际性展览会")
    new = reword_duty(new, 7, "依法审核、审批外商投资企业", "依法审批外商投资企业")
    new = set_staffing(new, "机关工勤人员事业编制", 28, "机关工勤人员事业编制28名")
    return old, new


def _reissue_text(text: str) -> str:
    """The same words as a re-issued notice might type them: ASCII punctuation, full-width letters
    and digits, stray spaces."""
    table = str.maketrans({"，": ",", "；": ";", "（": "(", "）": ")", "：": ":"})
    wide = {c: chr(ord(c) + 0xFEE0) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"}
    return "".join(wide.get(c, c) for c in text.translate(table)).replace("。", "。 ")


def punctuation_reissue() -> Pair:
    """The same regulation re-issued with other punctuation, full-width letters and spacing: nothing changed."""
    old = parsed_fujian()
    new = old.model_copy(
        update={
            "duties": [d.model_copy(update={"text": _reissue_text(d.text)}) for d in old.duties],
            "units": [
                u.model_copy(
                    update={
                        "duties": _reissue_text(u.duties),
                        "alias": _reissue_text(u.alias) if u.alias else None,
                    }
                )
                for u in old.units
            ],
            "other_matters": [
                m.model_copy(update={"text": _reissue_text(m.text)}) for m in old.other_matters
            ],
            "adjustments": [a.model_copy(update={"text": _reissue_text(a.text)}) for a in old.adjustments],
            "staffing": [s.model_copy(update={"text": _reissue_text(s.text)}) for s in old.staffing],
        }
    )
    return old, new


# --- second batch, labelled after the first batch's fixes and before running the diff on them -----


def parsed_mofcom_service_centre() -> AgencyRecord:
    from yange.parse import parse_notice

    return parse_notice(seed(MOFCOM_FILE), source=MOFCOM_FILE).records[0]


def unit_label_swap() -> Pair:
    """国际经贸关系处 now goes by its plate name, the old name becoming the alias; units reordered."""
    old = parsed_fujian()
    new = edit_unit(old, "国际经贸关系处", name="省政府WTO事务协调办公室", alias="国际经贸关系处")
    units = list(new.units)
    units[1], units[2] = units[2], units[1]
    return old, new.model_copy(update={"units": units})


def staffing_regrouped() -> Pair:
    """The 2 posts for offices elsewhere stop counting inside the 26 division heads (26 -> 24 and a line
    of their own); the retired-staff quota rises 5 -> 6."""
    old = parsed_fujian()
    lines = []
    for line in old.staffing:
        if line.category == "驻外办事处正处级领导职数":
            line = line.model_copy(update={"included_in": None})
        elif line.category == "正处级领导职数":
            line = line.model_copy(update={"count": 24, "text": "正处级领导职数24名"})
        elif line.category == "离退休干部工作人员行政编制":
            line = line.model_copy(update={"count": 6, "text": "离退休干部工作人员行政编制6名"})
        lines.append(line)
    return old, old.model_copy(update={"staffing": lines})


def duty_split() -> Pair:
    """Duty 9 (outward economic cooperation) is cut in two: its second half becomes a new duty 10."""
    old = parsed_fujian()
    nine = next(d for d in old.duties if d.ordinal == 9)
    first, second = nine.text.split("；", 1)
    duties = []
    for d in old.duties:
        if d.ordinal == 9:
            duties.append(d.model_copy(update={"text": first + "。"}))
            duties.append(Duty(ordinal=10, text=second, span=(120_000, 120_000 + len(second))))
        else:
            duties.append(d)
    return old, old.model_copy(update={"duties": duties})


def plate_and_offices() -> Pair:
    """A second name plate is hung; the offices elsewhere grow from 2 to 3 (an other matter)."""
    old = parsed_fujian()
    matters = [
        m.model_copy(
            update={"text": m.text.replace("驻上海、深圳等2个办事处", "驻北京、上海、深圳等3个办事处")}
        )
        for m in old.other_matters
    ]
    assert matters != old.other_matters
    return old, old.model_copy(
        update={"aliases": [*old.aliases, "福建省电子口岸建设领导小组办公室"], "other_matters": matters}
    )


def delegate_out() -> Pair:
    """Evaluating the development zones is delegated to the cities: the clause leaves duty 8 and the
    zone unit, and the notice declares it (下放)."""
    old = parsed_fujian()
    new = reword_duty(old, 8, "，负责开发区投资环境综合评价和考核工作", "")
    new = _replace_in_unit(new, "开发区管理处", "，承担开发区投资环境综合评价和考核工作", "")
    new = set_adjustments(
        new,
        (
            "delegated_out",
            "设区市商务主管部门",
            "将开发区投资环境综合评价和考核工作下放给设区市商务主管部门。",
        ),
    )
    return old, new


def nested_insert_and_lift() -> Pair:
    """A new first item under duty 2 (its items renumbered), and the seal-making item lifted out of
    duty 2 to stand as duty 5 before the closing duty."""
    old = parsed_mofcom_service_centre()
    two = old.duties[1]
    fresh = Duty(ordinal=1, text="部机关办公用房管理和维修工作。", span=(130_000, 130_015))
    kept = [i for i in two.items if i.ordinal != 7]
    items = [fresh, *(i.model_copy(update={"ordinal": k}) for k, i in enumerate(kept, start=2))]
    lifted = two.items[6].model_copy(update={"ordinal": 5})
    last = old.duties[4].model_copy(update={"ordinal": 6})
    duties = [*old.duties[:1], two.model_copy(update={"items": items}), *old.duties[2:4], lifted, last]
    return old, old.model_copy(update={"duties": duties})


def clause_swap_units() -> Pair:
    """法规处 hands its administrative-review clause to 办公室; both units' texts change."""
    old = parsed_fujian()
    clause = "承担行政复议和行政诉讼工作；"
    new = _replace_in_unit(old, "法规处", clause, "")
    new = _replace_in_unit(new, "办公室", "牵头负责政府信息公开工作；", "牵头负责政府信息公开工作；" + clause)
    return old, new


# --- third batch, labelled after the second batch's fix and before running the diff on them ------


def parsed_mofcom(agency: str) -> AgencyRecord:
    from yange.parse import parse_notice

    return next(r for r in parse_notice(seed(MOFCOM_FILE), source=MOFCOM_FILE).records if r.agency == agency)


def functions_alias_dropped() -> Pair:
    """外贸发展中心 stops using its other name; the certificate-printing duty is cut down to licensing
    support, and the journal duty (6) goes, the rest renumbered."""
    old = parsed_mofcom("外贸发展中心")
    new = reword_duty(old, 3, "印制并发放《进出口企业资格证书》；", "")
    new = drop_duties(new, 6, renumber=True)
    return old, new.model_copy(update={"aliases": []})


def three_units_merged() -> Pair:
    """口岸管理处, 大通关协调处 and 机场办事处 become one 口岸处; two fewer units declared."""
    old = parsed_fujian()
    texts = [_unit(old, n).duties.rstrip("。") for n in ("口岸管理处", "大通关协调处", "机场办事处")]
    new = drop_units(old, "口岸管理处", "大通关协调处", "机场办事处")
    new = add_unit(new, "口岸处", "；".join(texts) + "。", after="经济合作与境外劳务管理处")
    return old, new.model_copy(update={"declared_unit_count": 20})


def cancel_one_declared_one_not() -> Pair:
    """Duties 8 (development zones) and 11 (talent planning) go, the rest renumbered; only the first is
    declared (取消…开发区…日常管理职责)."""
    old = parsed_fujian()
    new = drop_duties(old, 8, 11, renumber=True)
    new = set_adjustments(new, ("cancelled", None, "取消全省国家级开发区和省级开发区日常管理职责。"))
    return old, new


def nested_reword_alias() -> Pair:
    """机关服务中心: the medical item 2.3 extended, duty 4 restated, the other name 机关服务局 dropped."""
    old = parsed_mofcom("机关服务中心")
    two = old.duties[1]
    items = [
        i.model_copy(
            update={"text": i.text.replace("负责医疗费报销、核算", "负责医疗费报销、核算和职工体检")}
        )
        if i.ordinal == 3
        else i
        for i in two.items
    ]
    assert items != two.items
    new = old.model_copy(
        update={"duties": [old.duties[0], two.model_copy(update={"items": items}), *old.duties[2:]]}
    )
    new = reword_duty(
        new, 4, "监督管理机关服务中心所属经营单位经营活动", "指导、监督机关服务中心所属经营单位的经营管理活动"
    )
    return old, new.model_copy(update={"aliases": []})


def unit_added_with_staff() -> Pair:
    """A new 电子口岸处 at the end of the divisions; 23 units declared; 4 more staff, 1 more division head."""
    old = parsed_fujian()
    new = add_unit(
        old,
        "电子口岸处",
        "拟订全省电子口岸建设规划并组织实施；协调推进国际贸易单一窗口建设和口岸信息共享。",
        after="联络处",
    )
    new = set_staffing(new, "机关行政编制", 175, "省对外贸易经济合作厅机关行政编制为175名")
    new = set_staffing(new, "正处级领导职数", 27, "正处级领导职数27名")
    return old, new.model_copy(update={"declared_unit_count": 23})


def staffing_text_only() -> Pair:
    """Staffing lines restated without any count changing (为171名 -> 171名), units' text untouched."""
    old = parsed_fujian()
    lines = [line.model_copy(update={"text": line.text.replace("为", "")}) for line in old.staffing]
    assert lines != old.staffing
    return old, old.model_copy(update={"staffing": lines})


# --- fourth batch, labelled after the split/merge details and before running the diff on them ----


def unit_renamed_moved() -> Pair:
    """信息化处 becomes 电子商务处 with its work widened, and moves up the list; 联络处 is abolished."""
    old = parsed_fujian()
    new = _replace_in_unit(
        old,
        "信息化处",
        "电子政务、电子商务的运用和推广工作",
        "电子政务的运用推广工作，拟订全省电子商务发展规划并组织实施",
    )
    new = edit_unit(new, "信息化处", name="电子商务处")
    new = drop_units(new, "联络处")
    units = list(new.units)
    moved = next(u for u in units if u.name == "电子商务处")
    units.remove(moved)
    units.insert(4, moved)
    return old, new.model_copy(update={"units": units})


def other_matters_reshuffled() -> Pair:
    """Other matter 3 (overseas labour) is dropped, the rest renumbered, and a new one on port work added."""
    old = parsed_fujian()
    kept = [m for m in old.other_matters if m.ordinal != 3]
    kept = [m.model_copy(update={"ordinal": k}) for k, m in enumerate(kept, start=1)]
    text = "省对外贸易经济合作厅会同省口岸查验单位建立口岸通关协调机制，重大事项报省人民政府决定。"
    kept.append(
        kept[0].model_copy(
            update={"ordinal": len(kept) + 1, "text": text, "span": (140_000, 140_000 + len(text))}
        )
    )
    return old, old.model_copy(update={"other_matters": kept})


def transfer_out_clause() -> Pair:
    """The talent-planning duty goes to the human-resources department, declared 划给; the visits clause
    of the same duty stays as its whole text."""
    old = parsed_fujian()
    new = reword_duty(old, 11, "起草并组织实施全省外经贸人才规划；", "")
    new = set_adjustments(
        new,
        (
            "transferred_out",
            "省人力资源和社会保障厅",
            "将起草并组织实施全省外经贸人才规划的职责划给省人力资源和社会保障厅。",
        ),
    )
    return old, new


def nested_drop_renumber_reword() -> Pair:
    """机关服务中心: item 2.2 (housing reform) dropped, later items renumbered, old 2.5 (now 2.4) reworded."""
    old = parsed_mofcom("机关服务中心")
    two = old.duties[1]
    items = [i for i in two.items if i.ordinal != 2]
    items = [
        i.model_copy(
            update={"text": i.text.replace("具体组织实施工作", "具体组织实施和竣工验收工作")}
            if i.ordinal == 5
            else {}
        )
        for i in items
    ]
    items = [i.model_copy(update={"ordinal": k}) for k, i in enumerate(items, start=1)]
    duties = [old.duties[0], two.model_copy(update={"items": items}), *old.duties[2:]]
    return old, old.model_copy(update={"duties": duties})


def rank_only_aliases_reordered() -> Pair:
    """投资促进中心: the rank is stated for the first time; its two other names are listed the other way round."""
    old = parsed_mofcom("投资促进中心")
    return old, old.model_copy(update={"rank": "正司级", "aliases": list(reversed(old.aliases))})


def closing_reworded_new_before() -> Pair:
    """A new duty on exchanges abroad goes in before the closing duty, whose wording is updated."""
    old = culture()
    new = _set_duty(old, 8, "完成省委、省政府交办的其他任务。")
    new = add_duty(new, "管理全省文化和旅游对外及对港澳台交流、合作和宣传推广工作。", before=8)
    return old, new


PAIRS: dict[str, tuple[Callable[[], Pair], str]] = {
    "heldout-merge-keep-name": (merge_keep_name, FUJIAN_FILE),
    "heldout-split-keep-name": (split_keep_name, FUJIAN_FILE),
    "heldout-rename-reword-unit": (rename_reword_unit, FUJIAN_FILE),
    "heldout-insert-top-renumber": (insert_top_renumber, FUJIAN_FILE),
    "heldout-move-clause": (move_clause, FUJIAN_FILE),
    "heldout-cancel-declared": (cancel_declared, FUJIAN_FILE),
    "heldout-transfer-in-declared": (transfer_in_declared, FUJIAN_FILE),
    "heldout-staffing-rank": (staffing_rank, "culture (our own derived record)"),
    "heldout-near-duplicates": (near_duplicates, "culture (our own derived record)"),
    "heldout-heavy-reword": (heavy_reword, "culture (our own derived record)"),
    "heldout-one-char-changes": (one_char_changes, FUJIAN_FILE),
    "heldout-punctuation-reissue": (punctuation_reissue, FUJIAN_FILE),
    "heldout2-unit-label-swap": (unit_label_swap, FUJIAN_FILE),
    "heldout2-staffing-regrouped": (staffing_regrouped, FUJIAN_FILE),
    "heldout2-duty-split": (duty_split, FUJIAN_FILE),
    "heldout2-plate-and-offices": (plate_and_offices, FUJIAN_FILE),
    "heldout2-delegate-out": (delegate_out, FUJIAN_FILE),
    "heldout2-nested-insert-and-lift": (nested_insert_and_lift, MOFCOM_FILE),
    "heldout2-clause-swap-units": (clause_swap_units, FUJIAN_FILE),
    "heldout3-functions-alias-dropped": (functions_alias_dropped, MOFCOM_FILE),
    "heldout3-three-units-merged": (three_units_merged, FUJIAN_FILE),
    "heldout3-cancel-one-declared-one-not": (cancel_one_declared_one_not, FUJIAN_FILE),
    "heldout3-nested-reword-alias": (nested_reword_alias, MOFCOM_FILE),
    "heldout3-unit-added-with-staff": (unit_added_with_staff, FUJIAN_FILE),
    "heldout3-staffing-text-only": (staffing_text_only, FUJIAN_FILE),
    "heldout4-unit-renamed-moved": (unit_renamed_moved, FUJIAN_FILE),
    "heldout4-other-matters-reshuffled": (other_matters_reshuffled, FUJIAN_FILE),
    "heldout4-transfer-out-clause": (transfer_out_clause, FUJIAN_FILE),
    "heldout4-nested-drop-renumber-reword": (nested_drop_renumber_reword, MOFCOM_FILE),
    "heldout4-rank-only-aliases-reordered": (rank_only_aliases_reordered, MOFCOM_FILE),
    "heldout4-closing-reworded-new-before": (closing_reworded_new_before, "culture (our own derived record)"),
}


def render(name: str) -> str:
    build, source = PAIRS[name]
    where = f"tests/golden/{source} read by yange.parse" if source in (FUJIAN_FILE, MOFCOM_FILE) else source
    return pair_document(name, build, f"{where}, edited by tests/diff/make_heldout.py")


def main() -> None:
    HELDOUT_DIR.mkdir(parents=True, exist_ok=True)
    for name in PAIRS:
        (HELDOUT_DIR / f"{name}.json").write_text(render(name), encoding="utf-8")


if __name__ == "__main__":
    main()
