"""Charts drawn from a cache: each Altair chart's Vega-Lite spec is built once for the figures it shows.

Building and validating a layered Altair chart takes 100-250 ms of the server's time, more than the rest of a page.
The spec is keyed by a digest of everything the chart is drawn from, so the same figures reuse it and changed
figures (an upload, a rollback, a recalculation) build a new one: nothing needs invalidating by hand.
"""

import copy
import hashlib
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st


@st.cache_resource(show_spinner=False, max_entries=512)
def _spec(key: str, _build: Callable[[], alt.TopLevelMixin]) -> dict:
    spec = _build().to_dict()
    view = spec.get("config", {}).get("view", {})
    for name in ("continuousWidth", "continuousHeight"):  # Altair's default theme; Streamlit sizes the chart
        view.pop(name, None)
    return spec


def fingerprint(value) -> str:
    """A digest of a chart's inputs that depends only on their content: data frames by their values, index and
    column types; dataclasses (trends, events, published figures) and plain values by their repr, which lists
    every field. An input whose repr shows only its identity would never be reused, never wrongly reused."""
    digest = hashlib.sha256()
    _feed(digest, value)
    return digest.hexdigest()


def _feed(digest, value) -> None:
    if isinstance(value, pd.DataFrame):
        digest.update(repr((list(value.columns), [str(t) for t in value.dtypes], len(value))).encode())
        digest.update(pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes())
    elif isinstance(value, list | tuple):
        digest.update(f"{type(value).__name__}[{len(value)}]".encode())
        for item in value:
            _feed(digest, item)
    else:
        digest.update(repr(value).encode())


def chart_spec(build: Callable[..., alt.TopLevelMixin], *inputs) -> dict:
    """The Vega-Lite spec of `build(*inputs)`, built only the first time these inputs are seen."""
    digest = fingerprint(inputs)
    key = f"{build.__module__}.{build.__qualname__}:{digest}"
    return copy.deepcopy(_spec(key, lambda: build(*inputs)))


def show_chart(build: Callable[..., alt.TopLevelMixin], *inputs, alt_text: str) -> None:
    """Draw `build(*inputs)` across the page, with `alt_text` as its text alternative for screen readers."""
    st.vega_lite_chart(spec=chart_spec(build, *inputs), width="stretch", alt=alt_text)
