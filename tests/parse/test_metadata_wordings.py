"""Metadata written other ways: a document number above the title, other brackets, a joint letter."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.parse.generalise_fixtures import GENERALISE
from yange.parse import parse_notice


def test_document_number_printed_above_the_title() -> None:
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    title = "江州市人民政府办公室关于印发江州市农业农村局主要职责内设机构和人员编制规定的通知"
    text = text.replace(f"{title}\n江府办〔2019〕12号", f"江府办〔2019〕12号\n{title}")
    notice = parse_notice(text).notice
    assert (notice.title, notice.doc_number) == (title, "江府办〔2019〕12号")


@pytest.mark.parametrize(
    "written", ["江府办﹝2019﹞12号", "江府办〖2019〗12号", "江府办〔2019〕第12号", "江府办 [ 2019 ] 12 号"]
)
def test_document_number_brackets_of_other_pages(written: str) -> None:
    text = (GENERALISE / "city-2019-agriculture-digits.txt").read_text(encoding="utf-8")
    assert parse_notice(text.replace("江府办〔2019〕12号", written)).notice.doc_number == "江府办〔2019〕12号"


def test_a_joint_covering_letter_signed_on_two_lines() -> None:
    text = (GENERALISE / "ministry-2018-hydrology-articles.txt").read_text(encoding="utf-8")
    letter = (
        "中共中央办公厅 国务院办公厅关于印发《水文资源部职能配置、内设机构和人员编制规定》的通知\n厅字〔2018〕66号\n"
        "各省、自治区、直辖市党委和人民政府，中央和国家机关各部委：\n"
        "《水文资源部职能配置、内设机构和人员编制规定》已经党中央、国务院批准，现予印发。\n"
        "中共中央办公厅\n国务院办公厅\n2018年8月1日\n（此件公开发布）\n"
    )
    parsed = parse_notice(letter + text)
    notice = parsed.notice
    assert (notice.title, notice.doc_number, notice.issuer, notice.published_on) == (
        "中共中央办公厅 国务院办公厅关于印发《水文资源部职能配置、内设机构和人员编制规定》的通知",
        "厅字〔2018〕66号",
        "中共中央办公厅 国务院办公厅",
        dt.date(2018, 8, 1),
    )
    assert [d.ordinal for d in parsed.records[0].duties] == list(range(1, 9))
