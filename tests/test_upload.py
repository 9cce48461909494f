"""Uploads: each bad file gets its own clear, translated message; CSV we write is formula-safe."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from pathways import export, model, scenario, uploads
from pathways.safe_csv import neutralise, safe_frame, to_safe_csv
from pathways.uploads import UploadError, read_upload


def _problems(name: str, data: bytes, **kw) -> UploadError:
    with pytest.raises(UploadError) as err:
        read_upload(name, data, **kw)
    return err.value


def test_upload_lever_files_in_every_format():
    toml = b'[scenario]\nname = "Mine"\npreset = "dual-carbon"\n[levers]\ndac = 80\n'
    jsn = json.dumps({"scenario": {"name": "Mine"}, "levers": {"dac": 80}}).encode()
    csv_ = b"name,value\n# comment\ndac,80\n\nregion,china\n"
    for name, data in (("a.toml", toml), ("a.json", jsn), ("a.csv", csv_)):
        got = read_upload(name, data)
        assert isinstance(got, uploads.LeverUpload) and got.levers == {"dac": 80.0}
    assert read_upload("a.toml", toml).full_levers() == scenario.complete(
        {"dac": 80}, "dual-carbon"
    )


def test_upload_reads_what_we_write():
    text = scenario.scenario_toml("Round", "china", scenario.complete(preset="accelerated"))
    got = read_upload("round.toml", text.encode())
    assert got.name == "Round" and got.full_levers() == scenario.complete(preset="accelerated")


def test_upload_wrong_format():
    for name, data in (("deck.xlsx", b"PK\x03\x04..."), ("x.csv", b"foo,bar\n1,2\n")):
        err = _problems(name, data)
        assert err.problems[0].key == "wrong_format"
        assert "TOML" in err.messages("en")[0] and "无法识别" in err.messages("zh")[0]


def test_upload_bad_syntax_and_encoding():
    assert _problems("a.toml", b"[levers\n").problems[0].key == "bad_syntax"
    assert _problems("a.json", b"{levers: 1}").problems[0].key == "bad_syntax"
    err = _problems("a.csv", "name,value\ndac,1\n".encode("utf-16"))
    assert err.problems[0].key == "utf16" and "UTF-8" in err.messages("zh")[0]
    assert _problems("a.toml", b"  \n").problems[0].key == "empty"
    assert _problems("a.toml", b"[scenario]\nname='x'\n").problems[0].key == "no_levers"


def test_upload_unknown_lever_suggests_names():
    err = _problems("a.toml", b"[levers]\npower_nonfossil = 80\n")
    assert err.problems[0].key == "unknown_lever"
    assert "power_nonfossil_share" in err.messages("en")[0]
    assert "未知参数" in err.messages("zh")[0]


def test_upload_out_of_range():
    err = _problems("a.csv", b"name,value\ndac,9999\n")
    (msg,) = err.messages("en")
    assert "row 2" in msg and "out of range" in msg and "0 to 500" in msg
    assert "超出范围" in err.messages("zh")[0] and "第2行" in err.messages("zh")[0]


def test_upload_non_numeric_value():
    err = _problems("a.json", b'{"levers": {"dac": "lots", "beccs": true}}')
    assert [p.key for p in err.problems] == ["not_a_number", "not_a_number"]
    assert "'lots' is not a number" in err.messages()[0] and "不是数字" in err.messages("zh")[0]


def test_upload_year_must_be_whole_and_no_duplicates():
    err = _problems("a.csv", b"name,value\ndac_year,2040.5\ndac,1\ndac,2\n")
    assert [p.key for p in err.problems] == ["not_whole_year", "duplicate_lever"]


def test_upload_unknown_region_and_preset():
    err = _problems("a.toml", b'[scenario]\nregion="mars"\npreset="x"\n[levers]\ndac=1\n')
    assert [p.key for p in err.problems] == ["unknown_region", "unknown_preset"]


def test_upload_all_problems_listed_but_capped():
    rows = "\n".join(f"nope_{i},1" for i in range(40))
    err = _problems("a.csv", f"name,value\n{rows}\n".encode())
    assert len(err.problems) == uploads.MAX_PROBLEMS + 1
    assert err.problems[-1].key == "too_many_problems" and "20" in err.messages()[-1]


def test_upload_oversized_file():
    err = _problems("big.csv", b"name,value\n" + b"dac,1\n" * 400, max_mb=0.001)
    assert err.problems[0].key == "too_large"
    assert "KB" in err.messages()[0] and "上限" in err.messages("zh")[0]


def test_upload_limit_follows_streamlit_config(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("[server]\nmaxUploadSize = 2\n")
    assert uploads.configured_max_mb(config) == 2
    assert uploads.configured_max_mb(tmp_path / "missing.toml") == 200


def test_upload_renamed_lever_is_applied_with_a_warning():
    renames = uploads.load_migrations().all_renames()
    if not renames:
        pytest.skip("no renames in the catalogue history")
    old, new = next(iter(renames.items()))
    value = scenario.catalogue()[new].max
    got = read_upload("old.toml", f"[levers]\n{old} = {value}\n".encode())
    assert got.levers == {new: value} and got.warnings[0].key == "renamed_lever"


def test_upload_iamc_results_wide_and_long():
    result = model.run(scenario.complete(preset="dual-carbon"))
    wide = export.to_csv_text(export.iamc_wide(result, "Dual")).encode()
    got = read_upload("results.csv", wide)
    assert isinstance(got, uploads.ResultsUpload) and got.scenarios == ["Dual"]
    net = got.series("Dual", "Emissions|CO2")
    assert net is not None and abs(net[2030] - result.at("Emissions|CO2", 2030)[0]) < 1
    long = export.to_csv_text(export.iamc_long(result, "Dual")).encode()
    got_long = read_upload("long.csv", long)
    assert abs(got_long.series("Dual", "Emissions|CO2")[2030] - net[2030]) < 1e-9


def test_upload_iamc_problems():
    head = "Model,Scenario,Region,Variable,Unit,2020,2030\n"
    err = _problems("r.csv", (head + "m,s,China,Emissions|CO2,Mt,1,abc\n").encode())
    assert err.problems[0].key == "iamc_not_a_number" and "2030" in err.messages()[0]
    err = _problems("r.csv", b"Model,Scenario,Variable,2020\nm,s,v,1\n")
    assert err.problems[0].key == "iamc_missing_columns" and "Region" in err.messages()[0]
    err = _problems("r.csv", b"Model,Scenario,Region,Variable,Unit,note\nm,s,c,v,u,x\n")
    assert err.problems[0].key == "iamc_no_years"
    assert _problems("r.csv", head.encode()).problems[0].key == "iamc_no_rows"


def test_upload_library_export_is_recognised():
    doc = {"format": "pathways-scenarios", "scenarios": [{"name": "a", "levers": {"dac": 1}}]}
    got = read_upload("lib.json", json.dumps(doc).encode())
    assert isinstance(got, uploads.LibraryUpload) and got.entries[0]["name"] == "a"
    doc["scenarios"] = []
    assert _problems("lib.json", json.dumps(doc).encode()).problems[0].key == "library_empty"


def test_upload_every_message_key_has_both_languages():
    for key, texts in uploads.MESSAGES.items():
        assert set(texts) == {"en", "zh"}, key


# --- formula injection in CSV we write -----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1", " =1"]
)
def test_upload_typed_text_never_becomes_a_formula(text):
    assert neutralise(text) == "'" + text


def test_upload_safe_csv_keeps_numbers_and_plain_text():
    frame = pd.DataFrame({"Scenario": ['=HYPERLINK("x")', "Plain"], "2030": [-12.5, 3.0]})
    text = to_safe_csv(frame)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ['\'=HYPERLINK("x")', "-12.5"] and rows[2] == ["Plain", "3"]
    assert safe_frame(frame)["2030"].tolist() == [-12.5, 3.0]
    assert neutralise(-5) == -5 and neutralise("") == ""


def test_upload_results_csv_we_write_neutralises_a_typed_scenario_name():
    result = model.run(scenario.defaults())
    text = export.to_csv_text(export.iamc_wide(result, '=WEBSERVICE("http://x")'))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][1] == '\'=WEBSERVICE("http://x")'
    assert text == export.to_csv_text(export.iamc_wide(result, '=WEBSERVICE("http://x")'))
    plain = export.to_csv_text(export.iamc_wide(result, "dual-carbon"))
    assert list(csv.reader(io.StringIO(plain)))[1][1] == "dual-carbon"


def test_results_exported_under_an_earlier_variable_name_still_read():
    """data/variable_renames.csv: a file exported before the IAMC carrier names (issue 10 item
    4) is read under the current names, nothing the user kept is lost."""
    result = model.run(scenario.complete(preset="dual-carbon"))
    text = export.to_csv_text(export.iamc_wide(result, "Dual"))
    old_text = text.replace("Final Energy|Industry|Solids", "Final Energy|Industry|Coal")
    assert old_text != text
    got = read_upload("old-results.csv", old_text.encode())
    coal = got.series("Dual", "Final Energy|Industry|Solids")
    assert coal is not None
    assert coal[2030] == pytest.approx(result.at("Final Energy|Industry|Solids", 2030)[0], rel=1e-4)
