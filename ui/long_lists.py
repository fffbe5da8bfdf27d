"""A long list shown newest first (the uploads on History, the audit log): the newest few at first and every one on
request, so that a page years into use opens on what is recent; and only the kinds chosen, if any are."""

import pandas as pd
import streamlit as st

SHOWN = 24  # rows listed at first: about a year of monthly returns and action logs


def newest_first(
    frame: pd.DataFrame, kind_column: str, kinds: dict[str, str], title: str, key: str, shown: int = SHOWN
) -> tuple[pd.DataFrame, str]:
    """Draws the list's choices (which kinds, every row) and gives the rows to list, newest first as `frame` is,
    and the table's caption. `kinds` maps each kind in `kind_column` to its words, in the order offered."""
    present = set(frame[kind_column])
    held = [kind for kind in kinds if kind in present]
    chosen = st.multiselect(
        f"Kinds of {title.lower()} to list", [kinds[k] for k in held], key=f"{key}_kinds", placeholder="Every kind"
    )
    listed = frame[frame[kind_column].isin([k for k in held if kinds[k] in chosen])] if chosen else frame
    caption = f"{title}, newest first" + (f": {' and '.join(chosen)} only" if chosen else "")
    if len(listed) > shown and not st.toggle(f"List all {len(listed)}", key=f"{key}_all"):
        caption += f"{';' if chosen else ':'} the newest {shown} of {len(listed)}"
        listed = listed.head(shown)
    return listed, caption
