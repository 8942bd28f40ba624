"""Privacy validators and masks (身份证、手机号、银行卡、护照及通行证).

Every number here is synthetic: IDs are built from an address code, a birth date long ago
and a made-up sequence, with the check digit computed; card numbers get a computed Luhn
digit. None is a real person's number.
"""

from __future__ import annotations

import datetime as dt
import pickle
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gate_check import assert_gate_holds
from wording_guard import validators as v
from wording_guard.errors import LexiconError
from wording_guard.lexicon import shipped_lexicon_dir
from wording_guard.validators import PrivacyData, Registry, builtin_registry

DATA = PrivacyData.load([shipped_lexicon_dir()])
REG = builtin_registry(DATA)

FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def make_id(region: str, born: str, seq: str) -> str:
    body = region + born + seq
    return body + v.id_card_check_digit(body)


def wrong_check(number: str) -> str:
    """The same ID with every other check character: the first one that is wrong."""
    return next(number[:17] + c for c in "0123456789X" if c != number[17])


def luhn_complete(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if v.luhn_ok(prefix + d))


def privacy_findings(scanner, text: str) -> list:  # type: ignore[no-untyped-def]
    return [f for f in scanner.scan(text) if f.category.value == "privacy"]


def check(name: str, text: str, needle: str, registry: Registry = REG) -> bool:
    """Run validator ``name`` of ``registry`` on the first occurrence of ``needle`` in
    (folded) ``text``."""
    folded = text.lower()
    start = folded.index(needle.lower())
    return registry.validators[name](
        folded[start : start + len(needle)], folded, start, start + len(needle)
    )


ID_A = make_id("420106", "19210315", "052")  # 420106192103150521
ID_X = make_id("330106", "19120518", "104")  # ends in X


# -- check digits and structure ----------------------------------------------------------------


def test_check_digit_of_the_standard_examples() -> None:
    # GB 11643-1999's own examples
    assert v.id_card_check_digit("11010519491231002") == "X"
    assert v.id_card_check_digit("44052418800101001") == "4"


def test_synthetic_ids_are_valid() -> None:
    assert ID_X.endswith("X")
    for number in (ID_A, ID_X, ID_X.lower(), make_id("830000", "19190101", "012")):
        assert v.is_resident_id(number, DATA), number


def test_wrong_check_digit_rejected() -> None:
    assert not v.is_resident_id(wrong_check(ID_A), DATA)
    assert not v.is_resident_id(wrong_check(ID_X), DATA)


@pytest.mark.parametrize("born", ["19990230", "19210229", "19211301", "19210100", "18991231"])
def test_impossible_or_too_early_birth_dates_rejected(born: str) -> None:
    assert not v.is_resident_id(make_id("420106", born, "052"), DATA)


def test_future_birth_date_rejected() -> None:
    future = (dt.date.today() + dt.timedelta(days=400)).strftime("%Y%m%d")
    assert not v.is_resident_id(make_id("420106", future, "052"), DATA)


def test_leap_day_accepted() -> None:
    assert v.is_resident_id(make_id("440305", "20120229", "046"), DATA)


def test_unknown_address_code_rejected() -> None:
    # 990000 and 420199 were never assigned; 110103 (崇文区, abolished 2010) was
    assert not v.is_resident_id(make_id("990000", "19210315", "052"), DATA)
    assert not v.is_resident_id(make_id("420199", "19210315", "052"), DATA)
    assert v.is_resident_id(make_id("110103", "19210315", "052"), DATA)


def test_region_codes_complete() -> None:
    codes = DATA.region_codes
    assert len(codes) > 6800
    assert {"110105", "810000", "820000", "830000"} <= codes


def test_uscc_checks() -> None:
    # published examples of 统一社会信用代码 (GB 32100-2015 check character)
    for code in ("91110000600037341L", "91350100M000100Y43", "911100001000128855"):
        assert v.uscc_valid(code)
        assert not v.is_resident_id(v.digits_of(code), DATA)
    assert not v.uscc_valid("91110000600037341K")


