"""Share links in the dashboard (AppTest): save -> share link -> new session -> identical results."""

from __future__ import annotations

import numpy as np
from streamlit.testing.v1 import AppTest

from pathways import model, share
from pathways.store import Store
from tests.conftest import lever_slider, open_app


def _share_code(at: AppTest) -> str:
    links = [m.value.strip("`") for m in at.sidebar.markdown if f"?{share.QUERY_PARAM}=" in m.value]
    assert links, "no share link in the sidebar"
    return links[0].split(f"?{share.QUERY_PARAM}=")[1].split("&")[0]


def _share_params(at: AppTest) -> dict[str, str]:
    """The query parameters of the sidebar's share link."""
    link = next(
        m.value.strip("`") for m in at.sidebar.markdown if f"?{share.QUERY_PARAM}=" in m.value
    )
    return dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))


def test_share_round_trip_save_link_new_session_identical_results(data_dir):
    at = open_app(preset="dual-carbon")
    lever_slider(at, "dac").set_value(230.0).run()
    lever_slider(at, "nuclear_capacity_year").set_value(2047).run()
    at.text_input(key="lib_save_name").input("Meeting scenario").run()
    at.button(key="lib_save").click().run()
    assert not at.exception
    saved = Store(f"sqlite:///{data_dir / 'scenarios.db'}").list()
    assert [r.name for r in saved] == ["Meeting scenario"]
    levers = dict(at.session_state["levers"])
    assert saved[0].levers == levers and levers["dac"] == 230.0

    code = _share_code(at)
    other = open_app(s=code)  # a colleague opens the link: a new session
    assert not other.warning, [w.value for w in other.warning]
    assert other.session_state["levers"] == levers
    assert other.session_state["region"] == at.session_state["region"]
    assert other.session_state["preset"] == "dual-carbon"  # shown as the preset + changes
    a, b = model.run(levers), model.run(other.session_state["levers"])
    for name in a.variables:
        np.testing.assert_array_equal(a[name], b[name])
    # the colleague's own share link is the same code
    assert _share_code(other) == code


def test_share_link_with_a_damaged_code_opens_the_nearest_valid_scenario(data_dir):
    at = open_app(preset="accelerated")
    code = _share_code(at)
    cut = open_app(s=code[: len(code) // 2])
    messages = " ".join(w.value for w in cut.warning)
    assert "incomplete" in messages or "damaged" in messages
    assert set(cut.session_state["levers"]) == set(at.session_state["levers"])
    zh = open_app(s="9nonsense", lang="zh")
    assert any("其他版本" in w.value for w in zh.warning)
    assert zh.session_state["levers"] == open_app().session_state["levers"]


def test_share_code_typed_into_the_panel_opens_the_scenario(data_dir):
    source = open_app(preset="dual-carbon")
    code = _share_code(source)
    at = open_app()
    at.text_input(key="lib_share_input").input(f"https://example.org/?s={code}").run()
    at.button(key="lib_share_open").click().run()
    assert not at.exception
    assert at.session_state["levers"] == source.session_state["levers"]


def test_share_link_copied_in_chinese_opens_in_chinese(data_dir):
    at = open_app(preset="dual-carbon", lang="zh", dac="250")
    params = _share_params(at)
    assert params["lang"] == "zh"
    other = open_app(**params)
    assert other.session_state["lang"] == "zh"
    assert other.session_state["levers"] == at.session_state["levers"]
    assert any("碳中和" in t.value for t in other.title)
    # an English link carries no language parameter and opens in English
    assert "lang" not in _share_params(open_app(preset="dual-carbon"))
