"""Committee packs: the month's pack as PDF and Excel, built in one click and stored exactly as presented."""

from html import escape

import streamlit as st

from accounts.roles import NotAllowed, Permission, can
from domain.months import moment_label, month_label
from domain.pack import AUDIENCES
from domain.workstreams import workstreams_in_plan
from ui import context as app_context
from ui import filters, packs
from ui.html import STYLE, table
from ui.text import plain

context = app_context.load()
month = filters.selected_month(context)
selected = filters.selected_workstreams(context)
app_context.published(context)  # a pack's published figures, read before the heading as is every file a council
# may edit: a slip in typing one stops the page here, under one heading
st.title("Committee packs")
st.markdown(
    "The monthly performance pack for the scrutiny committee and the Improvement Board, as a PDF to read or print "
    "(status is shown by shape and word, so it reads in black and white) and an Excel workbook of the same "
    "figures. Each pack is stored exactly as built, with the uploads its figures came from, so a pack as "
    "presented can always be downloaded again unchanged."
    + (
        " These are the public versions: small numbers are shown as c and only commentary marked for publication "
        "is included."
        if not can(context.actor, Permission.SEE_FULL_FIGURES)
        else ""
    )
)
if "pack_built" in st.session_state:
    st.success(st.session_state.pop("pack_built"))

if not context.is_home:
    st.info(
        f"Committee packs are {app_context.home_label()}'s; {context.council_label}'s figures are shown for "
        "comparison only. Choose your own council in the Council filter to build or read a pack."
    )
    st.stop()
if can(context.actor, Permission.BUILD_PACK) and month is not None:
    in_plan = [ws.code for ws in workstreams_in_plan(context.workstreams, month, selected)] if selected else []
    chosen = ", ".join(context.workstreams[c].label for c in in_plan) if selected else "all workstreams"
    something_to_build = not selected or bool(in_plan)  # the chosen workstreams may all be out of the plan
    st.subheader("Build a pack")
    filters.say_which_are_not_in_the_plan(context, month, selected)
    if something_to_build:
        st.markdown(
            f"For **{month_label(month)}** and **{plain(chosen)}** (change these with the filters). A "
            "members' version and a public version are built and stored together."
        )
    if something_to_build and st.button("Build and store the pack", type="primary", key="build_pack"):
        with st.spinner("Building the pack…"):
            try:
                ids = packs.build(context, month, in_plan)
            except NotAllowed as refused:
                st.error(str(refused))
                st.stop()
        st.session_state["pack_built"] = (
            f"Stored pack {ids['members']} (members) and pack {ids['public']} (public) for {month_label(month)}."
        )
        st.rerun()

stored = packs.stored(context.actor)
st.subheader("Stored packs")
if not stored:
    st.info(
        "No pack has been built yet."
        + (
            " Build the first with the button above."
            if can(context.actor, Permission.BUILD_PACK)
            else " A director or the performance team builds each month's pack; it is listed here once built."
        )
    )
    st.stop()
names = {p.pack_id: p for p in stored}
rows = [
    [
        str(p.pack_id),
        escape(month_label(p.month)),
        escape(", ".join(p.workstreams) if p.workstreams else "All"),
        escape(AUDIENCES[p.audience]),
        escape(p.built_by),
        escape(moment_label(p.built_at)),
        str(len(p.sources)),
    ]
    for p in stored
]
st.html(
    STYLE
    + table(
        "Stored packs, newest first",
        ["Pack", "Month", "Workstreams", "For", "Built by", "Built", "Uploads used"],
        rows,
        numeric={6},
        widths=[7, 14, 14, 22, 16, 15, 12],
    )
)
choices = list(names)
# the newest members' pack first, where the person may have it: a build stores both, the members' one second
newest_members = next((i for i in choices if names[i].audience == "members"), choices[0])
chosen_id = st.selectbox(
    "Pack to download",
    choices,
    index=choices.index(newest_members),
    key="pack_choice",
    format_func=lambda i: (
        f"Pack {i}: {month_label(names[i].month)}, {AUDIENCES[names[i].audience].split(' (')[0].lower()}"
    ),
)
pack = names[chosen_id]
stem = f"performance_pack_{pack.month:%Y-%m}_{pack.audience}_{pack.pack_id}"
left, right = st.columns(2)
left.download_button(
    "Download the PDF",
    packs.file_bytes(pack.pack_id, "pdf", context.actor),
    file_name=f"{stem}.pdf",
    mime="application/pdf",
    key="pack_pdf",
    on_click="ignore",
    help=f"SHA-256 {pack.pdf_sha256}",
)
right.download_button(
    "Download the Excel workbook",
    packs.file_bytes(pack.pack_id, "xlsx", context.actor),
    file_name=f"{stem}.xlsx",
    key="pack_xlsx",
    on_click="ignore",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    help=f"SHA-256 {pack.xlsx_sha256}",
)
if can(context.actor, Permission.SEE_FULL_FIGURES):  # the public are told how many, not which files
    st.caption(
        f"Pack {pack.pack_id} was built from {len(pack.sources)} uploads: "
        + ", ".join(f"{s.submission_id} ({plain(s.file_name)})" for s in pack.sources[-5:])
        + (" and earlier ones." if len(pack.sources) > 5 else ".")
    )
else:
    st.caption(f"Pack {pack.pack_id} was built from {len(pack.sources)} uploads by the performance team.")
