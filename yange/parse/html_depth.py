"""How deep an HTML5 parser's stack of open elements grows, estimated in one linear pass, not below it.

lexbor (like every HTML5 tree builder) checks element scopes by walking its stack of open elements,
so a page nested N deep costs about N² steps: 160,000 `<div>` took 83 s, and 3,000 paragraphs each
reopening the formatting elements left open before them 6 s. The guard must count as the parser
does, or a page slips under it: `<div/>` is not self-closing in HTML (only in SVG/MathML), `<link>`
is void in HTML but not inside `<svg>`, an end tag does not close across a `<div>` it does not
match, `</body>` and `</form>` close nothing, a cell opens its row and table body, and formatting
elements (`<b>`, `<font>`, ...) left open are reopened in every new block. Where the estimate is
unsure it keeps elements open (an overestimate only sends a page to the flat text stripper); it
never closes what the parser keeps open. The tokenizer follows the HTML5 tag grammar (quotes only
after `=`, comments, raw text elements), so markup hidden in attribute values or scripts is neither
counted nor missed. tests/flows/test_hostile_html.py checks the estimate against lexbor's own tree
on random tag soup (lexbor's depth counts the void leaf too: at most one more).
"""

from __future__ import annotations

import re

_SPACE = "\\t\\n\\f\\r "
_ATTRIBUTE = rf"""(?>[{_SPACE}]+|/(?!>)|[^{_SPACE}/>][^{_SPACE}/>=]*
    (?>[{_SPACE}]*=[{_SPACE}]*(?>"[^"]*"|'[^']*'|[^{_SPACE}>]*))?)"""
_TOKEN = re.compile(
    rf"""<!--(?:-?>|.*?--!?>|.*\Z)          # a comment (ends at -->, --!>, or the end of the page)
    | <[!?][^>]*>?                           # doctype, bogus comment
    | </(?![a-zA-Z])[^>]*>?                  # </> and other non-tags
    | <(/?)([a-zA-Z][^{_SPACE}/>]*){_ATTRIBUTE}*+(/?)>""",
    re.DOTALL | re.VERBOSE,
)
_VOID = frozenset(
    [
        "area",
        "base",
        "basefont",
        "bgsound",
        "br",
        "col",
        "embed",
        "frame",
        "hr",
        "image",
        "img",
        "input",
        "keygen",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_RAW_TEXT = frozenset(["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"])
_FORMATTING = frozenset(
    ["a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"]
)
_SPECIAL = frozenset(
    [
        "address",
        "applet",
        "area",
        "article",
        "aside",
        "base",
        "basefont",
        "bgsound",
        "blockquote",
        "body",
        "br",
        "button",
        "caption",
        "center",
        "col",
        "colgroup",
        "dd",
        "details",
        "dir",
        "div",
        "dl",
        "dt",
        "embed",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "frame",
        "frameset",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hgroup",
        "hr",
        "html",
        "iframe",
        "img",
        "input",
        "keygen",
        "li",
        "link",
        "listing",
        "main",
        "marquee",
        "menu",
        "meta",
        "nav",
        "noembed",
        "noframes",
        "noscript",
        "object",
        "ol",
        "p",
        "param",
        "plaintext",
        "pre",
        "script",
        "search",
        "section",
        "select",
        "source",
        "style",
        "summary",
        "table",
        "tbody",
        "td",
        "template",
        "textarea",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "track",
        "ul",
        "wbr",
        "xmp",
    ]
)
# Start tags that close an open <p> (when it is in button scope).
_CLOSES_P = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "search",
        "section",
        "summary",
        "ul",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "pre",
        "listing",
        "form",
        "plaintext",
        "xmp",
        "hr",
        "li",
        "dd",
        "dt",
    ]
)
# Where the walk for an open <p> stops: the parser's button scope, and <select> (inside which
# block start tags are dropped, not closing anything).
_P_WALK_STOPS = frozenset(
    ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button", "select"]
)
_TABLE_SECTIONS = frozenset(["tbody", "thead", "tfoot"])
_HEADINGS = frozenset(["h1", "h2", "h3", "h4", "h5", "h6"])
# HTML start tags that leave SVG/MathML content; children of integration points are HTML again.
_BREAKOUT = frozenset(
    [
        "b",
        "big",
        "blockquote",
        "body",
        "br",
        "center",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "embed",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "hr",
        "i",
        "img",
        "li",
        "listing",
        "menu",
        "meta",
        "nobr",
        "ol",
        "p",
        "pre",
        "ruby",
        "s",
        "small",
        "span",
        "strong",
        "strike",
        "sub",
        "sup",
        "table",
        "tt",
        "u",
        "ul",
        "var",
        "font",
    ]
)
_FONT_BREAKOUT = re.compile(r"[\t\n\f\r /](?:color|face|size)[\t\n\f\r />=]", re.IGNORECASE)
_SVG_INTEGRATION = frozenset(["foreignobject", "desc", "title"])
_MATH_TEXT_INTEGRATION = frozenset(["mi", "mo", "mn", "ms", "mtext"])
# End tags that close nothing in the tree (the parser only changes mode, or unlinks one element).
_IGNORED_END = frozenset({"html", "body", "head", "form"})
# How far down the stack a scope walk looks; past it the element is assumed out of scope (stays open).
_WALK = 64


