"""The one translation catalogue (pathways/locale/messages.toml) and the rules around it:
every entry in both languages with the same placeholders, no text of its own anywhere else in
the code, and every code the core can raise has an entry."""

from __future__ import annotations

import ast
import io
import re
import string
import tokenize
from pathlib import Path

import pytest

from pathways import errors, i18n
from pathways.cli import CliError
from pathways.safe_input import InputError
from pathways.scenario import ScenarioError
from pathways.store import StoreError
from pathways.uploads import _UPLOAD_WORDING

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pathways"
CODE = sorted(PACKAGE.rglob("*.py")) + [ROOT / "app.py"]
CORE = [p for p in CODE if p.is_relative_to(PACKAGE) and "ui" not in p.relative_to(PACKAGE).parts]
# Han ideographs, CJK punctuation, full-width forms
CJK = re.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_entry_has_both_languages_with_the_same_placeholders():
    entries = i18n.catalogue()
    assert len(entries) > 300
    for key, texts in entries.items():
        assert set(texts) == set(i18n.LANGS), key
        assert all(texts.values()), key
        assert _fields(texts["en"]) == _fields(texts["zh"]), key
        for text in texts.values():  # formats without error
            text.format(**{name: "x" for name in _fields(text)})


def test_the_catalogue_file_has_no_duplicate_key():
    headers = re.findall(r"^\[(.+)\]$", i18n.CATALOGUE_FILE.read_text(encoding="utf-8"), re.M)
    assert len(headers) == len(set(headers)) == len(i18n.catalogue())


def _string_literals(path: Path):
    """(line, text) of every string literal (docstrings and f-strings included)."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    for tok in tokens:
        if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", -1):
            yield tok.start[0], tok.string


def test_no_cjk_string_literal_outside_the_catalogue():
    found = [
        f"{_rel(path)}:{line}: {text[:60]}"
        for path in CODE
        for line, text in _string_literals(path)
        if CJK.search(text)
    ]
    assert found == [], "Chinese text belongs in pathways/locale/messages.toml"


def test_no_other_string_table():
    """No MESSAGES / STRINGS dict and no language branch that chooses text."""
    found = []
    for path in CODE:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("MESSAGES", "STRINGS"):
                    found.append(f"{_rel(path)}:{node.lineno}: {target.id}")
            # lang == "zh", lang != "zh", "zh" if ...
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value == "zh"
                for c in [node.left, *node.comparators]
            ):
                found.append(f"{_rel(path)}:{node.lineno}: comparison with 'zh'")
    assert found == []


def test_pages_use_one_t():
    """The old per-area tables and their own t() are gone; the dashboard re-exports the
    catalogue's t."""
    from pathways.ui import i18n as ui_i18n

    assert ui_i18n.t is i18n.t
    assert not (PACKAGE / "ui" / "library_i18n.py").exists()
    assert not (PACKAGE / "lever_units.py").exists()
    defined = [
        _rel(path)
        for path in CODE
        if path != PACKAGE / "i18n.py"
        and re.search(r"^def t\(", path.read_text(encoding="utf-8"), re.M)
    ]
    assert defined == []


def _calls(paths):
    """(path, line, callee name, first argument or ``code=`` keyword) of every call with a
    string constant there."""
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            arg = node.args[0] if node.args else None
            for kw in node.keywords:
                if kw.arg in ("code", "key"):
                    arg = kw.value
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield path, node.lineno, name, arg.value


DOMAINS = {
    "ScenarioError": ScenarioError.domain,
    "InputError": InputError.domain,
    "StoreError": StoreError.domain,
    "CliError": CliError.domain,
    "GoalSeekError": "goalseek",  # pathways.goalseek
    "Notice": "share",  # pathways.share.Notice
    "Problem": "upload",  # pathways.uploads.Problem
    "LeverProblem": "scenario",  # and upload: uploads show the same problems
}


