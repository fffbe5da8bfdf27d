"""Streamlit glue shared by app.py and the pages: cached data access, shared filters and accessible HTML pieces."""
