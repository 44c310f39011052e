"""Pages in the genre's words that are no notice are rejected with a reason naming what they are
(fixtures/lookalikes, derived, README there); a regulation reposted on a news site is still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from yange.errors import NoticeRejected
from yange.parse import parse_notice

LOOKALIKES = Path(__file__).resolve().parent / "fixtures" / "lookalikes"


@pytest.mark.parametrize(
    ("file", "reason"),
    [
        ("county-2021-forestry-budget-page-derived.txt", "budget"),
        ("county-forestry-profile-page-derived.txt", "profile page"),
        ("county-forestry-encyclopedia-page-derived.txt", "encyclopedia page"),
        ("county-2019-reform-plan-derived.txt", "机构改革方案"),
    ],
)
def test_lookalike_page_is_rejected_with_its_reason(file: str, reason: str) -> None:
    with pytest.raises(NoticeRejected) as caught:
        parse_notice((LOOKALIKES / file).read_text(encoding="utf-8"))
    assert caught.value.reason_code == "not_a_notice"
    assert reason in caught.value.detail


def test_a_regulation_reposted_on_a_news_site_is_read() -> None:
    parsed = parse_notice(
        (LOOKALIKES / "news-repost-of-a-regulation-derived.txt").read_text(encoding="utf-8")
    )
    (record,) = parsed.records
    assert (record.agency, len(record.duties), len(record.units)) == ("东海市林业局", 2, 3)