class _Node:
    __slots__ = ("key", "name", "ns", "open")

    def __init__(self, name: str, ns: str, key: str = "") -> None:
        self.name = name
        self.ns = ns  # "" for HTML, else "svg" or "math"
        self.key = key  # a formatting element's tag as written: equal keys are equal elements
        self.open = True


class _Tree:
    """The parser's stack of open elements and list of active formatting elements, as far as depth goes."""

    def __init__(self, limit: int | None) -> None:
        self.stack: list[_Node] = []
        self.open_names: dict[str, int] = {}  # how many of each name are open (skips hopeless walks)
        self.formatting: list[_Node] = []
        self.deepest = 0
        self.limit = limit

    def over(self) -> bool:
        return self.limit is not None and self.deepest > self.limit

    def push(self, name: str, ns: str = "", key: str = "") -> _Node:
        node = _Node(name, ns, key)
        self.stack.append(node)
        self.open_names[name] = self.open_names.get(name, 0) + 1
        self.deepest = max(self.deepest, len(self.stack))
        return node

    def pop_through(self, index: int) -> None:
        for node in self.stack[index:]:
            node.open = False
            self.open_names[node.name] -= 1
        del self.stack[index:]

    def find(
        self, names: frozenset[str], stop: frozenset[str] | None = None, *, special_stops: bool = False
    ) -> int:
        """Index of the nearest open element named in `names`, or -1 when a stop comes first."""
        if not any(self.open_names.get(name) for name in names):
            return -1
        for index in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _WALK), -1):
            node = self.stack[index]
            if node.name in names and not node.ns:
                return index
            if node.ns or (stop is not None and node.name in stop):
                return -1
            if special_stops and node.name in _SPECIAL and node.name not in ("address", "div", "p"):
                return -1
        return -1

    def reconstruct(self) -> None:
        """Reopen the formatting elements the parser would: those closed since they opened."""
        start = len(self.formatting)
        while start > 0 and not self.formatting[start - 1].open:
            start -= 1
            if len(self.formatting) - start > (self.limit or len(self.formatting)):
                break
        for index in range(start, len(self.formatting)):
            closed = self.formatting[index]
            self.formatting[index] = self.push(closed.name, "", closed.key)

    def start(self, name: str, self_closing: bool, tag: str) -> None:
        parent = self.stack[-1] if self.stack else None
        in_foreign = parent is not None and parent.ns != "" and not _integration_point(parent)
        breakout = name in _BREAKOUT and (name != "font" or _FONT_BREAKOUT.search(tag) is not None)
        if (in_foreign and not breakout) or (not in_foreign and name in ("svg", "math")):
            if not self_closing:
                self.push(name, parent.ns if in_foreign and parent is not None else name)
            return
        self._implied_closes(name)
        self._implied_opens(name)
        if name not in _CLOSES_P and self.formatting and not self.formatting[-1].open:
            self.reconstruct()
        if name in _VOID:
            return
        node = self.push(name, "", tag if name in _FORMATTING else "")
        if name in _FORMATTING:
            self._add_formatting(node)

    def _add_formatting(self, node: _Node) -> None:
        """The "Noah's Ark" rule: at most three equal formatting elements stay active (looked for
        among the last _WALK only; one missed there only stays, which overestimates)."""
        recent = range(len(self.formatting) - 1, max(-1, len(self.formatting) - 1 - _WALK), -1)
        equal = [i for i in recent if self.formatting[i].key == node.key]
        if len(equal) >= 3:
            del self.formatting[equal[-1]]
        self.formatting.append(node)

    def _implied_opens(self, name: str) -> None:
        """A cell opens the row and table body it needs; a row its table body; a col its colgroup.
        (Outside a table the parser drops these tags; counting them open only overestimates.)"""
        top = self.stack[-1].name if self.stack else ""
        if name in ("td", "th") and top != "tr":
            if top not in _TABLE_SECTIONS:
                self.push("tbody")
            self.push("tr")
        elif name == "tr" and top not in _TABLE_SECTIONS:
            self.push("tbody")
        elif name == "col" and top != "colgroup":
            self.push("colgroup")

    def _implied_closes(self, name: str) -> None:
        if name == "li" or name in ("dd", "dt"):
            index = self.find(
                frozenset({"li"}) if name == "li" else frozenset({"dd", "dt"}), special_stops=True
            )
            if index >= 0:
                self.pop_through(index)
        elif name in ("td", "th") and self.open_names.get("table"):
            index = self.find(frozenset({"td", "th"}), frozenset({"table", "html", "template"}))
            if index >= 0:
                self.pop_through(index)
        elif name == "tr" and self.open_names.get("table"):
            index = self.find(
                frozenset({"tr"}), frozenset({"table", "tbody", "thead", "tfoot", "html", "template"})
            )
            if index >= 0:
                self.pop_through(index)
        elif name == "option" and self.stack and self.stack[-1].name == "option":
            self.pop_through(len(self.stack) - 1)
        if name in _CLOSES_P:
            index = self.find(frozenset({"p"}), _P_WALK_STOPS)
            if index >= 0:
                self.pop_through(index)
        if name in _HEADINGS and self.stack and self.stack[-1].name in _HEADINGS:
            self.pop_through(len(self.stack) - 1)

    def end(self, name: str) -> None:
        """An end tag: in SVG/MathML it closes the nearest foreign element of its name; otherwise
        (or on reaching HTML) the nearest HTML element of its name, unless a special element
        (a <div>, a MathML <mi>, ...) stands between, when nothing closes."""
        if name in _IGNORED_END or not self.open_names.get(name):
            return
        if name in _FORMATTING:
            for index in range(len(self.formatting) - 1, max(-1, len(self.formatting) - 1 - _WALK), -1):
                if self.formatting[index].name == name:
                    del self.formatting[index]
                    break
        walk = range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _WALK), -1)
        if self.stack[-1].ns:
            for index in walk:
                node = self.stack[index]
                if not node.ns:
                    break
                if node.name == name:
                    self.pop_through(index)
                    return
            else:
                return
        for index in walk:
            node = self.stack[index]
            if not node.ns and node.name == name:
                self.pop_through(index)
                return
            if _special(node):
                return