def test_foreign_permanent_resident_id() -> None:
    # 2023 外国人永久居留身份证: 9 + province (11 = 北京) + nationality + birth date, MOD 11-2
    number = next(
        n
        for n in (make_id("911840", "19200101", f"{s:03d}") for s in range(50))
        if not v.uscc_valid(n)
    )
    assert v.is_resident_id(number, DATA)
    # first digit 9 is shared with company codes: only taken when labelled as an ID
    assert check("resident_id", f"永久居留身份证号码：{number}", number)
    assert not check("resident_id", f"编号：{number}", number)
    assert not check("resident_id", number, number)


def test_luhn() -> None:
    assert v.luhn_ok("6222000000000009")
    assert not v.luhn_ok("6222000000000008")
    card = luhn_complete("621700000000000012")
    assert len(card) == 19 and v.is_card_number(card, DATA)


def test_id_shaped_number_is_no_card() -> None:
    # an ID with a wrong check digit that happens to pass Luhn stays unflagged as a card
    for seq in range(100, 200):
        number = wrong_check(make_id("420106", "19210315", f"{seq:03d}"))
        if number.isdigit() and v.luhn_ok(number):
            assert not v.is_card_number(number, DATA)
            break
    else:  # pragma: no cover
        pytest.fail("no Luhn-valid sample found")


def test_mobile_ranges() -> None:
    assert v.is_mobile_number("13800001111", DATA)
    assert v.is_mobile_number("17400001111", DATA)  # 17400-17405 中国电信
    assert v.is_mobile_number("19200001111", DATA)  # 中国广电
    assert not v.is_mobile_number("19400001111", DATA)  # not allocated
    assert not v.is_mobile_number("14000001111", DATA)  # IoT range, 13 digits
    assert not v.is_mobile_number("17900001111", DATA)


# -- validators in context ------------------------------------------------------------------


def test_resident_id_validator_context() -> None:
    assert check("resident_id", f"申请人身份证号码：{ID_A}。", ID_A)
    assert check("resident_id", f"{ID_A}", ID_A)
    assert not check("resident_id", f"订单号：{ID_A}。", ID_A)
    assert not check("resident_id", "例如11010519491231002X。", "11010519491231002X")


def test_disability_card_number_holds_an_id() -> None:
    assert check("disability_card_id", f"残疾人证号{ID_A}44", f"{ID_A}44")
    assert not check("disability_card_id", f"残疾人证号{ID_A}84", f"{ID_A}84")  # no category 8
    assert not check(
        "disability_card_id", f"残疾人证号{wrong_check(ID_A)}44", f"{wrong_check(ID_A)}44"
    )


def test_format_samples_are_nobodys_numbers() -> None:
    assert not check("resident_id", f"身份证号码示例：{ID_A}", ID_A)
    assert not check("mobile_phone", "手机号码，例如13800001111", "13800001111")
    assert not check("passport", "护照号码格式为e12345678", "e12345678")


def test_mobile_validator_context() -> None:
    number = "13800001111"
    assert check("mobile_phone", f"联系人：刘某，联系电话：{number}。", number)
    assert check("mobile_phone", f"手机{number}", number)
    assert check("mobile_phone", f"{number}（本人）", number)
    assert not check("mobile_phone", f"咨询电话：{number}。", number)
    assert not check("mobile_phone", f"举报电话{number}，传真0571-87050001", number)
    assert not check("mobile_phone", f"办公室：{number}", number)
    assert not check("mobile_phone", f"全市共{number}元", number)  # no label at all


def test_table_header_gives_the_context() -> None:
    text = "姓名\t联系电话\n王某\t13800001111\n"
    assert check("mobile_phone", text, "13800001111")
    text = "单位\t咨询电话\n某局\t13800001111\n"
    assert not check("mobile_phone", text, "13800001111")
    # one cell per line, as tables come out of HTML
    assert check("mobile_phone", "姓名\n联系电话\n王某\n13800001111\n", "13800001111")
    # the header cell above the number decides, not another column's label
    card = "6222000000000009"
    text = f"姓名\t编号\t银行卡号\n王某\t{card}\t无\n"
    assert not check("bank_card", text, card)
    text = f"姓名\t编号\t银行卡号\n王某\t无\t{card}\n"
    assert check("bank_card", text, card)
    # a paragraph between the header and the number ends the table
    text = f"姓名\t银行卡号\n王某\t无\n本年度项目总数如下。\n某项\t{card}\n"
    assert not check("bank_card", text, card)


