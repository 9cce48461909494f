"""Share codes: exact round trips, and clear notices + nearest valid scenario for bad codes."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pathways import i18n, migrate, model, scenario, share


@pytest.mark.parametrize("preset", scenario.list_presets())
def test_share_round_trip_of_every_preset_is_exact(preset):
    levers = scenario.complete(preset=preset)
    code = share.encode(levers, preset=preset)
    decoded = share.decode(code)
    assert decoded.exact and decoded.region == "china" and decoded.levers == levers
    assert decoded.preset == preset
    assert len(code) < 400  # a chat message, not a novel
    assert all(c.isalnum() or c in "-_" for c in code)  # URL-safe without escaping


def test_share_default_scenario_is_tiny():
    assert len(share.encode(scenario.defaults())) < 24


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_share_round_trip_of_random_scenarios_is_exact(data):
    cat = scenario.catalogue()
    names = data.draw(st.lists(st.sampled_from(sorted(cat)), unique=True, max_size=len(cat)))
    levers = scenario.defaults()
    for name in names:
        lever = cat[name]
        value = data.draw(st.floats(lever.min, lever.max, allow_nan=False, allow_infinity=False))
        levers[name] = float(round(value)) if lever.kind == "year" else value
    decoded = share.decode(share.encode(levers))
    assert decoded.exact and decoded.levers == levers


def test_share_reproduces_results_exactly():
    levers = scenario.complete({"dac": 123.456789, "ccus_capacity": 777}, "dual-carbon")
    decoded = share.decode(share.encode(levers))
    a, b = model.run(levers), model.run(decoded.levers)
    for name in a.variables:
        np.testing.assert_array_equal(a[name], b[name])


def _typical_code() -> tuple[dict[str, float], str]:
    levers = scenario.complete(preset="accelerated")
    return levers, share.encode(levers)


@pytest.mark.parametrize("keep", [0.97, 0.6, 0.3])
def test_share_truncated_code_gives_notice_and_what_could_be_read(keep):
    levers, code = _typical_code()
    decoded = share.decode(code[: int(len(code) * keep)])
    keys = [n.key for n in decoded.notices]
    assert keys[0] in ("truncated", "unreadable")
    assert set(decoded.levers) == set(scenario.catalogue())
    # every lever is either the shared value or the default: nothing invented
    defaults = scenario.defaults()
    assert all(decoded.levers[k] in (levers[k], defaults[k]) for k in levers)
    assert (
        "incomplete" in i18n.messages(decoded.notices)[0]
        or "cannot be read" in i18n.messages(decoded.notices)[0]
    )
    assert i18n.messages(decoded.notices, "zh")[0] != i18n.messages(decoded.notices)[0]


def test_share_tampered_code_is_detected():
    levers, code = _typical_code()
    pos = len(code) - 3
    tampered = code[:pos] + ("A" if code[pos] != "A" else "B") + code[pos + 1 :]
    decoded = share.decode(tampered)
    assert decoded.notices[0].key == "tampered"
    assert (
        "changed or damaged" in i18n.messages(decoded.notices)[0]
        and "改动" in i18n.messages(decoded.notices, "zh")[0]
    )
    assert all(
        scenario.catalogue()[k].min <= v <= scenario.catalogue()[k].max
        for k, v in decoded.levers.items()
    )


def test_share_damaged_code_anywhere_never_raises():
    levers, code = _typical_code()
    rng = np.random.default_rng(1)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    for _ in range(200):
        chars = list(code)
        for pos in rng.integers(1, len(code), rng.integers(1, 4)):
            chars[pos] = alphabet[rng.integers(len(alphabet))]
        decoded = share.decode("".join(chars))
        scenario.validate(decoded.levers)  # always a valid scenario
        if "".join(chars) != code:
            assert decoded.notices


@pytest.mark.parametrize(
    ("code", "key"),
    [
        ("", "empty"),
        (None, "empty"),
        ("9abc", "unknown_version"),
        ("1", "unreadable"),
        ("1!!!!", "unreadable"),
        ("1" + "A" * 9000, "too_long"),
    ],
)
def test_share_bad_codes_fall_back_to_defaults(code, key):
    decoded = share.decode(code)
    assert decoded.notices[0].key == key and decoded.levers == scenario.defaults()
    assert i18n.messages(decoded.notices, "en")[0] and i18n.messages(decoded.notices, "zh")[0]


def _raw_code(payload: str) -> str:
    """A valid code for a hand-written payload (as an older release could have written)."""
    import base64
    import zlib

    data = payload.encode()
    comp = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, share._ZDICT_V1)
    body = comp.compress(data) + comp.flush() + share._checksum(data)
    return "1" + base64.urlsafe_b64encode(body).decode().rstrip("=")


def test_share_old_schema_and_out_of_range_values_are_brought_up_to_date(monkeypatch):
    steps = migrate.parse_migrations(
        {"step": [{"version": 1}, {"version": 2, "renamed": {"old_dac": "dac"}, "removed": ["x"]}]}
    )
    monkeypatch.setattr(migrate, "load_migrations", lambda *a: steps)
    code = _raw_code("1;china;;old_dac=40;x=3;nuclear_capacity=99999;")
    decoded = share.decode(code)
    keys = [n.key for n in decoded.notices]
    assert keys == ["old_schema", "lever_renamed", "lever_removed", "lever_clipped"]
    assert decoded.levers["dac"] == 40
    assert decoded.levers["nuclear_capacity"] == scenario.catalogue()["nuclear_capacity"].max


def test_share_unknown_region_falls_back():
    decoded = share.decode(_raw_code(f"{migrate.schema_version()};atlantis;;dac=40;"))
    assert [n.key for n in decoded.notices] == ["unknown_region"]
    assert decoded.region == "china" and decoded.levers["dac"] == 40
