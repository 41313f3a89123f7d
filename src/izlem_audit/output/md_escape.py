"""Markdown text that stays text: PDF text in a Markdown report can never become markup or a link.

* every character Markdown gives a meaning (``\\`` first of all, brackets, emphasis, code, headings, table pipes)
  is backslash-escaped; ``<``, ``>`` and ``&`` become entities, so raw HTML cannot pass;
* a token that GitHub-flavoured Markdown would turn into a link by itself (``http://…``, ``www.…``, an e-mail
  address, ``javascript:…``) is put in a code span, where no Markdown is read at all;
* line breaks become spaces (a table cell is one line).
"""

from __future__ import annotations

import re

_ESCAPE = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;", "`": "\\`",
                         "*": "\\*", "_": "\\_", "[": "\\[", "]": "\\]", "(": "\\(", ")": "\\)", "#": "\\#",
                         "!": "\\!", "~": "\\~", "\n": " ", "\r": " "})
_LINKY = re.compile(r"\S*(?:(?:https?|ftp|file|javascript|vbscript|data|mailto|xmpp):|www\.|\w@\w)\S*",
                    re.IGNORECASE)


def _code_span(token: str) -> str:
    token = token.replace("|", "\\|")  # GFM splits table cells on pipes even inside code
    longest = max((len(m) for m in re.findall(r"`+", token)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if token.startswith("`") or token.endswith("`") else ""
    return f"{fence}{pad}{token}{pad}{fence}"


def md_escape(text: str | None) -> str:
    """``text`` as literal Markdown inline text (see the module doc)."""
    text = (text or "").replace("\r", " ").replace("\n", " ")
    out: list[str] = []
    pos = 0
    for m in _LINKY.finditer(text):
        out.append(text[pos:m.start()].translate(_ESCAPE))
        out.append(_code_span(m.group(0)))
        pos = m.end()
    out.append(text[pos:].translate(_ESCAPE))
    return "".join(out)