def test_number_beside_an_id_is_personal() -> None:
    text = f"张某 {ID_A} 13800001111"
    assert check("mobile_phone", text, "13800001111")
    assert not check("mobile_phone", "张某 13800001111", "13800001111")


def test_bank_card_validator_context() -> None:
    card = "6222000000000009"
    assert check("bank_card", f"收款人：钱某，银行卡号：{card}。", card)
    assert not check("bank_card", f"户名：某县财政局，账号：{card}。", card)
    assert not check("bank_card", f"对公账户{card}", card)
    assert not check("bank_card", f"编号{card}", card)


def test_documents_need_their_label() -> None:
    assert check("passport", "护照号码e00001234", "e00001234")
    assert not check("passport", "文件编号e00001234", "e00001234")
    assert check("taiwan_permit", "台胞证号码00012345", "00012345")
    assert not check("taiwan_permit", "通行证00012345", "00012345")
    assert check("home_return_permit", "回乡证h0000123401", "h0000123401")
    assert check("hk_macao_permit", "港澳通行证ca0001234", "ca0001234")


# -- whole scans ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"身份证号：{ID_A}", [("privacy.resident_id", "420106********0521")]),
        (
            f"身份证号：{ID_A.translate(FULL_WIDTH)}",
            [("privacy.resident_id", "４２０１０６＊＊＊＊＊＊＊＊０５２１")],
        ),
        (
            f"身份证号：{ID_A[:6]} {ID_A[6:14]} {ID_A[14:]}",
            [("privacy.resident_id", "420106 ******** 0521")],
        ),
        ("联系电话：138-0000-1111", [("privacy.mobile", "138-****-1111")]),
        ("联系电话：138 0000 1111", [("privacy.mobile", "138 **** 1111")]),
        ("联系电话：１３８００００１１１１", [("privacy.mobile", "１３８＊＊＊＊１１１１")]),
        ("联系电话：+86 138 0000 1111", [("privacy.mobile", "+86 138 **** 1111")]),
        (
            "手机：13800001111、13900002222",
            [("privacy.mobile", "138****1111"), ("privacy.mobile", "139****2222")],
        ),
        ("银行卡号：6222-0000-0000-0009", [("privacy.bank_card", "6222-****-****-0009")]),
    ],
)
def test_scan_masks(scanner, text: str, expected: list) -> None:  # type: ignore[no-untyped-def]
    found = privacy_findings(scanner, text)
    assert [(f.rule_id, f.suggestions[0]) for f in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：138****1234",
        "身份证号：420106********1525",
        "身份证号码：4201**********0521",
        "银行卡号：6222 **** **** 0009",
        f"身份证号：{wrong_check(ID_A)}",
        f"身份证号：{ID_A}8",  # 19 digits: part of a longer number
        f"编号A{ID_A}",  # inside a longer code
        "请拨打12345政务服务便民热线或0571-87050000咨询。",
        "服务热线：400-800-1234；传真：010-65550000。",
        "统一社会信用代码：91350100M000100Y43",
        "统一社会信用代码：911100001000128855",
        "订单号：202301151030456789",
        "联系电话：138-0000-1111-2",  # a longer code written in groups
        "银行卡号：6222 0000 0000 0009 1234",  # 20 digits in groups
    ],
)
def test_scan_leaves_alone(scanner, text: str) -> None:  # type: ignore[no-untyped-def]
    assert privacy_findings(scanner, text) == []


def test_masks_keep_layout() -> None:
    assert v.mask_resident_id("420106192103150521") == "420106********0521"
    assert v.mask_resident_id("33010619120518104X") == "330106********104X"
    assert v.mask_resident_id("420106350315052") == "420106******052"
    assert v.mask_mobile("13800001111") == "138****1111"
    assert v.mask_mobile("0086-13800001111") == "0086-138****1111"
    assert v.mask_bank_card("6217000000000000129") == "6217***********0129"
    assert v.mask_document("E00001234") == "E0*****34"


