"""Reform rounds: in a region and period, who gave what to whom, and which agencies came and went."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, vocab
from dashboard.render import plain
from dashboard.widgets import date_range, day, lang, raw, t, word

db = data.db_path()
st.title(vocab.pick(vocab.PAGES["rounds"], lang()))
st.caption(t("rounds.intro"))
opts = data.options(db)
regions = st.sidebar.multiselect(
    raw("filter.region"), opts.regions, placeholder=raw("filter.choose"), key="rounds_regions"
)
start, end = date_range(opts, key="rounds_dates")
view = data.reform_round(db, tuple(regions), start, end)

st.subheader(t("rounds.flows"))
if view.flows.empty:
    st.caption(t("rounds.no_flows"))
else:
    arrows = data.round_arrows(view.flows)
    widths = arrows.assign(count=arrows["count"].clip(lower=1))  # posts alone still draw a line
    st.altair_chart(
        charts.flow_chart(widths.groupby(["giver", "receiver"], as_index=False)["count"].sum(), lang=lang()),
        width="stretch",
    )
    st.caption(t("rounds.flow_caption"))
    st.subheader(t("rounds.arrows"))
    for arrow in arrows.itertuples():
        label = t(
            "rounds.arrow",
            giver=arrow.giver,
            receiver=arrow.receiver,
            count=arrow.count,
            what=raw("rounds.observed" if arrow.how == "observed" else "rounds.declared"),
        ) + (
            t("rounds.staff", staff="、".join(f"{k} {v}" for k, v in arrow.staff.items()))
            if arrow.staff
            else ""
        )
        with st.expander(label):
            items = view.flows[
                (view.flows["giver"] == arrow.giver)
                & (view.flows["receiver"] == arrow.receiver)
                & (view.flows["how"] == arrow.how)
            ]
            for item in items.drop_duplicates(["section", "text"]).itertuples():
                st.text(f"{day(item.published_on)} · {word(vocab.SECTIONS, item.section)} · {item.text}")
            for notice_id in arrow.notices:
                title = items.loc[items["notice_id"] == notice_id, "title"].iloc[0]
                st.page_link(
                    "views/notice.py",
                    label=t("rounds.notice", title=title),
                    query_params={"notice": notice_id},
                )

st.subheader(t("rounds.created"))
if view.created.empty:
    st.caption(t("rounds.none"))
for row in view.created.itertuples():
    st.page_link(
        "views/agency.py", label=f"{day(row.day)} · {plain(row.name)}", query_params={"agency": row.agency_id}
    )

st.subheader(t("rounds.lineage"))
if view.lineage.empty:
    st.caption(t("rounds.none"))
for row in view.lineage.itertuples():
    st.markdown(
        f"- {plain(day(row.day) or raw('agency.date_unknown'))} · {plain(row.predecessor)} "
        f"**{plain(word(vocab.RELATIONS, row.relation))}** {plain(row.successor)}"
    )
    source = str(row.source)
    if source.startswith("notice:"):
        st.page_link(
            "views/notice.py",
            label=t("agency.stated"),
            query_params={"notice": source.removeprefix("notice:")},
        )
    else:
        st.caption(plain(source))
