"""The bad-input catalogue (issue 13): hostile and broken input through every channel a user's
text enters by — the CLI, uploads, share codes, URL parameters (AppTest) and library import.

Each case asserts: no traceback (only the channel's own error type, or none), a clear message in
English *and* Chinese (two different texts, the Chinese one in Chinese), and nothing saved
changed (the library's export is byte-identical before and after; the CLI writes no file).
Valid-but-unusual input (off-grid values, BOMs, hostile-looking names) is accepted *exactly*.
"""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest

from pathways import cli, i18n, scenario, share
from pathways.safe_input import shown
from pathways.store import Store, StoreError
from pathways.ui.text import plain
from pathways.uploads import LeverUpload, LibraryUpload, ResultsUpload, UploadError, read_upload
from tests.conftest import open_app, rendered

CJK = re.compile(r"[\u4e00-\u9fff]")
HUGE_400 = "9" * 400
HUGE_5000 = "9" * 5000
DEEP_JSON = '{"levers": {"dac": ' + "[" * 50_000 + "]" * 50_000 + "}}"
DEEP_TOML = "[levers]\ndac = " + "[" * 50_000 + "]" * 50_000 + "\n"
# unescaped markdown a message could render: a link/image target, or raw HTML
UNSAFE_MARKDOWN = re.compile(r"(?<!\\)\]\(|(?<!\\)<[a-zA-Z/!]")
# on a whole page (whose own Markdown has HTML): what only hostile user text could have added
HOSTILE_MARKDOWN = re.compile(r"(?<!\\)\]\(|(?<!\\)<(?:img|script|b>)")


def assert_translated(en: str, zh: str) -> None:
    assert en.strip() and zh.strip() and en != zh, (en, zh)
    assert CJK.search(zh), zh
    assert "Traceback" not in en + zh


# --- uploads ----------------------------------------------------------------------------------