@pytest.mark.parametrize(
    "surface",
    [
        "１３８－００００－１１１１",
        "+86 138 0000 1111",
        "33010619120518104x",
        "6222 0000 0000 0009",
    ],
)
def test_masks_keep_the_length(surface: str) -> None:
    # outputs splice the mask into excerpts in place of the number: lengths must agree
    for fix in (v.mask_resident_id, v.mask_mobile, v.mask_bank_card, v.mask_document):
        assert len(fix(surface)) == len(surface)


# -- data from every lexicon dir, explicit registries -----------------------------------------

UNASSIGNED_ID = make_id("420199", "19210315", "052")  # 420199 was never assigned
UNALLOCATED_MOBILE = "19400001111"
NEW_LABEL = "对接人"  # not a label of the shipped context.yaml


def user_dir(tmp_path: Path, files: dict[str, str]) -> Path:
    """A user lexicon dir with the given ``_privacy/`` files."""
    folder = tmp_path / "user_lexicons" / "_privacy"
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder.parent


@pytest.fixture
def merged(tmp_path: Path) -> PrivacyData:
    directory = user_dir(
        tmp_path,
        {
            "region_codes.txt": "# a made-up county\n4201 99\n",
            "mobile_prefixes.txt": "194  # made up\n",
            "context.yaml": f"mobile:\n  personal: [{NEW_LABEL}, 手机]\n",
        },
    )
    return PrivacyData.load([shipped_lexicon_dir(), directory])


def test_shipped_data_alone_rejects_the_made_up_data() -> None:
    assert not v.is_resident_id(UNASSIGNED_ID, DATA)
    assert not v.is_mobile_number(UNALLOCATED_MOBILE, DATA)
    assert NEW_LABEL not in DATA.words("mobile.personal")
    assert not check("mobile_phone", f"{NEW_LABEL}13800001111", "13800001111")


def test_load_merges_the_data_of_all_dirs(merged: PrivacyData) -> None:
    assert v.is_resident_id(UNASSIGNED_ID, merged)
    assert merged.region_codes == DATA.region_codes | {"420199"}
    assert v.is_mobile_number(UNALLOCATED_MOBILE, merged)
    assert merged.mobile_prefixes[0] == DATA.mobile_prefixes[0] | {"194"}
    assert merged.mobile_prefixes[1:] == DATA.mobile_prefixes[1:]
    # word lists joined per section.key, shipped words first, no repeats
    personal = merged.words("mobile.personal")
    assert personal == (*DATA.words("mobile.personal"), NEW_LABEL)
    assert merged.words("mobile.public") == DATA.words("mobile.public")
    reg = builtin_registry(merged)
    assert check("resident_id", f"身份证号码：{UNASSIGNED_ID}", UNASSIGNED_ID, reg)
    assert check("mobile_phone", f"{NEW_LABEL}13800001111", "13800001111", reg)
    assert check("mobile_phone", f"手机{UNALLOCATED_MOBILE}", UNALLOCATED_MOBILE, reg)


def test_load_reads_only_the_privacy_files_present(tmp_path: Path) -> None:
    directory = user_dir(tmp_path, {"mobile_prefixes.txt": "194\n"})
    assert PrivacyData.files([directory]) == [directory / "_privacy" / "mobile_prefixes.txt"]
    assert len(PrivacyData.files([shipped_lexicon_dir(), directory])) == 4
    alone = PrivacyData.load([directory])
    assert alone.region_codes == frozenset()
    assert alone.mobile_prefixes == (frozenset({"194"}), frozenset(), frozenset())
    assert alone.labels == {}
    # without labels nothing is personal, and nothing breaks
    reg = builtin_registry(alone)
    assert not check("mobile_phone", f"手机{UNALLOCATED_MOBILE}", UNALLOCATED_MOBILE, reg)
    assert not check("passport", "护照号码e00001234", "e00001234", reg)
    assert PrivacyData.load([tmp_path / "nothing here"]) == PrivacyData.load([])


