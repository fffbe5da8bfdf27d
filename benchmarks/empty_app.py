"""The baseline for page benchmarks: an empty Streamlit page with just a title."""

import streamlit as st

st.title("Empty")