def _raised_codes() -> list[tuple[str, str]]:
    codes = []
    for path, line, name, value in _calls(CORE):
        where = f"{_rel(path)}:{line}"
        if name == "Message":
            codes.append((where, value))
        elif name in DOMAINS:
            if not re.fullmatch(r"[a-z][a-z0-9_]*", value):
                continue  # a developer error (broken catalogue) shown as it is, in English
            codes.append((where, f"{DOMAINS[name]}.{value}"))
            if name == "LeverProblem":
                codes.append((where, f"upload.{value}"))
    return codes


def test_every_code_the_core_can_raise_has_an_entry():
    codes = _raised_codes()
    assert len(codes) > 60, "the scan found too few codes: has the error API changed?"
    domains = {code.split(".")[0] for _, code in codes}
    assert {"scenario", "input", "upload", "store", "share", "cli", "migrate"} <= domains
    missing = [f"{where}: {code}" for where, code in codes if not i18n.has(code)]
    assert missing == []
    # safe_input limits worded by uploads (pathways.uploads.input_problem)
    assert all(i18n.has(f"upload.{key}") for key in _UPLOAD_WORDING)


def test_check_value_codes_are_in_both_domains():
    """scenario.check_value's problems are shown as scenario errors (CLI, files) and as upload
    problems (with the row): both need every code it returns."""
    from pathways import scenario

    for value in (9999, "x", 2041.4):
        for name in ("dac", "ccus_capacity_year", "zzz"):
            got = scenario.check_value(name, value)
            if isinstance(got, scenario.LeverProblem):
                assert i18n.has(f"scenario.{got.code}") and i18n.has(f"upload.{got.code}")


def test_every_literal_key_the_code_uses_exists():
    used = set()
    for path in CODE:
        text = path.read_text(encoding="utf-8")
        used |= {(m, _rel(path)) for m in re.findall(r'\bt\(\s*"([^"]+)"', text)}
    assert len(used) > 150
    assert sorted(f"{where}: {key}" for key, where in used if not i18n.has(key)) == []


def test_core_errors_choose_no_language():
    """Core errors and notices carry a code and parameters; only the catalogue renders them."""
    from pathways import share, uploads

    for cls in (errors.PathwaysError, errors.Message, share.Notice, uploads.Problem):
        for method in ("message", "messages", "text"):
            assert not hasattr(cls, method), (cls, method)
    err = ScenarioError("out_of_range", name="dac", value=9999, min=0, max=500, unit="Mt CO2/yr")
    assert (err.code, err.params["value"]) == ("scenario.out_of_range", 9999)
    assert str(err) == i18n.message(err, "en")  # English for logs and tracebacks
    zh = i18n.message(err, "zh")
    assert CJK.search(zh) and "9999" in zh and i18n.lever_unit("Mt CO2/yr", "zh") in zh


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_nested_and_list_parameters(lang):
    err = ScenarioError("unknown_lever", file="a.toml", name="dak", close=["dac", "daq"])
    text = i18n.message(err, lang)
    assert text.startswith("a.toml") and "dak" in text
    assert i18n.join(["dac", "daq"], lang) in text
    store = StoreError("invalid_levers", detail=err)
    assert text in i18n.message(store, lang)
    escaped = i18n.message(err, lang, escape=lambda s: s.replace("a", "A"))
    assert "dAk" in escaped and "A.toml" in escaped


def test_unknown_key_shows_itself():
    assert i18n.t("no_such_key", "zh") == "no_such_key"
    assert i18n.t("app_title", "fr") == i18n.t("app_title", "en")


def test_every_lever_module_has_a_name_in_both_languages():
    """Module names are not listed in the code: the path picker, methods page and meeting pack
    name a module by its catalogue entry module_<module>."""
    from pathways.i18n import catalogue, module_label
    from pathways.scenario import catalogue as levers

    for module in {lever.module for lever in levers().values()}:
        assert f"module_{module}" in catalogue(), module
        assert module_label(module, "en") != module_label(module, "zh"), module