def test_registries_of_different_data_stay_apart(merged: PrivacyData) -> None:
    reg = builtin_registry(merged)
    cases = [
        ("resident_id", f"身份证号码：{UNASSIGNED_ID}", UNASSIGNED_ID),
        ("mobile_phone", f"{NEW_LABEL}13800001111", "13800001111"),
        ("mobile_phone", f"手机{UNALLOCATED_MOBILE}", UNALLOCATED_MOBILE),
        ("resident_id_15", "身份证号码：420199210315052", "420199210315052"),
    ]
    for _ in range(3):  # interleaved: neither registry leaks into the other
        for name, text, needle in cases:
            assert check(name, text, needle, reg), (name, text)
            assert not check(name, text, needle, REG), (name, text)
    # what both data agree on, both registries agree on
    assert check("mobile_phone", "手机13800001111", "13800001111", reg)
    assert check("mobile_phone", "手机13800001111", "13800001111", REG)


def test_privacy_data_pickles(merged: PrivacyData) -> None:
    for data in (DATA, merged):
        copy = pickle.loads(pickle.dumps(data))
        assert copy == data
        assert hash(copy) == hash(data)
    assert merged != DATA


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("region_codes.txt", "# codes\n4201 99\n42019 9\n", 3),
        ("region_codes.txt", "420199\n", 1),
        ("region_codes.txt", "4201 9x\n", 1),
        ("mobile_prefixes.txt", "130 131\n19a\n", 2),
        ("mobile_prefixes.txt", "1\n", 1),
        ("context.yaml", "mobile:\n  personal: [手机\n", None),
        ("context.yaml", "- 手机\n", None),
        ("context.yaml", "mobile: [手机]\n", 1),
        ("context.yaml", "mobile:\n  personal: 手机\n", 2),
        ("context.yaml", "mobile:\n  personal: [[手机]]\n", 2),
        ("context.yaml", "mobile:\n  personel: [手机]\n", 2),
        ("context.yaml", "mobile:\n  personal: [手机]\n  personal: [电话]\n", 3),
        ("region_codes.txt", b"\xff\xfe4201 99\n", None),
    ],
)
def test_malformed_data_names_the_file(
    tmp_path: Path, name: str, text: str | bytes, line: int | None
) -> None:
    directory = user_dir(tmp_path, {})
    path = directory / "_privacy" / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as info:
        PrivacyData.load([shipped_lexicon_dir(), directory])
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    if line is not None:
        assert info.value.line == line


_NAMED = re.compile(r"""^\s*(validator|fix)\s*[:=]\s*["']?([A-Za-z_][A-Za-z0-9_]*)""", re.M)


def test_registry_lists_every_name_the_shipped_lexicons_use() -> None:
    used: dict[str, set[str]] = {"validator": set(), "fix": set()}
    for path in sorted(shipped_lexicon_dir().rglob("*")):
        if path.suffix in (".yaml", ".yml", ".toml") and not path.parent.name.startswith("_"):
            for key, name in _NAMED.findall(path.read_text(encoding="utf-8")):
                used[key].add(name)
    assert used["validator"] >= {"resident_id", "mobile_phone", "impossible_date"}
    assert used["fix"] >= {"mask_mobile", "document_number_brackets"}
    assert used["validator"] <= set(REG.validators)
    assert used["fix"] <= set(REG.fixers)


def test_no_process_wide_registry() -> None:
    for name in ("VALIDATORS", "FIXERS", "validator", "fixer", "region_codes", "mobile_prefixes"):
        assert not hasattr(v, name), name
    assert builtin_registry(DATA) is not REG
    assert builtin_registry(DATA).fixers == REG.fixers


# -- property tests -------------------------------------------------------------------------

REGIONS = sorted(c for c in DATA.region_codes if c[0] != "9")
DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date.today())
SEQS = st.integers(min_value=0, max_value=999).map(lambda n: f"{n:03d}")
CONTEXTS = st.sampled_from(
    [
        "身份证号码：{}",
        "{}",
        "申请人张某（{}）",
        "公民身份号码为{}，现予公示。",
        "姓名\t身份证号\n张某\t{}",
    ]
)