UPLOAD_REFUSED = [
    # files that are not text, or empty
    ("empty.toml", b"", "empty"),
    ("blank.csv", b"  \n\n  ", "empty"),
    ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_text"),
    ("nul.toml", b"[levers]\x00\ndac = 1\n", "not_text"),
    ("latin1.csv", b"name,value\ndac,\xe9\n", "not_text"),
    ("utf16.csv", "name,value\ndac,1\n".encode("utf-16"), "utf16"),
    ("utf16.toml", "[levers]\ndac = 1\n".encode("utf-16"), "utf16"),
    ("utf16be.json", "\ufeff{}".encode("utf-16-be"), "utf16"),
    ("deck.xlsx", b"PK\x03\x04 spreadsheet", "wrong_format"),
    ("run.exe", b"MZ\x90\x00", "not_text"),
    ("../../../etc/passwd", b"root:x:0:0", "wrong_format"),
    ("notes.csv", b"foo,bar\n1,2\n", "wrong_format"),
    # TOML
    ("s.toml", b"[levers\ndac = 1\n", "bad_syntax"),
    ("s.toml", DEEP_TOML.encode(), "too_deep"),
    ("s.toml", f"[levers]\ndac = {HUGE_400}\n".encode(), "number_too_long"),
    ("s.toml", f"[levers]\ndac = {HUGE_5000}\n".encode(), "number_too_long"),
    ("s.toml", b"[levers]\ndac = 100\ndac = 200\n", "bad_syntax"),  # TOML refuses duplicates
    ("s.toml", b"[scenario]\nname = 'x'\n", "no_levers"),
    ("s.toml", b"scenario = 1\n[levers]\ndac = 1\n", "bad_field"),
    ("s.toml", b"[levers]\ndac = nan\n", "not_a_number"),
    ("s.toml", b"[levers]\ndac = inf\n", "out_of_range"),
    ("s.toml", b"[levers]\ndac = -inf\n", "out_of_range"),
    ("s.toml", b"[levers]\ndac = 1e308\n", "out_of_range"),
    ("s.toml", b"[levers]\ndac = true\n", "not_a_number"),
    ("s.toml", b"[levers]\ndac = [1]\n", "not_a_number"),
    ("s.toml", b"[levers]\ndac = {a = 1}\n", "not_a_number"),
    ("s.toml", b"[levers]\ndac = '12abc'\n", "not_a_number"),
    ("s.toml", b"[levers]\ndac = '=1+2'\n", "not_a_number"),
    ("s.toml", b"[levers]\ndac = 9999\n", "out_of_range"),
    ("s.toml", b"[levers]\ndac = -1\n", "out_of_range"),
    ("s.toml", b"[levers]\ndac_year = 2040.5\n", "not_whole_year"),
    ("s.toml", b"[levers]\nflux_capacitor = 1\n", "unknown_lever"),
    ("s.toml", b"[levers]\n'../../etc/passwd' = 1\n", "unknown_lever"),
    ("s.toml", b'[levers]\n"[x](https://ev.il)" = 1\n', "unknown_lever"),
    ("s.toml", b'[levers]\ndac = "\\ud800"\n', "bad_syntax"),  # TOML refuses the escape
    (
        "s.toml",
        ('[scenario]\nname = "' + "n" * 10_000 + '"\n[levers]\ndac = 1\n').encode(),
        "bad_meta",
    ),
    ("s.toml", b"[scenario]\nname = 5\n[levers]\ndac = 1\n", "bad_meta"),
    ("s.toml", b'[scenario]\nregion = "../../../x"\n[levers]\ndac = 1\n', "unknown_region"),
    (
        "s.toml",
        b'[scenario]\nregion = "![t](https://ev.il/p.png)"\n[levers]\ndac = 1\n',
        "unknown_region",
    ),
    ("s.toml", b'[scenario]\npreset = "../../../x"\n[levers]\ndac = 1\n', "unknown_preset"),
    ("s.toml", b"[scenario]\n[levers]\n", "no_levers"),
    # JSON
    ("s.json", b"{levers: 1}", "bad_syntax"),
    ("s.json", DEEP_JSON.encode(), "too_deep"),
    ("s.json", b'{"levers": {"dac": ' + HUGE_400.encode() + b"}}", "number_too_long"),
    ("s.json", b'{"levers": {"dac": ' + HUGE_5000.encode() + b"}}", "number_too_long"),
    ("s.json", b'{"levers": {"dac": 100, "dac": 200}}', "duplicate_key"),
    ("s.json", b'{"levers": {"dac": 1}, "levers": {"dac": 2}}', "duplicate_key"),
    ("s.json", b'{"scenario": {"name": "a\\ud800b"}, "levers": {"dac": 1}}', "bad_unicode"),
    ("s.json", b'{"levers": {"da\\udc00c": 1}}', "bad_unicode"),
    ("s.json", b'{"levers": {"dac": NaN}}', "not_a_number"),
    ("s.json", b'{"levers": {"dac": Infinity}}', "out_of_range"),
    ("s.json", b'{"levers": {"dac": -Infinity}}', "out_of_range"),
    ("s.json", b'{"levers": {"dac": 1e400}}', "out_of_range"),
    ("s.json", b'{"levers": {"dac": null}}', "not_a_number"),
    ("s.json", b'{"levers": {"dac": "1,5"}}', "not_a_number"),
    ("s.json", b'{"levers": {"dac": "0x10"}}', "not_a_number"),
    ("s.json", b'{"levers": {"dac": "1_000"}}', "not_a_number"),
    ("s.json", b"[1, 2, 3]", "no_levers"),
    ("s.json", b'{"levers": [1]}', "no_levers"),
    ("s.json", b'"just a string"', "no_levers"),
    # lever CSV
    ("s.csv", b"name,value\ndac,1,extra\n", "iamc_ragged"),
    ("s.csv", b"name,value\ndac,1\ndac,2\n", "duplicate_lever"),
    ("s.csv", b"name,value,value\ndac,1,2\n", "iamc_duplicate_column"),
    ("s.csv", b"name,value\ndac,=1+2\n", "not_a_number"),
    ("s.csv", b"name,value\ndac,@SUM(A1)\n", "not_a_number"),
    ("s.csv", b"name,value\ndac,\n", "not_a_number"),
    ("s.csv", b"name,value\ndac,1e999\n", "out_of_range"),
    ("s.csv", ("name,value\ndac," + HUGE_5000 + "\n").encode(), "out_of_range"),
    ("s.csv", b"name,value\n<script>alert(1)</script>,1\n", "unknown_lever"),
    ("s.csv", b"name,value\nregion,mars\ndac,1\n", "unknown_region"),
    ("s.csv", b'name,value\ndac,"1\n', "bad_syntax"),  # an unclosed quote: never guessed
    # IAMC results: nothing guessed
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020\nm,s,China,v,u,1,2,3\n", "iamc_ragged"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020,2030\nm,s,China,v,u,1\n", "iamc_ragged"),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,2020,2020\nm,s,China,v,u,1,2\n",
        "iamc_duplicate_column",
    ),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,2020\nm,s,C,v,u,1\nm,s,C,v,u,2\n",
        "iamc_duplicate_row",
    ),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,2020,1\nm,s,C,v,u,2020,2\n",
        "iamc_duplicate_row",
    ),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,2020.7,1\n",
        "iamc_bad_year",
    ),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,1e10,1\n",
        "iamc_bad_year",
    ),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,-5,1\n", "iamc_bad_year"),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,2020.0,1\n",
        "iamc_bad_year",
    ),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,9999,1\n",
        "iamc_bad_year",
    ),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020.7\nm,s,C,v,u,1\n", "iamc_bad_year"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,1e10\nm,s,C,v,u,1\n", "iamc_bad_year"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020\nm,s,C,v,u,=1+2\n", "iamc_not_a_number"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020\nm,s,C,v,u,nan\n", "iamc_not_a_number"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020\nm,s,C,v,u,inf\n", "iamc_not_a_number"),
    (
        "r.csv",
        b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,2020,abc\n",
        "iamc_not_a_number",
    ),
    ("r.csv", b"Model,Scenario,Variable,2020\nm,s,v,1\n", "iamc_missing_columns"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,2020\n", "iamc_no_rows"),
    ("r.csv", b"Model,Scenario,Region,Variable,Unit,note\nm,s,c,v,u,x\n", "iamc_no_years"),
]


