"""Public result types: categories, severities and findings."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Category(str, Enum):
    """What kind of problem a finding is (the inspection checklist's taxonomy)."""

    LEADER_NAME = "leader_name"
    MEETING_NAME = "meeting_name"
    POLITICAL_PHRASE = "political_phrase"
    COUNTRY_REGION = "country_region"
    AGENCY_NAME = "agency_name"
    PRIVACY = "privacy"
    ILLEGAL_CONTENT = "illegal_content"
    IMPROPER_WORDING = "improper_wording"
    TYPO = "typo"

    @property
    def label_zh(self) -> str:
        return _CATEGORY_ZH[self.value]


_CATEGORY_ZH = {
    "leader_name": "领导人姓名/职务错误",
    "meeting_name": "重要会议名称错误",
    "political_phrase": "政治性固定提法错误",
    "country_region": "国名、地区名及涉港澳台表述错误",
    "agency_name": "机构名称错误或过时",
    "privacy": "个人隐私信息泄露",
    "illegal_content": "违法有害信息",
    "improper_wording": "不规范、不当表述",
    "typo": "错别字",
}


def category_label(value: str) -> str:
    """The Chinese label of a category value; unknown (user-added) values stay as they are."""
    member = Category._value2member_map_.get(value)
    return member.label_zh if isinstance(member, Category) else value


class Severity(str, Enum):
    """How bad a finding is. Ordered: serious > improper > notice."""

    SERIOUS = "serious"
    IMPROPER = "improper"
    NOTICE = "notice"

    @property
    def rank(self) -> int:
        """Higher is worse: serious=3, improper=2, notice=1."""
        return _SEVERITY_RANK[self.value]

    @property
    def label_zh(self) -> str:
        return {"serious": "严重表述错误", "improper": "不规范表述", "notice": "提示"}[self.value]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {"serious": 3, "improper": 2, "notice": 1}


class Finding(BaseModel):
    """One problem found in a text.

    ``start`` and ``end`` are half-open code-point offsets into the scanned text, so
    ``text[finding.start:finding.end] == finding.text`` always holds. ``line`` and
    ``column`` are 1-based and point at ``start``. When the scanned text was extracted from
    a source (HTML, an attachment), ``source_start``/``source_end`` give the span of the
    source it came from (``&#32626;`` for 署); for plain text they are None.
    """

    # defer_build: its validator is built by the first finding (~30 ms, pydantic's plugin
    # lookup included), so a start whose texts hold none never pays for it
    model_config = ConfigDict(frozen=True, defer_build=True)

    rule_id: str
    category: Category
    severity: Severity
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    message: str
    suggestions: tuple[str, ...] = ()
    line: int = Field(ge=1)
    column: int = Field(ge=1)
    source_start: int | None = Field(default=None, ge=0)
    source_end: int | None = Field(default=None, ge=0)
