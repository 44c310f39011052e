"""Agency: pick any agency, then its lineage, versions, the record in force on a date, staffing over
time, the 新旧对照 of two versions, and the Word and Markdown documents of both."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import charts, data, documents, render, vocab
from dashboard.render import plain
from dashboard.widgets import columns, day, lang, raw, t, word

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["agency"], lang()))

# The picker: every agency, grouped by region and level, searchable by name, alias and former name.
directory = data.directory(db)
region_col, level_col, search_col = st.columns([1, 1, 2])
region = region_col.selectbox(
    raw("filter.region"),
    ["", *sorted(set(directory["region"]))],
    format_func=lambda r: r or raw("filter.all"),
    key="agency_region",
)
level = level_col.selectbox(
    raw("filter.level"),
    ["", *vocab.LEVELS],
    format_func=lambda v: word(vocab.LEVELS, v) if v else raw("filter.all"),
    key="agency_level",
)
q = search_col.text_input(raw("agency.search"), key="agency_q")
found = data.find_in_directory(directory, q=q, region=region, level=level)
st.caption(t("agency.count", n=len(found)))
wanted = st.query_params.get("agency")
if wanted and wanted not in set(directory["agency_id"]):
    st.error(t("agency.unknown", id=wanted))
    st.stop()
if found.empty:
    st.caption(t("agency.none"))
    st.stop()
ids = found["agency_id"].tolist()
labels = {
    r.agency_id: f"【{r.region} · {word(vocab.LEVELS, r.level)}】{r.name}"
    + (f"（{'、'.join(r.known_as[:4])}）" if r.known_as else "")
    for r in found.itertuples()
}
agency_id = st.selectbox(
    raw("agency.pick"),
    ids,
    index=ids.index(wanted) if wanted in ids else 0,
    format_func=labels.get,
    key="agency_pick",
)
if agency_id != wanted:
    st.query_params["agency"] = agency_id

info = data.agency(db, agency_id)
if info is None:
    st.error(t("agency.unknown", id=agency_id))
    st.stop()
st.header(plain(info["name"]), divider="gray")
known = directory.loc[directory["agency_id"] == agency_id, "known_as"].iloc[0]
st.caption(
    t(
        "agency.region",
        region=info["region"],
        level=word(vocab.LEVELS, data.level_of(info["name"], info["region"])),
    )
    + ("  \n" + t("agency.aliases", names="、".join(known)) if known else "")
)

lineage = data.lineage(db, agency_id)
if not lineage.empty:
    st.subheader(t("agency.lineage"))
    for row in lineage.itertuples():
        label = t(
            "agency.lineage_row",
            direction=word(vocab.RELATIONS, row.direction),
            name=row.name,
            relation=word(vocab.RELATIONS, row.relation),
            date=day(row.effective_date) or raw("agency.date_unknown"),
        )
        left, right = st.columns([3, 2])
        if row.stored:
            left.page_link("views/agency.py", label=label, query_params={"agency": row.agency_id})
        else:
            left.markdown(f"- {label}")
        if row.notice_id:
            right.page_link(
                "views/notice.py", label=t("agency.stated"), query_params={"notice": row.notice_id}
            )
        else:
            right.caption(plain(row.source))

versions = data.versions(db, agency_id)
st.subheader(t("agency.versions", n=len(versions)))
st.dataframe(
    columns(
        versions[["valid_from", "valid_to", "title", "doc_number", "derived"]],
        dates=("valid_from", "valid_to"),
    ),
    hide_index=True,
    width="stretch",
)
for row in versions[versions["derived"]].itertuples():
    st.page_link(
        "views/notice.py",
        label=t("agency.derived", day=day(row.valid_from), title=row.title),
        query_params={"notice": row.notice_id},
    )
    flagged = (
        [str(w) for w in row.warnings]
        if hasattr(row.warnings, "__len__") and not isinstance(row.warnings, str)
        else []
    )
    if row.partial or flagged:
        st.warning("  \n".join(plain(w) for w in flagged) or t("agency.partial"), icon="⚠️")

st.subheader(t("agency.in_force"))
on = st.date_input(
    raw("agency.day"),
    value=versions["valid_from"].max() if len(versions) else dt.date.today(),
    min_value=dt.date(1949, 10, 1),
    max_value=dt.date(2100, 1, 1),
    format="YYYY-MM-DD",
    key="agency_day",
)
in_force = data.record_as_of(db, agency_id, on)
if in_force.empty:
    st.caption(t("agency.no_version", day=day(on)))
else:
    if in_force["derived"].any():
        st.caption(t("agency.derived_note"))
    st.dataframe(columns(in_force.drop(columns=["snapshot_id", "derived"])), hide_index=True, width="stretch")
    record_title = f"{info['name']} · {day(on)}"
    word_col, md_col = st.columns(2)
    word_col.download_button(
        raw("export.record_docx"),
        documents.record_word(in_force, title=record_title, lang=lang()),
        documents.file_name(info["name"], on, suffix="docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="export_record_docx",
    )
    md_col.download_button(
        raw("export.record_md"),
        documents.record_md(in_force, title=record_title, lang=lang()),
        documents.file_name(info["name"], on, suffix="md"),
        "text/markdown",
        key="export_record_md",
    )

staffing = data.staffing(db, agency_id)
if not staffing.empty:
    st.subheader(t("agency.staffing"))
    st.altair_chart(charts.staffing_chart(staffing, lang=lang()), width="stretch")

st.subheader(t("agency.compare"))
if len(versions) < 2:
    st.caption(t("agency.one_version"))
    st.stop()
version_labels = {
    r.snapshot_id: f"{day(r.valid_from)} · {r.title}" + (raw("agency.derived_mark") if r.derived else "")
    for r in versions.itertuples()
}
vids = list(version_labels)
old_col, new_col = st.columns(2)
# ?old=&new= (snapshot ids) make a comparison linkable; by default, the last two versions.
wanted_old, wanted_new = st.query_params.get("old"), st.query_params.get("new")
old_index = vids.index(wanted_old) if wanted_old in vids else len(vids) - 2
new_index = vids.index(wanted_new) if wanted_new in vids else len(vids) - 1
old_id = old_col.selectbox(
    raw("agency.old"), vids, index=old_index, format_func=version_labels.get, key="cmp_old"
)
new_id = new_col.selectbox(
    raw("agency.new"), vids, index=new_index, format_func=version_labels.get, key="cmp_new"
)
if old_id == new_id:
    st.caption(t("agency.same_pick"))
    st.stop()
cmp = data.comparison(db, old_id, new_id)
counts = {s: sum(r.status == s for r in cmp.rows) for s in ("changed", "added", "removed", "same")}
st.caption(t("agency.counts", **counts))
changed_only = st.toggle(raw("agency.changed_only"), value=True, key="cmp_changed_only")
shown = [(r, o) for r, o in zip(cmp.rows, cmp.ops, strict=True) if not (changed_only and r.status == "same")]
sections = {code: vocab.pick(words, lang()) for code, words in vocab.SECTIONS.items()}
st.html(
    render.compare_table(
        [r for r, _ in shown],
        [o for _, o in shown],
        old_title=version_labels[old_id],
        new_title=version_labels[new_id],
        sections=sections,
    )
)
st.download_button(
    raw("export.compare_docx"),
    documents.comparison_word(
        cmp, title=f"{info['name']} · {raw('agency.compare')}", old_title=version_labels[old_id],
        new_title=version_labels[new_id], lang=lang(),
    ),
    documents.file_name(info["name"], versions.set_index("snapshot_id").loc[new_id, "valid_from"], suffix="docx",
                   prefix="新旧对照"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    key="export_compare_docx",
)  # fmt: skip

if cmp.reconciliations:
    st.markdown(f"**{t('agency.declared')}**")
    for rec in cmp.reconciliations:
        box = st.container(border=True)
        box.text(f"【{word(vocab.ADJUSTMENT_KINDS, rec.kind)}】{rec.text}")
        for change in rec.observed:
            text = change.get("new_text") or change.get("old_text") or ""
            box.text(f"  ✓ {word(vocab.CHANGE_TYPES, change['change_type'])}：{text}")
        if rec.reconciled is False:
            box.warning(t("agency.flagged"), icon=":material/warning:")
        elif rec.reconciled is None:
            box.caption(t("agency.first"))
