"""Hostile HTML: the depth guard counts as an HTML5 parser nests, so no page slips under it.

A table of tricks that used to pass the old guard (each far deeper in lexbor than it looks), pages
that must stay shallow, and a Hypothesis property comparing the estimate with lexbor's own tree on
random tag soup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from yange.parse.decode import MAX_TREE_DEPTH, html_to_text, nesting_depth

pytestmark = pytest.mark.timeout(120)
N = 5000  # repeats: deeper than MAX_TREE_DEPTH when they nest

DEEP = [
    "<div/>" * N,  # not self-closing in HTML5
    "<div>" * 160_000,
    '<div title="<">' * N,  # a "<" in an attribute value
    '<div a"b>' * N,  # a quote in an attribute name is no quote
    "<!-->" + "<div>" * N,  # an empty comment ends at once
    "<li><ul>" * N,  # nested lists: an <li> closes only the <li> of its own list
    "<span><div></span>" * N,  # </span> does not close across a <div>
    "<svg><div>" + "<g/>" * N,  # <div> leaves SVG: the <g/> after it are HTML, not self-closing
    "<svg>" + "<link>" * N,  # void in HTML, not in SVG
    "<body>" + "<div>" * 1000 + "</body>" + "<div>" * 1500,  # </body> closes nothing
    "<form><span></form>" * N,  # </form> unlinks the form, its children stay open
    "".join(f"<p><b id={i}>x</p>" for i in range(N)),  # each paragraph reopens every earlier <b>
    "<table><td>" * N,  # each cell opens a row and a table body
]
SHALLOW = [
    ("<p>line" * N, 1),  # each <p> closes the one before
    ("<ul>" + "<li>item" * N + "</ul>", 2),
    ("<table>" + "<tr><td>cell" * N + "</table>", 4),  # table > tbody > tr > td
    ('<p><font face="宋体">x</p>' * N, 5),  # at most three equal formatting elements stay active
    ("<script>" + "<div>" * N + "</script>", 1),  # script text is no markup
    ("<svg>" + "<g/>" * N + "</svg>", 1),  # self-closing inside SVG
]


@pytest.mark.parametrize("html", DEEP, ids=range(len(DEEP)))
def test_tricks_that_nest_deep_are_counted_deep(html: str) -> None:
    assert nesting_depth(html, limit=MAX_TREE_DEPTH) > MAX_TREE_DEPTH


@pytest.mark.parametrize(("html", "depth"), SHALLOW, ids=range(len(SHALLOW)))
def test_flat_pages_stay_shallow(html: str, depth: int) -> None:
    assert nesting_depth(html) == depth


@pytest.mark.parametrize("html", ["<div/>" * 160_000, "<div>" * 160_000], ids=["self-closed", "open"])
def test_a_page_nested_160000_deep_is_stripped_flat(html: str) -> None:
    """Both took 83-94 s in lexbor; the flat stripper takes well under a second."""
    assert html_to_text("<p>通知</p>" + html).strip() == "通知"


def _lexbor_depth(html: str) -> int:
    """The depth of lexbor's tree below <html>/<head>/<body>, elements only."""
    root = LexborHTMLParser(html).root
    deepest = 0
    todo = [(root, 0)] if root is not None else []
    while todo:
        node, depth = todo.pop()
        child = node.child
        while child is not None:
            if not child.tag.startswith(("-", "_", "!")):
                below = depth + (child.tag not in ("html", "head", "body"))
                deepest = max(deepest, below)
                todo.append((child, below))
            child = child.next
    return deepest


TOKENS = [
    "<div>",
    "</div>",
    "<div/>",
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<b id=1>",
    "<i>",
    "<span>",
    "</span>",
    "<li>",
    "<ul>",
    "</ul>",
    "<dd>",
    "<dt>",
    "<table>",
    "<tr>",
    "<td>",
    "<th>",
    "</td>",
    "</tr>",
    "</table>",
    "<caption>",
    "<col>",
    "<tbody>",
    "<svg>",
    "</svg>",
    "<g>",
    "<g/>",
    "</g>",
    "<math>",
    "<mi>",
    "<mtext>",
    "<annotation-xml>",
    "<foreignObject>",
    "</foreignObject>",
    "<desc>",
    "<link>",
    "<form>",
    "</form>",
    "<body>",
    "</body>",
    "<html>",
    "<head>",
    "<script>",
    "</script>",
    "<style>",
    "<textarea>",
    "</textarea>",
    "<title>",
    "<xmp>",
    "<iframe>",
    "<noscript>",
    "<template>",
    "</template>",
    "<select>",
    "<option>",
    "<button>",
    "</button>",
    "<h1>",
    "</h1>",
    "<h2>",
    "<a>",
    "</a>",
    "<font>",
    "<font color=red>",
    "<nobr>",
    "<object>",
    "<applet>",
    "<marquee>",
    "<frameset>",
    "<img>",
    "<br>",
    "</br>",
    "<input>",
    "<hr>",
    "<u>",
    "<em>",
    "<pre>",
    "<address>",
    "<article>",
    "<center>",
    "<dl>",
    "<ol>",
    "<!--",
    "-->",
    "x",
    '"',
    "'",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=60))
def test_the_estimate_is_never_below_lexbors_tree(tokens: list[str]) -> None:
    html = "".join(tokens)
    assert nesting_depth(html) + 1 >= _lexbor_depth(html)  # +1: lexbor counts the void leaf
