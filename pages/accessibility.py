"""Accessibility statement, in the format the UK public sector accessibility regulations ask for."""

from html import escape

import streamlit as st

from ui import context as app_context
from ui.accessibility import AXE_TAGS, KNOWN_ISSUES
from ui.html import STYLE, table

app_context.load()
st.title("Accessibility statement")
st.markdown(
    "This statement applies to the children's services improvement dashboard. We want as many people as possible "
    "to be able to use it, including with a keyboard alone, speech recognition software or a screen reader. Every "
    "status is shown as a word and a shape as well as a colour, and every chart has a plain-English summary and a "
    "table of the same figures."
)
st.header("How accessible this dashboard is")
if KNOWN_ISSUES:
    st.markdown(
        "The dashboard is partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2 "
        "AA standard, because of the known problems below."
    )
else:
    st.markdown(
        "The automated checks described below find no failure of the Web Content Accessibility Guidelines (WCAG) "
        "version 2.2 AA standard on any page, in any role. Automated checks find only some problems, and a review "
        "by people who use assistive technology is still to be done, so we do not yet claim full compliance."
    )
st.header("Non-accessible content")
if KNOWN_ISSUES:
    rows = [
        [escape(issue.what), escape(issue.criterion), escape(issue.why), escape(issue.instead)]
        for issue in KNOWN_ISSUES
    ]
    st.html(
        STYLE
        + table(
            "Known accessibility problems",
            ["What is not accessible", "WCAG criterion", "Why", "What to use instead"],
            rows,
            widths=[30, 15, 25, 30],
        )
    )
else:
    st.markdown("No known problems. If you find one, please tell us (see below).")
st.header("What to do if you cannot use part of this dashboard")
st.markdown(
    "Committee papers are also available as PDF and Excel on the Committee packs page. If you need "
    "information in a different format, or you find a problem not listed here, contact the council's "
    "performance team."
)
st.header("How we tested this dashboard")
st.markdown(
    f"Every page is checked automatically, in each role (public, scrutiny member, director, performance "
    f"team, administrator), with axe-core against the rules tagged {', '.join(AXE_TAGS)}, each time the "
    "dashboard's tests run. A check that finds a problem not listed above fails the tests."
)
st.markdown(
    "Automated checks find only some problems. A review by people who use assistive technology is still "
    "to be done; its findings will be added here."
)