@pytest.mark.parametrize("file, data, key", UPLOAD_REFUSED)
def test_upload_refused_with_a_translated_message(file, data, key):
    with pytest.raises(UploadError) as info:
        read_upload(file, data)
    keys = [p.key for p in info.value.problems]
    assert key in keys, i18n.messages(info.value.problems, "en")
    for en, zh in zip(
        i18n.messages(info.value.problems, "en"),
        i18n.messages(info.value.problems, "zh"),
        strict=True,
    ):
        assert_translated(en, zh)
        assert len(en) < 1200  # a 5000-digit number or 10k name is never echoed whole
    for message in i18n.messages(info.value.problems, "en", escape=plain):
        assert not UNSAFE_MARKDOWN.search(message), message


def test_upload_too_large_refused():
    with pytest.raises(UploadError) as info:
        read_upload("big.csv", b"name,value\n" + b"dac,1\n" * 400, max_mb=0.001)
    assert info.value.problems[0].key == "too_large"
    assert_translated(
        i18n.messages(info.value.problems, "en")[0], i18n.messages(info.value.problems, "zh")[0]
    )


HOSTILE_NAMES = [
    "[Session expired: log in again](https://evil.example/login)",
    "![t](https://ev.il/p.png)",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "**bold** _it_ `code` # heading",
    ":red[alarm] :material/warning: $x^2$",
    "\u202eevil.exe\u202c",  # RTL override
    "a\u200bb\u200dc\ufeff",  # zero-width characters
    "مرحبا שלום 你好",
    "../../../etc/passwd",
    '=HYPERLINK("https://ev.il","x")',
    "n" * 200,
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_upload_hostile_but_valid_names_are_kept_exactly(name):
    doc = {"scenario": {"name": name}, "levers": {"nuclear_capacity": 123.456}}
    got = read_upload("s.json", json.dumps(doc).encode())
    assert isinstance(got, LeverUpload)
    assert got.name == name and got.levers == {"nuclear_capacity": 123.456}
    shown = plain(got.name)
    assert not UNSAFE_MARKDOWN.search(shown) and rendered(shown) == name


UPLOAD_ACCEPTED = [
    ("bom.toml", b"\xef\xbb\xbf[levers]\ndac = 1.0\n", {"dac": 1.0}),
    ("bom.csv", b"\xef\xbb\xbfname,value\ndac,1\n", {"dac": 1.0}),
    ("bom.json", b'\xef\xbb\xbf{"levers": {"dac": 1}}', {"dac": 1.0}),
    ("crlf.csv", b"name,value\r\nnuclear_capacity,123.456\r\n", {"nuclear_capacity": 123.456}),
    ("grid.toml", b"[levers]\nnuclear_capacity = 123.456\n", {"nuclear_capacity": 123.456}),
    ("zero.json", b'{"levers": {"dac": -0.0}}', {"dac": 0.0}),
    ("zero.csv", b"name,value\ndac,-0\n", {"dac": 0.0}),
    ("year.toml", b"[levers]\ndac_year = 2040\n", {"dac_year": 2040.0}),
    ("comment.csv", b"name,value\n# a comment\ndac,  2.5 \n", {"dac": 2.5}),
    ("exp.json", b'{"levers": {"dac": 1.5e2}}', {"dac": 150.0}),
]


@pytest.mark.parametrize("file, data, levers", UPLOAD_ACCEPTED)
def test_upload_valid_files_are_read_exactly(file, data, levers):
    got = read_upload(file, data)
    assert isinstance(got, LeverUpload) and got.levers == levers
    assert all(str(v) != "-0.0" for v in got.levers.values())


def test_upload_strict_iamc_still_reads_good_files():
    wide = b"Model,Scenario,Region,Variable,Unit,2020,2030\nm,s,C,v,u,1,\nm,s,C,w,u,2,3\n"
    got = read_upload("r.csv", wide)
    assert isinstance(got, ResultsUpload)
    assert got.series("s", "w").to_dict() == {2020: 2.0, 2030: 3.0}
    long = b"Model,Scenario,Region,Variable,Unit,Year,Value\nm,s,C,v,u,2020,1\nm,s,C,v,u,2030,2\n"
    assert read_upload("l.csv", long).series("s", "v").to_dict() == {2020: 1.0, 2030: 2.0}


# --- command line -----------------------------------------------------------------------------

CLI_SET_REFUSED = [
    ("dac=nan", "not a number"),
    ("dac=inf", "not a number"),
    ("dac=-inf", "not a number"),
    ("dac=1e308", "out of range"),
    (f"dac={HUGE_400}", "out of range"),
    (f"dac={HUGE_5000}", "out of range"),
    ("dac=abc", "not a number"),
    ("dac=", "not a number"),
    ("dac=1,5", "not a number"),
    ("dac=0x10", "not a number"),
    ("dac==1+2", "not a number"),
    ("dac=True", "not a number"),
    ("dac=9999", "out of range"),
    ("dac=-1", "out of range"),
    ("dac_year=2040.5", "not a whole year"),
    ("flux_capacitor=1", "unknown lever"),
    ("[x](https://ev.il)=1", "unknown lever"),
    ("=5", "expected LEVER=VALUE"),
    ("dac", "expected LEVER=VALUE"),
    ("dac=\udcff", "not valid text"),
    ("../../etc/passwd=1", "unknown lever"),
]


def _cli(argv, capsys, monkeypatch, lang):
    monkeypatch.setenv("PATHWAYS_LANG", lang)
    code = cli.main(argv)
    err = capsys.readouterr().err
    return code, err


@pytest.mark.parametrize("item, en_text", CLI_SET_REFUSED)
def test_cli_set_refused(item, en_text, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out.csv"
    argv = ["run", "--set", item, "--out", str(out)]
    code, en = _cli(argv, capsys, monkeypatch, "en")
    assert code == 2 and en_text in en and len(en.strip().splitlines()) == 1 and len(en) < 600
    code, zh = _cli(argv, capsys, monkeypatch, "zh")
    assert code == 2
    assert_translated(en, zh)
    assert not out.exists()


def test_cli_repeated_set_is_refused(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out.csv"
    argv = ["run", "--set", "dac=100", "--set", "dac=200", "--out", str(out)]
    code, en = _cli(argv, capsys, monkeypatch, "en")
    assert code == 2 and "given 2 times (100, 200)" in en
    assert_translated(en, _cli(argv, capsys, monkeypatch, "zh")[1])
    assert not out.exists()


CLI_OPTION_REFUSED = [
    (["--preset", "../../../x"], "unknown preset"),
    (["--preset", "/etc/passwd"], "unknown preset"),
    (["--preset", "dual-carbon/../../x"], "unknown preset"),
    (["--preset", "nope"], "unknown preset"),
    (["--region", "![t](https://ev.il/p.png)"], "unknown region"),
    (["--region", "../china"], "unknown region"),
    (["--end-year", "3000"], "allowed 2050 to 2070"),
    (["--name", "a\udcffb"], "not valid text"),
]


@pytest.mark.parametrize("options, en_text", CLI_OPTION_REFUSED)
def test_cli_options_refused(options, en_text, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out.csv"
    argv = ["run", *options, "--out", str(out)]
    code, en = _cli(argv, capsys, monkeypatch, "en")
    assert code == 2 and en_text in en, en
    assert_translated(en, _cli(argv, capsys, monkeypatch, "zh")[1])
    assert not out.exists()


CLI_FILES_REFUSED = [
    ("deep.json", DEEP_JSON.encode(), "nested more than"),
    ("deep.toml", DEEP_TOML.encode(), "nested more than"),
    ("huge.toml", f"[levers]\ndac = {HUGE_400}\n".encode(), "at most 40 characters"),
    ("huge.json", b'{"levers": {"dac": ' + HUGE_5000.encode() + b"}}", "at most 40 characters"),
    ("dup.json", b'{"levers": {"dac": 100, "dac": 200}}', "given twice"),
    ("dup.toml", b"[levers]\ndac = 100\ndac = 200\n", "not valid TOML"),
    ("sur.json", b'{"scenario": {"name": "a\\ud800b"}, "levers": {"dac": 1}}', "not valid text"),
    ("bin.toml", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
    ("utf16.toml", "[levers]\ndac = 1\n".encode("utf-16"), "UTF-16"),
    ("empty.toml", b"", "no [levers] table"),
    ("list.json", b"[1, 2]", "no [levers] table"),
    ("nan.json", b'{"levers": {"dac": NaN}}', "not a number"),
    ("inf.toml", b"[levers]\ndac = inf\n", "out of range"),
    ("big.toml", b"[levers]\ndac = 1e308\n", "out of range"),
    ("str.toml", b"[levers]\ndac = 'many'\n", "not a number"),
    ("bool.json", b'{"levers": {"dac": true}}', "not a number"),
    ("trav.toml", b"[scenario]\npreset = '../../../x'\n[levers]\ndac = 1\n", "unknown preset"),
    ("reg.toml", b"[scenario]\nregion = '<b>x</b>'\n[levers]\ndac = 1\n", "unknown region"),
    ("name.toml", b"[scenario]\nname = 5\n[levers]\ndac = 1\n", "must be text"),
    (
        "long.toml",
        ("[scenario]\nname = '" + "n" * 10_000 + "'\n[levers]\ndac = 1\n").encode(),
        "must be text",
    ),
    ("unk.toml", b"[levers]\nflux_capacitor = 1\n", "unknown lever"),
]


@pytest.mark.parametrize("file, data, en_text", CLI_FILES_REFUSED)
def test_cli_scenario_file_refused(file, data, en_text, tmp_path, capsys, monkeypatch):
    path, out = tmp_path / file, tmp_path / "out.csv"
    path.write_bytes(data)
    argv = ["run", "--scenario", str(path), "--out", str(out)]
    code, en = _cli(argv, capsys, monkeypatch, "en")
    assert code == 2 and en_text in en and len(en.strip().splitlines()) == 1, en
    assert len(en) < 600
    assert_translated(en, _cli(argv, capsys, monkeypatch, "zh")[1])
    assert not out.exists()


def test_cli_missing_and_directory_scenario_files(tmp_path, capsys, monkeypatch):
    for path in (tmp_path / "nope.toml", tmp_path):
        argv = ["run", "--scenario", str(path), "--out", str(tmp_path / "o.csv")]
        code, en = _cli(argv, capsys, monkeypatch, "en")
        assert code == 2 and "not found" in en
        assert_translated(en, _cli(argv, capsys, monkeypatch, "zh")[1])


def test_cli_reads_a_bom_and_keeps_exact_values(tmp_path, capsys, monkeypatch):
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf[levers]\nnuclear_capacity = 123.456\ndac = 1.0\n")
    file = scenario.read_scenario(path)
    assert file.levers == {"nuclear_capacity": 123.456, "dac": 1.0}
    code, _ = _cli(
        ["run", "--scenario", str(path), "--out", str(tmp_path / "o.csv")],
        capsys,
        monkeypatch,
        "en",
    )
    assert code == 0 and (tmp_path / "o.csv").exists()


# --- share codes ------------------------------------------------------------------------------


def make_code(payload: str, checksum: bool = True) -> str:
    """A code with any payload (a valid checksum unless told otherwise), as a hand-made link."""
    raw = payload.encode("utf-8", "surrogatepass")
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, share._ZDICT_V1)
    check = share._checksum(raw) if checksum else b"\x00\x00\x00\x00"
    body = comp.compress(raw) + comp.flush() + check
    return "1" + base64.urlsafe_b64encode(body).decode("ascii").rstrip("=")


GOOD = share.encode({"nuclear_capacity": 123.456, "dac": 1.0, "ccus_capacity": 700})
SHARE_REFUSED = [
    ("", "empty"),
    ("   ", "empty"),
    ("2" + GOOD[1:], "unknown_version"),
    ("x" * 9000, "too_long"),
    ("1" + "!" * 40, "unreadable"),
    ("1AAAA", "unreadable"),
    ("1ü€漢字", "unreadable"),
    (GOOD[:12], "truncated"),
    (GOOD[:-3], "truncated"),
    (GOOD[:10] + ("A" if GOOD[10] != "A" else "B") + GOOD[11:], "tampered"),
    (make_code("2;china;;dac=100;", checksum=False), "tampered"),
    (make_code("9999;china;;dac=100;"), "newer_schema"),
    (make_code("²;china;;dac=100;"), "unreadable"),
    (make_code("2;[Log in](https://ev.il/x);;"), "unknown_region"),
    (make_code("2;<img src=x>;;"), "unknown_region"),
    (make_code("2;../../x;;"), "unknown_region"),
    (make_code("2;china;;dac=1e999;"), "lever_clipped"),
    (make_code("2;china;;dac=nan;"), "lever_clipped"),
    (make_code("2;china;;dac=" + "9" * 39 + ";"), "lever_clipped"),
    (make_code("2;china;;dac=9999;"), "lever_clipped"),
    (make_code("2;china;;dac_year=2040.5;"), "lever_clipped"),
    (make_code("2;china;;flux_capacitor=1;"), "lever_removed"),
    (make_code("2;china;;dac=1;dac=2;"), "tampered"),
    (make_code("2;china;../../../x;dac=1;"), None),  # unknown preset: a label, dropped
    (make_code("2;chi\ud800na;;"), "unknown_region"),
]


@pytest.mark.parametrize("code, key", SHARE_REFUSED)
def test_share_code_never_breaks_and_explains(code, key):
    decoded = share.decode(code)
    scenario.validate(decoded.levers)  # always a complete, valid scenario
    assert set(decoded.levers) == set(scenario.catalogue())
    assert decoded.preset in (None, *scenario.list_presets())
    if key is None:
        return
    assert key in [n.key for n in decoded.notices]
    for en, zh in zip(
        i18n.messages(decoded.notices, "en"), i18n.messages(decoded.notices, "zh"), strict=True
    ):
        assert_translated(en, zh)
    for message in i18n.messages(decoded.notices, "en", escape=plain):
        assert not UNSAFE_MARKDOWN.search(message)


def test_share_code_keeps_off_grid_values_exactly():
    decoded = share.decode(GOOD)
    assert decoded.exact
    assert decoded.levers["nuclear_capacity"] == 123.456 and decoded.levers["dac"] == 1.0


# --- URL parameters (the dashboard in AppTest) ------------------------------------------------

URL_CASES = [
    {"[Log in](https://ev.il/x)": "1", "region": "![t](https://ev.il/p.png)"},
    {"region": "<img src=x onerror=alert(1)>"},
    {"preset": "../../../x"},
    {"preset": "[x](https://ev.il)"},
    {"region": "\u202eanihc"},
    {"region": "chi\u200bna"},
    {"region": "x" * 10_000},
    {"lang": ["zh", "<b>fr</b>"], "dac": "abc"},
    {"dac": "nan"},
    {"dac": "inf"},
    {"dac": "-inf"},
    {"dac": "1e308"},
    {"dac": HUGE_400},
    {"dac": HUGE_5000},
    {"dac": ""},
    {"dac": "=1+2"},
    {"dac": "[x](https://ev.il)"},
    {"dac": ["1", "2"]},
    {"dac_year": "2040.5"},
    {"nuclear_capacity": "99999"},
    {"<script>alert(1)</script>": "1"},
    {"a" * 5000: "1"},
    {"s": make_code("2;[Log in](https://ev.il/x);;")},
    {"s": "1" + "!" * 50},
    {"s": make_code("9999;china;;dac=100;")},
]


def _warnings(at) -> list[str]:
    return [w.value for w in at.warning]


@pytest.mark.parametrize("params", URL_CASES, ids=lambda p: str(list(p))[:40])
def test_url_parameters_never_break_and_are_shown_as_text(params, data_dir):
    at = open_app(**params)  # asserts no exception
    warnings = _warnings(at)
    assert warnings, "a bad parameter must be noticed"
    for text in warnings:
        assert not UNSAFE_MARKDOWN.search(text), text
        assert len(text) < 1500
    scenario.validate(at.session_state["levers"])
    at_zh = open_app(**(params | {"lang": "zh"}))
    zh = _warnings(at_zh)
    assert zh and all(CJK.search(w) for w in zh), zh
    assert {len(warnings)} == {len(zh)}


def test_url_exact_values_stay_in_the_scenario(data_dir):
    at = open_app(nuclear_capacity="123.456", dac="1.0")
    assert not _warnings(at)
    levers = at.session_state["levers"]
    assert levers["nuclear_capacity"] == 123.456 and levers["dac"] == 1.0
    assert at.session_state["lv.nuclear_capacity"] == 125.0  # the slider shows the nearest step
    assert at.query_params["nuclear_capacity"] == "123.456"  # the link keeps it too


# --- library import ---------------------------------------------------------------------------


@pytest.fixture
def lib(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'lib.db'}")
    store.save("Kept", {"dac": 10}, description="before")
    yield store
    store.close()


def entry(**changes) -> dict:
    base = {"name": "Imported", "region": "china", "levers": {"dac": 100.0}}
    return base | changes


IMPORT_REFUSED = [
    entry(name="a\ud800b"),
    entry(name="n" * 10_000),
    entry(name=""),
    entry(name="   "),
    entry(name=123),
    entry(name="a\x00b"),
    entry(description="d" * 10_000),
    entry(description="x\udfffy"),
    entry(levers={}),
    entry(levers=[1, 2]),
    entry(levers={"dac": "abc"}),
    entry(levers={"dac": float("nan")}),
    entry(levers={"dac": float("inf")}),
    entry(levers={"dac": 10**400}),
    entry(levers={"dac": 10**5000}),
    entry(levers={"dac": True}),
    entry(levers={"dac": None}),
    entry(levers={"dac": [1]}),
    entry(levers={"x" * 10_000: 1}),
    entry(levers={"da\ud800c": 1}),
    entry(levers={"retired_lever": float("nan")}),
    entry(region="mars"),
    entry(region="[x](https://ev.il)"),
    entry(schema_version=9999),
    "not a table",
]


@pytest.mark.parametrize("bad", IMPORT_REFUSED, ids=lambda e: shown(e, 50))
def test_library_import_refuses_and_changes_nothing(lib, bad):
    before = lib.export_json().split('"exported_at"')[1].split("\n", 1)[1]
    with pytest.raises(StoreError) as info:
        lib.import_entries([entry(name="Good one"), bad])  # one bad entry: none imported
    assert_translated(i18n.message(info.value, "en"), i18n.message(info.value, "zh"))
    assert len(i18n.message(info.value, "en")) < 800
    assert not UNSAFE_MARKDOWN.search(i18n.message(info.value, "en", escape=plain))
    assert lib.export_json().split('"exported_at"')[1].split("\n", 1)[1] == before
    assert lib.count() == 1


def test_library_import_upload_with_huge_number_or_deep_nesting_is_refused(lib):
    for data in (
        b'{"format": "pathways-scenarios", "scenarios": [{"name": "x", "levers": {"dac": '
        + HUGE_400.encode()
        + b"}}]}",
        b'{"format": "pathways-scenarios", "scenarios": [' + b"[" * 50_000 + b"]" * 50_000 + b"]}",
    ):
        with pytest.raises(UploadError) as info:
            read_upload("library.json", data)
        assert_translated(
            i18n.messages(info.value.problems, "en")[0], i18n.messages(info.value.problems, "zh")[0]
        )
    assert lib.count() == 1


@pytest.mark.parametrize("name", HOSTILE_NAMES[:8])
def test_library_import_keeps_hostile_names_exactly_and_ignores_claims(lib, name):
    doc = {
        "format": "pathways-scenarios",
        "scenarios": [
            entry(
                name=name,
                schema_version=1,
                created_at="1999-01-01",
                levers={"nuclear_capacity": 123.456},
            )
        ],
    }
    got = read_upload("library.json", json.dumps(doc).encode())
    assert isinstance(got, LibraryUpload)
    [new_id] = lib.import_entries(got.entries)
    record = lib.get(new_id)
    assert record.name == name and record.levers == {"nuclear_capacity": 123.456}
    assert record.schema_version == share.schema_version()
    assert record.created_at.startswith("20") and record.created_at != "1999-01-01"
    assert lib.open(new_id).levers["nuclear_capacity"] == 123.456


# --- the upload panel and library in the dashboard (AppTest) ---------------------------------


def _markdown_texts(at) -> list[str]:
    """Every Markdown-rendering text on the page: alerts, markdown, captions, button labels."""
    texts = []
    for kind in (at.markdown, at.caption, at.warning, at.error, at.success, at.info):
        texts += [e.value for e in kind]
    texts += [b.label for b in at.button]
    return texts


def _upload_in_app(name: str, data: bytes, lang: str = "en"):
    at = open_app(**({"lang": lang} if lang != "en" else {}))
    at.file_uploader(key="lib_upload").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


APP_UPLOADS_REFUSED = [
    ("deep.json", DEEP_JSON.encode(), "nested more than", "嵌套超过"),
    ("huge.json", b'{"levers": {"dac": ' + HUGE_400.encode() + b"}}", "at most 40", "最多40"),
    ("huge.toml", f"[levers]\ndac = {HUGE_5000}\n".encode(), "at most 40", "最多40"),
    (
        "sur.json",
        b'{"scenario": {"name": "a\\ud800b"}, "levers": {"dac": 1}}',
        "not valid text",
        "无效字符",
    ),
    ("dup.json", b'{"levers": {"dac": 100, "dac": 200}}', "given twice", "出现两次"),
    ("[x](https:ev.il).csv", b"name,value\ndac,1,2\n", "has 3 cells", "3个单元格"),
]


@pytest.mark.parametrize("name, data, en, zh", APP_UPLOADS_REFUSED)
def test_app_upload_refused_with_translated_text_message(name, data, en, zh, data_dir):
    for lang, text in (("en", en), ("zh", zh)):
        at = _upload_in_app(name, data, lang)
        errors = " ".join(rendered(e.value) for e in at.sidebar.error)
        assert text in errors, errors
        assert all(not HOSTILE_MARKDOWN.search(t) for t in _markdown_texts(at))
    assert (
        not (data_dir / "scenarios.db").exists()
        or Store(f"sqlite:///{data_dir / 'scenarios.db'}").count() == 0
    )


@pytest.mark.parametrize("name", HOSTILE_NAMES[:6])
def test_app_hostile_scenario_name_shows_as_text_everywhere(name, data_dir):
    doc = {"scenario": {"name": name}, "levers": {"nuclear_capacity": 123.456, "dac": 1.0}}
    at = _upload_in_app("s.json", json.dumps(doc).encode())
    at.button(key="lib_upload_apply").click().run()
    at.button(key="lib_upload_save").click().run()
    assert not at.exception
    levers = at.session_state["levers"]
    assert levers["nuclear_capacity"] == 123.456 and levers["dac"] == 1.0  # exact, no notice
    assert not at.warning
    texts = _markdown_texts(at)
    assert any(name in rendered(t) for t in texts)  # the name is shown, literally
    assert all(not HOSTILE_MARKDOWN.search(t) for t in texts), texts
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    [record] = lib.list()
    assert record.name == name and record.levers["nuclear_capacity"] == 123.456
    lib.close()
