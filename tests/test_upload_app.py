"""The upload panel in the dashboard (AppTest): each bad file gets its translated message."""

from __future__ import annotations

import json

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from pathways import export, model, scenario
from pathways.store import Store
from tests.conftest import open_app, rendered


def _upload(name: str, data: bytes, lang: str = "en") -> AppTest:
    at = open_app(**({"lang": lang} if lang != "en" else {}))
    at.file_uploader(key="lib_upload").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _errors(at: AppTest) -> str:
    return " ".join(rendered(e.value) for e in at.sidebar.error)


@pytest.mark.parametrize(
    ("name", "data", "en", "zh"),
    [
        ("deck.csv", b"a,b\n1,2\n", "not a file this tool reads", "无法识别"),
        ("s.toml", b"[levers]\nnot_a_lever = 1\n", "unknown lever 'not_a_lever'", "未知参数"),
        ("s.csv", b"name,value\ndac,9999\n", "out of range; allowed: 0 to 500", "超出范围"),
        ("s.json", b'{"levers": {"dac": "many"}}', "'many' is not a number", "不是数字"),
        ("s.toml", b"[levers\n", "not valid TOML", "不是有效的TOML"),
    ],
)
def test_upload_bad_files_show_translated_messages(data_dir, name, data, en, zh):
    assert en in _errors(_upload(name, data))
    assert zh in _errors(_upload(name, data, lang="zh"))


def test_upload_oversized_file_is_refused(data_dir, monkeypatch):
    original = st_config.get_option("server.maxUploadSize")
    st_config.set_option("server.maxUploadSize", 1)
    try:
        at = _upload("big.csv", b"name,value\n" + b"dac,10\n" * 200_000)
    finally:
        st_config.set_option("server.maxUploadSize", original)
    assert "files up to 1 MB can be uploaded" in _errors(at)


def test_upload_lever_file_applies_and_saves(data_dir):
    text = scenario.scenario_toml("From a file", "china", {"dac": 120.0}, "dual-carbon")
    at = _upload("mine.toml", text.encode())
    at.button(key="lib_upload_apply").click().run()
    assert not at.exception
    assert at.session_state["levers"] == scenario.complete({"dac": 120}, "dual-carbon")
    assert at.session_state["preset"] == "dual-carbon"
    at.button(key="lib_upload_save").click().run()
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    assert [r.name for r in lib.list()] == ["From a file"]
    lib.close()


def test_upload_library_export_imports_every_scenario(data_dir, tmp_path):
    source = Store(f"sqlite:///{tmp_path / 'colleague.db'}")
    for i in range(3):
        source.save(f"Colleague {i}", {"dac": 10.0 * i})
    at = _upload("team.json", source.export_json().encode())
    at.button(key="lib_upload_import").click().run()
    lib = Store(f"sqlite:///{data_dir / 'scenarios.db'}")
    assert sorted(r.name for r in lib.list()) == ["Colleague 0", "Colleague 1", "Colleague 2"]
    bad = json.loads(source.export_json())
    bad["scenarios"][1]["levers"]["dac"] = "x"
    at = _upload("bad.json", json.dumps(bad).encode())
    at.button(key="lib_upload_import").click().run()
    assert "nothing was imported" in " ".join(e.value for e in at.error)
    assert lib.count() == 3
    lib.close()
    source.close()


def test_upload_iamc_results_appear_on_the_compare_page(data_dir):
    result = model.run(scenario.complete(preset="accelerated"))
    text = export.to_csv_text(export.iamc_wide(result, "Their model"))
    at = _upload("theirs.csv", text.encode())
    assert any("IAMC results" in s.value for s in at.sidebar.success)
    at.switch_page("pathways/ui/pages/compare.py")
    at.run()
    assert not at.exception
    net = at.get("plotly_chart")[0]
    assert "Their model" in net.proto.spec
