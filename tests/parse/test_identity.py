"""One notice from two sources is one notice: an HTML page, a .txt of it and a traditional-character
copy get the same notice_id; another notice, or another excerpt of it, does not."""

from __future__ import annotations

from pathlib import Path

import opencc

from yange.parse import parse_bytes, parse_notice

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
FUJIAN = (REAL / "109_fujian-2009-shengzhengfu-bangongting-sanding.txt").read_text(encoding="utf-8")


def _as_page(text: str) -> bytes:
    """The text as a government site serves it (derived): a titled page with navigation, an
    information-disclosure block, one paragraph per line, print buttons and a footer."""
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n"))
    return (
        "<html><head><title>福建省人民政府办公厅主要职责内设机构和人员编制规定_福建省机构编制网</title></head>"
        "<body><nav>首页 | 机构概况 | 政务公开</nav><div>索引号：FJ00102-0300-2015-00018</div>"
        f"<div>{paragraphs}</div><div>【打印本页】 【关闭窗口】</div><footer>版权所有 福建省编办</footer>"
        "</body></html>"
    ).encode()


def test_page_text_and_traditional_copy_are_one_notice() -> None:
    plain = parse_notice(FUJIAN).notice.notice_id
    assert parse_bytes(_as_page(FUJIAN)).notice.notice_id == plain
    assert parse_notice(opencc.OpenCC("s2t").convert(FUJIAN)).notice.notice_id == plain
    # line breaks are where copies differ most: the same words on other lines are the same notice
    assert parse_notice(FUJIAN.replace("\n\n", "\n")).notice.notice_id == plain


def test_other_notices_and_other_excerpts_are_not() -> None:
    fujian = parse_notice(FUJIAN).notice.notice_id
    assert parse_notice(FUJIAN.replace("正厅级", "副厅级")).notice.notice_id != fujian
    one_line = parse_bytes((REAL / "101_changchun-2009-shizhengfu-bangongting-sanding.txt").read_bytes())
    mirror = parse_bytes((REAL / "123_changchun-2009-bangongting-trad-baike-variant.txt").read_bytes())
    # the same regulation, but the two pages keep different parts of it: two excerpts, two ids
    assert one_line.records[0].agency == mirror.records[0].agency
    assert one_line.notice.notice_id != mirror.notice.notice_id