def _integration_point(node: _Node) -> bool:
    """Whether the children of this SVG/MathML element are HTML. <annotation-xml> is one only with
    an HTML encoding attribute, so its children are taken as MathML (an overestimate at worst)."""
    return node.name in (_SVG_INTEGRATION if node.ns == "svg" else _MATH_TEXT_INTEGRATION)


def _special(node: _Node) -> bool:
    if node.ns:
        return node.name in (
            _SVG_INTEGRATION if node.ns == "svg" else _MATH_TEXT_INTEGRATION | {"annotation-xml"}
        )
    return node.name in _SPECIAL


def nesting_depth(html: str, *, limit: int | None = None) -> int:
    """The deepest stack of open elements an HTML5 parser would build (an estimate, not below it).

    With `limit`, stops as soon as the depth passes it (so a hostile page costs little)."""
    tree = _Tree(limit)
    pos = 0
    while not tree.over():
        match = _TOKEN.search(html, pos)
        if match is None:
            break
        if match.start() > pos and tree.formatting and not tree.formatting[-1].open:
            tree.reconstruct()  # text reopens closed formatting elements
        pos = match.end()
        raw_name = match.group(2)
        if raw_name is None:
            continue
        name = raw_name.lower()
        if match.group(1):
            tree.end(name)
            continue
        tree.start(name, bool(match.group(3)), match.group(0))
        if name in _RAW_TEXT and tree.stack and tree.stack[-1].name == name and not tree.stack[-1].ns:
            close = re.compile(f"</{name}", re.IGNORECASE).search(html, pos)
            pos = len(html) if close is None else close.start()
        elif name == "plaintext" and tree.stack and not tree.stack[-1].ns:
            break
    return tree.deepest
