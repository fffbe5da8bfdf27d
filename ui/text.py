"""Text that people typed (file names, display names, event titles, action ids, officers' names), made safe to put
inside Streamlit's Markdown: it reads exactly as typed and can never become a link, an image, a heading or a
coloured or icon directive.

Streamlit renders the text of st.markdown, st.caption, st.info, st.success, st.warning, st.error, headers and
widget labels as Markdown, where `[a](https://...)` is a link and `![](https://...)` an image fetched from anywhere
(a tracking pixel). CommonMark lets a backslash escape any ASCII punctuation, so escaping all of it leaves nothing
for Markdown to act on; line breaks become spaces, so no block (a list, a quote, a table) can start.
"""

import string

_ESCAPES = str.maketrans({mark: "\\" + mark for mark in string.punctuation} | {"\n": " ", "\r": " ", "\t": " "})


def plain(text: object) -> str:
    """`text` for Markdown: shown literally, whatever it holds."""
    return str(text).translate(_ESCAPES)
