"""parse_bytes: size cap, encodings, HTML pages, and bad input that must be rejected, never crash."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yange.errors import NoticeRejected
from yange.parse import parse_bytes, parse_notice

ENCODINGS = [
    ("utf-8", b""),  # plain UTF-8
    ("utf-8", codecs.BOM_UTF8),  # UTF-8 with a BOM (Windows editors)
    ("utf-16-le", codecs.BOM_UTF16_LE),  # UTF-16 with BOM, both byte orders
    ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""),  # UTF-16 saved without a BOM
    ("gb18030", b""),  # GB18030 / GBK, common on older government sites
    ("gbk", b""),
]


@pytest.mark.parametrize(
    ("encoding", "bom"), ENCODINGS, ids=[f"{e}{'-bom' if b else ''}" for e, b in ENCODINGS]
)
def test_every_encoding_parses_like_the_text(clean_text: str, encoding: str, bom: bytes) -> None:
    expected = parse_notice(clean_text)
    got = parse_bytes(bom + clean_text.encode(encoding))
    assert got.notice.notice_id == expected.notice.notice_id
    assert got.records == expected.records


def _page(body: str) -> str:
    # A document-sharing page, derived: page title with a site suffix, navigation naming other
    # notices, a neighbouring notice's title above the real one, a 【制定机关】… metadata block.
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于印发西南省水利厅主要职责内设机构和人员编制规定的通知_示例法规库网</title>
<style>p {{ color: red }} .x::before {{ content: "一、职责调整（一）取消样式" }}</style>
<script>var s = "二、主要职责（一）负责脚本里的假职责。";</script></head>
<body><header><a href="/">首页</a> 法规库 关于印发西南省林业厅主要职责内设机构和人员编制规定的通知</header>
<nav><ul><li>上一篇：关于印发西南省农业厅主要职责内设机构和人员编制规定的通知</li></ul></nav>
<div class="meta"><p>【制定机关】西南省人民政府办公厅</p><p>【公布日期】2009.08.12</p><p>【字号】西政办[2009]88号</p></div>
<div class="content">{body}</div>
<footer>版权所有 示例法规库网 联系我们</footer></body></html>"""


def test_document_sharing_html_page(clean_text: str) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in clean_text.splitlines())
    html = "关于印发西南省农业厅主要职责内设机构和人员编制规定的通知<br>" + paragraphs
    parsed = parse_bytes(_page(html).encode("gb18030"))
    clean = parse_notice(clean_text)
    n = parsed.notice
    assert n.title == clean.notice.title
    assert (n.doc_number, n.issuer, str(n.published_on)) == (
        "西政办〔2009〕88号",
        "西南省人民政府办公厅",
        "2009-08-12",
    )
    record = parsed.records[0]
    assert record.agency == "西南省水利厅"  # not the neighbouring 农业厅 or 林业厅
    assert [d.text for d in record.duties] == [d.text for d in clean.records[0].duties]
    assert [u.name for u in record.units] == [u.name for u in clean.records[0].units]
    assert "脚本" not in parsed.text and "版权所有" not in parsed.text and "样式" not in parsed.text


HOSTILE = [
    "<div>" * 50_000 + "主要职责" + "</div>" * 10,  # deep nesting, mostly unclosed
    "<p " + "a=" * 100_000 + ">内设机构</p>",  # absurd attribute soup
    "<html><body><table><tr><td>人员编制<td><b><i>" * 2000,  # broken tables
    "<script>" + "（一）" * 100_000,  # a script that never closes
    "<!-- " + "一、主要职责" * 50_000,  # a comment that never closes
]


@pytest.mark.parametrize(
    "html", HOSTILE, ids=["nesting", "attributes", "tables", "open-script", "open-comment"]
)
def test_hostile_html_is_rejected_not_crashed(html: str) -> None:
    with pytest.raises(NoticeRejected) as info:
        parse_bytes(html.encode("utf-8"))
    assert info.value.reason_code == "not_a_notice"


BAD = [
    (b"", "empty"),
    (b"  \n\t \r\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),  # an image
    (b"%PDF-1.4\n\x00\x01\x02" + bytes(200), "binary"),  # a PDF with NULs
    ("今天多云转晴，最高气温二十三度，东南风三级。明天有小雨，请市民出行带好雨具。".encode(), "not_a_notice"),
    ("本报讯 昨日，市体育中心举办全民健身日活动，一、开幕式；二、长跑比赛。".encode("gbk"), "not_a_notice"),
]


@pytest.mark.parametrize(("data", "reason"), BAD, ids=["empty", "blank", "png", "pdf", "weather", "news"])
def test_bad_input_is_rejected_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(NoticeRejected) as info:
        parse_bytes(data)
    assert info.value.reason_code == reason


def test_size_cap(clean_text: str) -> None:
    data = clean_text.encode("utf-8")
    with pytest.raises(NoticeRejected) as info:
        parse_bytes(data, max_bytes=len(data) - 1)
    assert info.value.reason_code == "too_large"
    assert parse_bytes(data, max_bytes=len(data)).records


def test_undecodable_bytes_are_rejected_not_crashed() -> None:
    with pytest.raises(NoticeRejected) as info:
        parse_bytes(bytes([0x81, 0x30, 0xFF, 0xFE, 0x85]) * 400)
    assert info.value.reason_code in ("encoding", "binary", "not_a_notice")


def test_news_item_that_mentions_duties_is_not_a_notice() -> None:
    # a news report that uses the genre's words but has none of its sections
    text = "本报讯 市生态环境局召开会议，强调要切实履行主要职责，优化内设机构运行，加强人员编制管理。"
    with pytest.raises(NoticeRejected) as info:
        parse_notice(text)
    assert info.value.reason_code == "not_a_notice"


def test_deeply_nested_page_still_gives_its_text(clean_text: str) -> None:
    # too deep for the tree parser: the flat stripper must keep the text and its line breaks
    body = "".join(f"<p>{line}</p>" for line in clean_text.splitlines())
    html = "<html><body><script>var a = '（九）假';</script>" + "<div>" * 5000 + body + "</div>" * 5000
    parsed = parse_bytes(html.encode("utf-8"))
    clean = parse_notice(clean_text)
    assert parsed.records == clean.records


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_parse_or_are_rejected(data: bytes) -> None:
    try:
        parse_bytes(data)
    except NoticeRejected as exc:
        assert exc.reason_code in ("empty", "binary", "encoding", "not_a_notice", "too_large")


@settings(max_examples=100, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("<>/=\"' divpscriptylenavbodyhtml主要职责（一）一、内设机构\n")),
        max_size=400,
    )
)
def test_tag_soup_parses_or_is_rejected(soup: str) -> None:
    try:
        parse_bytes(("<html>" + soup).encode("utf-8"))
    except NoticeRejected as exc:
        assert exc.reason_code in ("empty", "not_a_notice")
