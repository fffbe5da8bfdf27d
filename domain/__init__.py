"""What the figures mean: the KPI catalogue, the BRAG rule, SPC, trends and their summaries, small-number
suppression, the action log and the committee pack's content, and reading the current figures.

Nothing in this package imports Streamlit: pages call it; loaders write through database.schema.
"""
