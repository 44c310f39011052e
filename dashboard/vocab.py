"""Every word the dashboard shows, in Chinese (the reviewers' language, the default) and English.

One table per kind of word: the labels of the pages, the names of change types, adjustment kinds,
amendment effects, sections, lineage relations and notice kinds. Pure data and two formatters, so a
test can check that every code the history may hold, and every key a page asks for, has both words.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# Navigation: url path -> (Chinese, English) title. The order is the sidebar's.
PAGES: dict[str, tuple[str, str]] = {
    "timeline": ("改革时间线", "Reform timeline"),
    "agency": ("机构沿革", "Agency history"),
    "rounds": ("改革轮次", "Reform rounds"),
    "digest": ("近期变化", "What changed"),
    "changes": ("变化事件", "Change events"),
    "notice": ("文件", "Notices"),
    "search": ("检索职责", "Search duties"),
    "sql": ("SQL 查询", "SQL"),
}

CHANGE_TYPES: dict[str, tuple[str, str]] = {
    "duty_added": ("新增职责", "duty added"),
    "duty_removed": ("职责取消", "duty removed"),
    "duty_reworded": ("职责调整表述", "duty reworded"),
    "unit_added": ("增设内设机构", "unit added"),
    "unit_removed": ("撤销内设机构", "unit removed"),
    "unit_renamed": ("内设机构更名", "unit renamed"),
    "staffing_changed": ("编制变化", "staffing changed"),
    "rank_changed": ("规格变化", "rank changed"),
    "alias_changed": ("牌子变化", "sign (alias) changed"),
    "declared_adjustment": ("文件所列职责调整", "declared adjustment"),
    "transferred": ("职责划转", "duty transferred"),
}

ADJUSTMENT_KINDS: dict[str, tuple[str, str]] = {
    "cancelled": ("职责取消", "cancelled"),
    "transferred_in": ("职责划入", "transferred in"),
    "transferred_out": ("职责划出", "transferred out"),
    "delegated_in": ("承接上级下放", "delegated from above"),
    "delegated_out": ("下放下级", "delegated downwards"),
    "handed_to_institution": ("交由事业单位", "handed to an institution"),
    "strengthened": ("职责加强", "strengthened"),
    "other": ("其他调整", "other"),
}

EFFECT_TYPES: dict[str, tuple[str, str]] = {
    "duty_transferred_in": ("职责划入", "duty transferred in"),
    "duty_transferred_out": ("职责划出", "duty transferred out"),
    "staffing_transferred_in": ("编制划入", "staff transferred in"),
    "staffing_transferred_out": ("编制划出", "staff transferred out"),
    "unit_added": ("增设内设机构", "unit added"),
    "unit_removed": ("撤销内设机构", "unit removed"),
    "unit_renamed": ("内设机构更名", "unit renamed"),
    "duty_text_amended": ("修改职责表述", "duty wording amended"),
    "alias_added": ("加挂牌子", "sign added"),
    "alias_removed": ("不再加挂牌子", "sign removed"),
    "body_abolished": ("不再保留", "body abolished"),
    "supervision_transferred_in": ("代管划入", "supervision transferred in"),
    "supervision_transferred_out": ("代管划出", "supervision transferred out"),
    "other": ("其他", "other"),
}

SECTIONS: dict[str, tuple[str, str]] = {
    "duty": ("主要职责", "duties"),
    "unit": ("内设机构", "units"),
    "adjustment": ("职责调整", "adjustments"),
    "other": ("其他事项", "other matters"),
    "staffing": ("人员编制", "staffing"),
    "rank": ("机构规格", "rank"),
    "alias": ("牌子", "signs"),
}

RELATIONS: dict[str, tuple[str, str]] = {
    "renamed": ("更名", "renamed"),
    "merged_into": ("并入", "merged into"),
    "split_into": ("分设", "split into"),
    "duties_absorbed": ("职责划入", "duties absorbed"),
    "abolished_into": ("撤销并入", "abolished into"),
    "predecessor": ("前身", "predecessor"),
    "successor": ("后继", "successor"),
}

NOTICE_KINDS: dict[str, tuple[str, str]] = {
    "sanding": ("三定规定", "三定 regulation"),
    "functions": ("单位职能", "unit functions"),
    "amendment": ("调整通知", "amendment"),
    "parsed": ("已解析", "parsed"),
    "rejected": ("已拒收", "rejected"),
}

LEVELS: dict[str, tuple[str, str]] = {
    "central": ("中央", "central"),
    "province": ("省级", "provincial"),
    "city": ("市级", "city"),
    "county": ("县级", "county"),
}

# Every other label, caption and help text, by key. `{name}` fields are filled by `text`.
LABELS: dict[str, tuple[str, str]] = {
    "app.title": ("沿革：机构改革史", "Yange 沿革: reform history"),
    "app.language": ("界面语言", "Language"),
    "app.history": ("数据库：{db}", "History: {db}"),
    "app.unreadable": (
        "无法读取数据库 {db}：{problem}",
        "The history database {db} cannot be read: {problem}",
    ),
    "app.missing": (
        "数据库 {db} 尚不存在。请先运行 make run（或 yange ingest [目录|网址] --db 路径）导入示例文件，然后刷新本页。",
        "The history database {db} does not exist yet. Ingest the example notices with make run "
        "(or yange ingest [FOLDER|URL] --db PATH), then reload this page.",
    ),
    "app.empty": (
        "数据库 {db} 中还没有文件。请先运行 make run（或 yange ingest [目录|网址] --db 路径）导入示例文件，然后刷新本页。",
        "The history database {db} holds no notices yet. Ingest the example notices with make run "
        "(or yange ingest [FOLDER|URL] --db PATH), then reload this page.",
    ),
    "app.failed": ("读取数据库失败：{error}", "Reading the history failed: {error}"),
    "app.refused": ("拒绝访问：{reason}", "Refused: {reason}"),
    # Filters
    "filter.title": ("筛选", "Filters"),
    "filter.agency": ("机构", "Agency"),
    "filter.agency_hint": ("名称或别名的一部分", "part of a name or alias"),
    "filter.region": ("地区", "Region"),
    "filter.level": ("层级", "Level"),
    "filter.type": ("变化类型", "Change type"),
    "filter.from": ("起始年份", "From year"),
    "filter.to": ("截止年份", "To year"),
    "filter.all": ("全部", "All"),
    "filter.choose": ("请选择", "Choose options"),
    # Timeline
    "timeline.agencies": ("机构", "Agencies"),
    "timeline.versions": ("版本", "Versions"),
    "timeline.events": ("变化事件", "Change events"),
    "timeline.none": ("没有符合筛选条件的机构版本。", "No agency versions match these filters."),
    "timeline.top": (
        "图中显示版本和变化最多的 {top} 个机构；缩小筛选范围可查看其他机构。",
        "Showing the {top} agencies with the most versions and events; narrow the filters to see others.",
    ),
    "timeline.legend": (
        "灰色短线为版本；圆点为按类型统计的变化事件，大小表示数量。点击圆点打开该机构。",
        "Grey ticks are versions; circles are change events by type, sized by count. Click a circle to open "
        "its agency.",
    ),
    "timeline.open": ("打开机构", "Open an agency"),
    "timeline.link": (
        "{agency} · {versions} 个版本 · {events} 个变化",
        "{agency} · {versions} versions · {events} events",
    ),
    "chart.version_of": ("版本日期", "version of"),
    "chart.title": ("文件", "notice"),
    "chart.change": ("变化类型", "change"),
    "chart.events": ("数量", "events"),
    "chart.agency": ("机构", "agency"),
    "chart.date": ("日期", "date"),
    "chart.posts": ("编制数", "posts"),
    "chart.category": ("编制类别", "category"),
    "chart.count": ("数量", "count"),
    "chart.giver": ("划出机构", "from"),
    "chart.receiver": ("划入机构", "to"),
    # Agency page
    "agency.pick": ("选择机构", "Choose an agency"),
    "agency.search": ("按名称、别名或曾用名检索", "Search names, aliases and former names"),
    "agency.count": ("共 {n} 个机构", "{n} agencies"),
    "agency.none": ("没有符合条件的机构。", "No agency matches."),
    "agency.unknown": ("没有编号为 {id} 的机构。", "No agency with id {id}."),
    "agency.region": ("地区：{region} · 层级：{level}", "Region: {region} · level: {level}"),
    "agency.aliases": ("别名与曾用名：{names}", "Also known as: {names}"),
    "agency.lineage": ("沿革关系", "Lineage"),
    "agency.lineage_row": (
        "{direction}：{name}（{relation}，{date}）",
        "{direction}: {name} ({relation}, {date})",
    ),
    "agency.date_unknown": ("日期不详", "date unknown"),
    "agency.stated": ("见其文件", "stated in its notice"),
    "agency.versions": ("版本（{n}）", "Versions ({n})"),
    "agency.derived": (
        "{day} 的版本由调整通知推导：{title}",
        "The version of {day} is derived: it applies the amending notice {title}",
    ),
    "agency.partial": (
        "部分版本：该机构仅见于此调整通知。",
        "Partial: the notice is all that is known of this agency.",
    ),
    "agency.in_force": ("某日有效的职责", "Record in force on a date"),
    "agency.day": ("日期", "Date"),
    "agency.no_version": ("{day} 没有有效版本。", "No version in force on {day}."),
    "agency.derived_note": ("该版本由调整通知推导。", "This version is derived from an amendment notice."),
    "agency.staffing": ("人员编制变化", "Staffing over time"),
    "agency.compare": ("新旧对照", "新旧对照: compare two versions"),
    "agency.one_version": ("目前只有一个版本。", "Only one version so far."),
    "agency.old": ("旧版本", "Old version"),
    "agency.new": ("新版本", "New version"),
    "agency.same_pick": ("请选择两个不同的版本。", "Pick two different versions."),
    "agency.counts": (
        "{changed} 项修改 · {added} 项新增 · {removed} 项删除 · {same} 项未变",
        "{changed} changed · {added} added · {removed} removed · {same} unchanged",
    ),
    "agency.changed_only": ("只显示有变化的条目", "Only items that changed"),
    "agency.declared": (
        "文件所列职责调整及印证的变化",
        "Declared adjustments (职责调整) and the changes that bear them out",
    ),
    "agency.flagged": (
        "存疑：没有观察到的变化印证这项调整。",
        "Flagged: no observed change bears this adjustment out.",
    ),
    "agency.first": (
        "首个版本所列：没有更早的版本可供核对。",
        "Declared in a first version: nothing earlier to check it against.",
    ),
    "agency.derived_mark": ("（推导）", " (derived)"),
    "export.compare_docx": ("下载新旧对照（Word）", "Download 新旧对照 (Word)"),
    "export.record_docx": ("下载该日有效职责（Word）", "Download the record in force (Word)"),
    "export.record_md": ("下载该日有效职责（Markdown）", "Download the record in force (Markdown)"),
    # Rounds
    "rounds.intro": (
        "选定地区和时期，查看职责和编制在机构之间的划转，以及机构的组建、合并、更名和撤销。",
        "Pick a region and a period: duties and staff moving between agencies, and agencies created, merged, "
        "renamed and abolished.",
    ),
    "rounds.flows": ("职责与编制划转", "Duties and staff moving between agencies"),
    "rounds.no_flows": ("该时期没有划转。", "No transfers in this period."),
    "rounds.flow_caption": (
        "左为划出机构，右为划入机构，线宽表示条数。",
        "Givers on the left, receivers on the right; line width is the number of items.",
    ),
    "rounds.arrows": ("每条划转及其文件", "Each transfer and its notices"),
    "rounds.arrow": ("{giver} → {receiver}：{count} 项（{what}）", "{giver} → {receiver}: {count} ({what})"),
    "rounds.staff": ("，编制：{staff}", "; staff: {staff}"),
    "rounds.observed": ("观察到的划转", "observed"),
    "rounds.declared": ("文件声明", "declared"),
    "rounds.created": ("新组建的机构", "Agencies created"),
    "rounds.lineage": ("合并、更名与撤销", "Merged, renamed and abolished"),
    "rounds.none": ("无", "None"),
    "rounds.notice": ("文件：{title}", "Notice: {title}"),
    # Digest
    "digest.since": ("自此日期以来", "Since"),
    "digest.heading": ("机构改革动态（{since}以来）", "Reform notices since {since}"),
    "digest.intro": (
        "自所选日期以来公布的每份文件及其带来的变化；也可用命令 yange digest --since 日期 订阅（Markdown 或 Atom）。",
        "Every notice published since the date and what it changed; subscribe with yange digest --since DATE "
        "(Markdown or Atom).",
    ),
    "digest.count": ("{n} 份文件", "{n} notices"),
    "digest.none": ("该日期以来没有新文件。", "No notices since that date."),
    "digest.entry": ("{day} · {title}", "{day} · {title}"),
    "digest.download_md": ("下载 Markdown", "Download Markdown"),
    "digest.download_atom": ("下载 Atom 订阅", "Download Atom feed"),
    # Changes
    "changes.similarity": ("最低相似度", "Minimum similarity"),
    "changes.count": ("{n} 个事件", "{n} events"),
    "changes.first": ("（仅前 {limit} 个；请缩小筛选范围）", " (the first {limit}; narrow the filters)"),
    "changes.csv": ("下载 CSV", "Download CSV"),
    "changes.parquet": ("下载 Parquet", "Download Parquet"),
    # Notice page
    "notice.pick": ("文件", "Notice"),
    "notice.none": ("还没有文件。", "No notices yet."),
    "notice.rejected": ("已拒收：{reason}", "Rejected: {reason}"),
    "notice.quality": ("解析质量", "Parse quality"),
    "notice.duplicates": ("删除的重复段落", "Duplicates removed"),
    "notice.relocated": ("移位的条目", "Items relocated"),
    "notice.gaps": ("编号缺口", "Numbering gaps"),
    "notice.missing": (
        "{section}缺少第 {items} 项；记录可能不完整。",
        "Missing in {section}: items {items}; the record may be incomplete.",
    ),
    "notice.truncated": ("文件文本被截断。", "The notice text was truncated."),
    "notice.source": ("原文", "Source text"),
    "notice.spans": (
        "已标出 {n} 个记录条目；悬停可见其机构和部分。",
        "{n} record items highlighted; hover one for its agency and section.",
    ),
    "notice.first_chars": (
        "仅显示前 {shown} 个字符（共 {total} 个）。",
        "Showing the first {shown} of {total} characters.",
    ),
    "notice.rejected_inputs": ("拒收的输入（{n}）", "Rejected inputs ({n})"),
    "field.doc_number": ("文号", "Document number"),
    "field.issuer": ("发文机关", "Issuer"),
    "field.published_on": ("发布日期", "Published"),
    "field.kind": ("类型", "Kind"),
    "field.source": ("来源", "Source"),
    "field.ingested_at": ("导入时间", "Ingested"),
    "field.status": ("状态", "Status"),
    "field.reason": ("原因", "Reason"),
    # Search
    "search.q": ("要查找的文字", "Text to find"),
    "search.placeholder": ("例如 口岸 或 进出口", "e.g. 口岸 or 进出口"),
    "search.current": ("只看现行版本", "Only versions in force now"),
    "search.intro": (
        "在所有版本中查找含有这些文字的职责、内设机构和职责调整。",
        "Finds every duty, unit and adjustment whose text contains the words, in every version.",
    ),
    "search.count": ("{n} 条结果", "{n} matches"),
    "search.first": ("（仅前 200 条）", " (the first 200)"),
    "search.agency": ("{agency}（{n}）", "{agency} ({n})"),
    # SQL
    "sql.intro": (
        "只读：每次一条普通 SELECT 语句，在独立的受限进程中运行，{timeout} 秒后终止。可用的表：notices、agencies、"
        "snapshots、duties、staffing、changes、agency_lineage，以及宏 duties_as_of(date)。",
        "Read-only: one plain SELECT at a time, run in a limited process of its own and stopped after {timeout} s. "
        "Relations: notices, agencies, snapshots, duties, staffing, changes, agency_lineage, and the macro "
        "duties_as_of(date).",
    ),
    "sql.example": ("示例", "Example"),
    "sql.query": ("查询", "Query"),
    "sql.run": ("运行", "Run"),
    "sql.ex.types": ("各类变化事件数量", "Change events per type"),
    "sql.ex.versions": ("各机构的版本数", "Versions per agency"),
    "sql.ex.as_of": ("某日有效的职责", "Duties in force on a date"),
    "sql.ex.rejected": ("拒收的文件", "Rejected notices"),
    "sql.rows": ("{n} 行", "{n} rows"),
    "sql.limit": ("（已达上限）", " (limit reached)"),
    # Column headers of the tables
    "col.valid_from": ("生效日期", "valid from"),
    "col.valid_to": ("失效日期", "valid to"),
    "col.title": ("文件标题", "notice"),
    "col.doc_number": ("文号", "document number"),
    "col.derived": ("推导", "derived"),
    "col.section": ("部分", "section"),
    "col.ordinal": ("序号", "no."),
    "col.unit_name": ("内设机构", "unit"),
    "col.kind": ("调整类型", "kind"),
    "col.text": ("内容", "text"),
    "col.date": ("日期", "date"),
    "col.agency": ("机构", "agency"),
    "col.change_type": ("变化类型", "change type"),
    "col.old_text": ("原文", "old text"),
    "col.new_text": ("新文", "new text"),
    "col.similarity": ("相似度", "similarity"),
    "col.notice": ("文件", "notice"),
    "col.source": ("来源", "source"),
    "col.reason": ("原因", "reason"),
    "col.ingested_at": ("导入时间", "ingested"),
    "col.from_section": ("原部分", "from section"),
    "col.to_section": ("现部分", "to section"),
}

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def pick(words: tuple[str, str], lang: Lang) -> str:
    return words[0] if lang == "zh" else words[1]


def text(key: str, lang: Lang, **fields: object) -> str:
    """The label `key` in `lang`, with its `{fields}` filled; a KeyError names a missing key."""
    return pick(LABELS[key], lang).format(**fields)


def code(table: dict[str, tuple[str, str]], value: object, lang: Lang) -> str:
    """The word for a stored code (a change type, a kind...); an unknown code is shown as it is."""
    words = table.get(str(value)) if value is not None else None
    return pick(words, lang) if words else ("" if value is None else str(value))


def date(day: dt.date | dt.datetime | None, lang: Lang) -> str:
    """2010年5月29日 in Chinese, 29 May 2010 in English; an empty string for no date."""
    if day is None:
        return ""
    if lang == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"
