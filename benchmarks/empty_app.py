"""The baseline for page benchmarks: an empty Streamlit page with just a title, at the app's address ("/") and at a
second page's address ("/second").

Streamlit's browser code, opened at a page's own address such as /kpi, first asks the server for
/kpi/_stcore/health, gets "not found", waits 100 ms and asks again at /_stcore/health before it connects (Streamlit
issue #7074). Every page but the first pays that, however little it shows, so the benchmark also measures an empty
page at a second page's address. The menu is hidden, so "/" shows exactly what a one-page app would.
empty_app_secured.py serves the same page with the dashboard's security headers.
"""

import streamlit as st


def first() -> None:
    st.title("Empty")


def second() -> None:
    st.title("Empty")


def show() -> None:
    st.navigation(
        [st.Page(first, title="Empty", default=True), st.Page(second, title="Empty", url_path="second")],
        position="hidden",
    ).run()


if __name__ == "__main__":  # the page, as Streamlit runs it; not when the server imports the file at its start
    show()
