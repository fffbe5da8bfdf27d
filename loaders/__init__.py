"""Loaders: Excel returns and published files in, parsed and validated, written to the store. No Streamlit here."""
