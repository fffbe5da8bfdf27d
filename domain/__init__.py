"""Domain logic of the improvement dashboard: KPI catalogue, status rules, database schema and queries.

Nothing in this package imports Streamlit: pages call it, loaders write through its schema.
"""
