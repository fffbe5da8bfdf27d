"""User text in Markdown reads as typed and never becomes a link, an image or a directive."""

import re

from ui.text import WORD_JOINER, plain

# What Streamlit turns into a link after reading the Markdown, escaped or not
AUTOLINKS = re.compile(r"(https?|ftp)://|www\.\w|\w@\w", re.I)

ATTACKS = [
    "[Click me](https://evil.example/phish)",
    "![](https://evil.example/pixel.png)",
    "<https://evil.example>",
    "https://evil.example/x and www.evil.example",
    "# Heading\n- list item\n> quote",
    ":red[loud] :material/warning: $x^2$",
    "return_2026-10 *final* (v2).xlsx",
    "write to jo@evil.example or see evil.example.com",
]


def test_every_markdown_mark_is_escaped_and_lines_are_joined():
    for text in ATTACKS:
        made = plain(text)
        assert "\n" not in made
        assert not re.search(r"(?<!\\)[\[\]()!<>:*_#$`~|-]", made), made  # every mark has its backslash
        read = re.sub(r"\\(.)", r"\1", made)  # the text Markdown leaves after reading the escapes
        assert not AUTOLINKS.search(read), read
        assert read.replace(WORD_JOINER, "") == text.replace("\n", " ")  # and it reads as typed


def test_plain_text_is_left_alone():
    assert plain("Jo Smith") == "Jo Smith" and plain(42) == "42"
