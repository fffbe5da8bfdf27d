"""Text that people typed (file names, display names, event titles, action ids, officers' names), made safe to put
inside Streamlit's Markdown: it reads exactly as typed and can never become a link, an image, a heading or a
coloured or icon directive.

Streamlit renders the text of st.markdown, st.caption, st.info, st.success, st.warning, st.error, headers and
widget labels as Markdown, where `[a](https://...)` is a link and `![](https://...)` an image fetched from anywhere
(a tracking pixel). CommonMark lets a backslash escape any ASCII punctuation, so escaping all of it leaves nothing
for Markdown to act on; line breaks become spaces, so no block (a list, a quote, a table) can start.

Escapes do not stop one thing: Streamlit turns bare addresses (https://..., www...., name@domain) into links after
the Markdown is read, escapes or not (seen in a screenshot). An invisible WORD JOINER (U+2060) inside each such
pattern (after "https:", after "www", after "@") breaks it without changing what anyone sees or hears; anywhere
else the text is left as typed, so searching the page for a file name still finds it.
"""

import re
import string

WORD_JOINER = "\u2060"
_ESCAPES = str.maketrans({mark: "\\" + mark for mark in string.punctuation} | {"\n": " ", "\r": " ", "\t": " "})
_AUTOLINKS = re.compile(r"(?i)\b(https?:|ftp:|mailto:|xmpp:|www(?=\.))|(@)")


def plain(text: object) -> str:
    """`text` for Markdown: shown literally, whatever it holds."""
    return _AUTOLINKS.sub(lambda found: found.group(0) + WORD_JOINER, str(text)).translate(_ESCAPES)