@settings(max_examples=300, deadline=None)
@given(region=st.sampled_from(REGIONS), born=DATES, seq=SEQS, context=CONTEXTS)
def test_valid_ids_always_flagged(scanner, region, born, seq, context) -> None:  # type: ignore[no-untyped-def]
    number = make_id(region, born.strftime("%Y%m%d"), seq)
    text = context.format(number)
    found = privacy_findings(scanner, text)
    assert [(f.rule_id, f.text) for f in found] == [("privacy.resident_id", number)]
    masked = found[0].suggestions[0]
    assert masked == number[:6] + "*" * 8 + number[14:]
    assert privacy_findings(scanner, text.replace(number, masked)) == []


@settings(max_examples=300, deadline=None)
@given(
    region=st.sampled_from(REGIONS),
    born=DATES,
    seq=SEQS,
    context=CONTEXTS,
    bad=st.sampled_from("0123456789X"),
)
def test_wrong_check_digit_never_flagged(scanner, region, born, seq, context, bad) -> None:  # type: ignore[no-untyped-def]
    number = make_id(region, born.strftime("%Y%m%d"), seq)
    if bad == number[17]:
        return
    text = context.format(number[:17] + bad)
    assert privacy_findings(scanner, text) == []


def _gated_patterns() -> list[tuple[str, str, int | None]]:
    from wording_guard.lexicon import load_directory

    return [
        (entry.pattern, entry.requires, entry.reach)
        for loaded in load_directory(shipped_lexicon_dir())
        for entry in loaded.rule.entries
        if getattr(entry, "requires", None) is not None
    ]


GATED = _gated_patterns()
_LOOKAROUND = re.compile(r"\(\?<?[!=][^)]*\)")
_REGEX_ONLY = ("(?&", "(?(DEFINE)")


@pytest.mark.parametrize(("pattern", "requires", "reach"), GATED)
def test_a_regex_gate_holds_wherever_its_pattern_matches(
    pattern: str, requires: str, reach: int | None
) -> None:
    # ``requires`` keeps a pattern off texts without its shape: it must never keep it off
    # a text where the pattern matches (strings of the pattern's shape, lookarounds left
    # out, between other characters); with ``reach``, the pattern run only around the
    # gate's matches finds what it finds in the whole text
    import regex

    if any(mark in pattern for mark in _REGEX_ONLY):
        # hypothesis builds strings from the ``re`` dialect only; the spam chains written with
        # subroutines are checked on strings of their own grammar instead
        pytest.skip("regex-module syntax: tests/test_spam_structures.py checks its gate")
    compiled, gate = regex.compile(pattern), regex.compile(requires)
    shape = st.from_regex(_LOOKAROUND.sub("", pattern), fullmatch=True)
    around = st.text("号码 -0a年", max_size=3)

    @settings(max_examples=200, deadline=None)
    @given(st.tuples(around, shape, around).map("".join))
    def holds(text: str) -> None:
        assert_gate_holds(compiled, gate, reach, text)

    holds()


def test_first_generation_id_under_an_id_column() -> None:
    number = "420106350315052"  # 15 digits: address code, 350315, sequence 052
    roster = f"序号\t户主姓名\t身份证号\t保障人口\n1\t刘某\t{number}\t2\n"
    assert check("resident_id_15", roster, number)
    other = f"序号\t户主姓名\t项目编号\t金额\n1\t刘某\t{number}\t200\n"
    assert not check("resident_id_15", other, number)
    assert not check("resident_id_15", f"序号\t名称\n1\t{number}\n", number)


def test_mobile_in_brackets_after_a_name() -> None:
    number = "13800001111"
    assert check("mobile_phone", f"请本县居民陈某某({number})即刻报到。", number)
    assert check("mobile_phone", f"请欧阳晓东({number})即刻报到。", number)
    assert not check("mobile_phone", f"请联系高新区({number})预约。", number)
    assert not check("mobile_phone", f"请联系县疾控中心({number})预约。", number)
    assert not check("mobile_phone", f"咨询电话：王科长({number})。", number)
    # the number must fill the brackets
    assert not check("mobile_phone", f"请本县居民陈某某({number}，女)即刻报到。", number)
