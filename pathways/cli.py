"""Command line: ``pathways run|levers|presets|report|ensemble|sensitivity``. Bad input exits with status 2 and one clear line."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pathways import __version__, cli_uncertainty, i18n
from pathways.errors import PathwaysError


def cli_lang() -> str:
    """The language of messages: the first two letters of ``PATHWAYS_LANG`` (else ``LC_ALL``,
    ``LANG``) when the catalogue has that language (``zh_CN.UTF-8`` -> Chinese), else English."""
    for var in ("PATHWAYS_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(var)
        if value:
            return i18n.lang_of(value.lower()[:2])
    return i18n.DEFAULT_LANG


class CliError(PathwaysError):
    """A user error: printed as one line, exit status 2 (code ``cli.<key>`` in the catalogue)."""

    domain = "cli"


def _text(option: str, value: str | None) -> str | None:
    """Refuse command-line text that cannot be encoded (bytes undecodable in the locale)."""
    from pathways.safe_input import valid_text

    if value is not None and not valid_text(value):
        raise CliError("bad_text", option=option)
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pathways", description="Carbon-neutrality pathway model for China."
    )
    parser.add_argument("--version", action="version", version=f"pathways {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run a scenario and write its results as CSV")
    run.add_argument("--preset", default="current-policies", help="preset to start from")
    run.add_argument(
        "--region",
        default=None,
        help="region: china, a province (CN-NM, CN-SX) or 'all' (default: the scenario's)",
    )
    run.add_argument("--scenario", type=Path, help="scenario file (TOML or JSON) over the preset")
    run.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="LEVER=VALUE",
        help="set one lever (repeatable)",
    )
    run.add_argument("--end-year", type=int, default=2060, help="last year (2050-2070)")
    run.add_argument("--format", choices=["wide", "long"], default="wide", help="IAMC wide or tidy")
    run.add_argument("--name", default=None, help="scenario name in the output")
    run.add_argument("--out", type=Path, required=True, help="output CSV file ('-' for stdout)")
    levers = sub.add_parser("levers", help="print the lever catalogue")
    levers.add_argument("--format", choices=["table", "csv"], default="table")
    levers.add_argument("--lang", choices=list(i18n.LANGS), default=i18n.DEFAULT_LANG)
    presets = sub.add_parser("presets", help="list the presets")
    presets.add_argument("--region", default="china", help="the presets offered for this region")
    report = sub.add_parser("report", help="write a meeting pack: slides, report or workbook")
    report.add_argument("--preset", default="current-policies", help="preset to start from")
    report.add_argument("--region", default=None, help="region (default: china, or the scenario's)")
    report.add_argument(
        "--scenario", type=Path, help="scenario file (TOML or JSON) over the preset"
    )
    report.add_argument(
        "--compare", type=Path, nargs="+", metavar="FILE", help="2 to 4 scenario files to compare"
    )
    report.add_argument(
        "--set", action="append", default=[], metavar="LEVER=VALUE", help="set one lever"
    )
    report.add_argument("--name", default=None, help="scenario name in the pack")
    report.add_argument(
        "--format", choices=["pptx", "html", "xlsx"], default=None, help="default: from --out"
    )
    report.add_argument("--lang", choices=list(i18n.LANGS), default=None, help="pack language")
    report.add_argument(
        "--share-base", default=None, metavar="URL", help="dashboard URL for the share link"
    )
    report.add_argument("--out", type=Path, required=True, help="output file ('-' for stdout)")
    cli_uncertainty.add_parsers(sub)
    return parser


def _parse_sets(items: list[str]) -> dict[str, str]:
    """``--set`` items as name -> value text; a lever given twice is refused (never last-wins)."""
    from pathways.safe_input import shown

    given: dict[str, list[str]] = {}
    for item in items:
        _text("--set", item)
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CliError("bad_set", item=shown(item))
        given.setdefault(name.strip(), []).append(value.strip())
    for name, values in given.items():
        if len(values) > 1:
            shown_values = ", ".join(shown(v, 20) for v in values[:5])
            raise CliError("repeated_set", name=shown(name), count=len(values), values=shown_values)
    return {name: values[0] for name, values in given.items()}


def scenario_spec(args: argparse.Namespace) -> tuple[dict[str, float], str, str, str]:
    """The levers given (before completion), preset, region and name of ``--preset``,
    ``--scenario``, ``--region`` and ``--set`` (in that order of precedence, the last winning).
    The region defaults to the scenario file's, else to the preset's own (a province's plan),
    else ``china``; ``--region all`` (run only) is every region."""
    from pathways import scenario

    for option in ("preset", "region", "name"):
        _text(f"--{option}", getattr(args, option, None))
    preset = args.preset
    region = scenario.load_preset(preset).region or "china"  # a closed list of names
    levers: dict[str, float] = {}
    name = preset
    if args.scenario:
        file = scenario.read_scenario(args.scenario)
        preset = file.preset or preset
        region, name = file.region, file.name
        levers.update(file.levers)
    if args.region:
        region = args.region
    levers.update(scenario.validate(_parse_sets(args.set)))
    return levers, preset, region, name


def _check_region(region: str) -> str:
    from pathways.data import list_regions
    from pathways.safe_input import shown

    if region not in list_regions():
        raise CliError("unknown_region", region=shown(region), known=", ".join(list_regions()))
    return region


def scenario_levers(args: argparse.Namespace) -> tuple[dict[str, float], str, str]:
    """The complete lever set, region and name of the command line (:func:`scenario_spec`)."""
    from pathways import scenario

    levers, preset, region, name = scenario_spec(args)
    region = _check_region(region)
    return scenario.complete(levers, preset, region), region, name


def _run(args: argparse.Namespace) -> int:
    import pandas as pd

    from pathways import model, scenario
    from pathways.data import list_regions
    from pathways.export import iamc_long, iamc_wide, to_csv_text
    from pathways.safe_input import shown

    levers, preset, region, name = scenario_spec(args)
    regions = list_regions() if region == "all" else [_check_region(region)]
    if not 2050 <= args.end_year <= 2070:
        raise CliError("end_year", year=shown(args.end_year))
    label = args.name or name
    frames = []
    for one in regions:  # --region all: the nation and every province in one file
        full = scenario.complete(levers, preset, one)
        result = model.run(full, region=one, end_year=args.end_year)
        frames.append((iamc_wide if args.format == "wide" else iamc_long)(result, label))
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    text = to_csv_text(frame)
    if _write_out(args.out, text.encode("utf-8")):
        print(f"wrote {len(frame)} rows to {args.out}", file=sys.stderr)
    return 0


def _write_out(out: Path, data: bytes) -> bool:
    """``data`` to the file ``out``, or to standard output for ``-``; whether a file was
    written. An unwritable file is a :class:`CliError`."""
    from pathways.safe_input import shown

    if str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return False
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise CliError("cannot_write", path=shown(str(out), 200), detail=exc.strerror) from None
    return True


def _report_entries(args: argparse.Namespace, lang: str) -> list:
    """The scenarios of a pack: the preset with --scenario/--set, or the --compare files."""
    from pathways import scenario, share
    from pathways.compare import MAX_SCENARIOS, MIN_SCENARIOS
    from pathways.data import list_regions
    from pathways.report import PackScenario
    from pathways.safe_input import shown

    for option in ("preset", "region", "name", "share_base"):
        _text(f"--{option.replace('_', '-')}", getattr(args, option))
    scenario.load_preset(args.preset)
    if args.compare and args.scenario:
        raise CliError("compare_and_scenario")
    if args.compare:
        if not MIN_SCENARIOS <= len(args.compare) <= MAX_SCENARIOS:
            raise CliError("compare_count", max=MAX_SCENARIOS, count=len(args.compare))
        files = [scenario.read_scenario(path) for path in args.compare]
        specs = [(f.name, f.levers, args.region or f.region, f.preset) for f in files]
    else:
        levers, preset, region, name = scenario_spec(args)
        specs = [(args.name or name, levers, region, preset)]
    entries = []
    for name, given, region, preset in specs:
        if region not in list_regions():
            raise CliError("unknown_region", region=shown(region), known=", ".join(list_regions()))
        levers = scenario.complete(given, preset, region)
        link = None
        if args.share_base:
            code = share.encode(levers, region, preset)
            link = f"{args.share_base.split('?')[0]}?{share.QUERY_PARAM}={code}&lang={lang}"
        entries.append(PackScenario(name, levers, region, preset, link))
    return entries


def _report(args: argparse.Namespace) -> int:
    from pathways.report import FORMATS, build
    from pathways.safe_input import shown

    lang = args.lang or cli_lang()
    fmt = args.format or args.out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise CliError("report_format", path=shown(str(args.out), 200))
    data = build(_report_entries(args, lang), fmt, lang)
    if _write_out(args.out, data):
        print(f"wrote {len(data):,} bytes to {args.out}", file=sys.stderr)
    return 0


def _levers(args: argparse.Namespace) -> int:
    from pathways.scenario import catalogue

    rows = list(catalogue().values())
    if args.format == "csv":
        import csv

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(
            ["name", "module", "kind", "unit", "min", "max", "step", "default", "label"]
        )
        for lv in rows:
            writer.writerow(
                [
                    lv.name,
                    lv.module,
                    lv.kind,
                    lv.unit,
                    f"{lv.min:g}",
                    f"{lv.max:g}",
                    f"{lv.step:g}",
                    f"{lv.default:g}",
                    lv.label(args.lang),
                ]
            )
        return 0
    width = max(len(lv.name) for lv in rows)
    for lv in rows:
        print(
            f"{lv.name:<{width}}  {lv.module:<11} {lv.default:>8g}  [{lv.min:g} .. {lv.max:g}] "
            f"{lv.unit}  {lv.label(args.lang)}"
        )
    return 0


def _presets(args: argparse.Namespace) -> int:
    from pathways.scenario import list_presets, load_preset

    for name in list_presets(_check_region(_text("--region", args.region))):
        preset = load_preset(name)
        print(f"{name:<18} {preset.title_en}: {preset.description_en}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from pathways.data import DataError
    from pathways.safe_input import InputError
    from pathways.scenario import ScenarioError

    parser = _parser()
    args = parser.parse_args(argv)
    lang = cli_lang()
    try:
        commands = {"run": _run, "levers": _levers, "presets": _presets, "report": _report}
        commands |= cli_uncertainty.COMMANDS
        return commands[args.command](args)
    except (CliError, ScenarioError, InputError) as exc:
        print(f"pathways: error: {i18n.message(exc, lang)}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"pathways: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
