"""Command line: ``pathways run|levers|presets|report|ensemble|sensitivity|solve``. Bad input exits with status 2 and one clear line."""

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
    _solve_parser(sub)
    return parser


def _solve_parser(sub) -> None:
    """``pathways solve``: goal-seek (pathways.goalseek), writes a scenario file."""
    solve = sub.add_parser(
        "solve", help="find lever settings that meet goals; write them as a scenario file"
    )
    solve.add_argument("--preset", default="current-policies", help="preset to start from")
    solve.add_argument("--region", default=None, help="region (default: china, or the scenario's)")
    solve.add_argument("--scenario", type=Path, help="scenario file (TOML or JSON) to start from")
    solve.add_argument(
        "--set", action="append", default=[], metavar="LEVER=VALUE", help="set one lever"
    )
    solve.add_argument("--net-zero-by", type=int, metavar="YEAR", help="net CO2 <= 0 in YEAR")
    solve.add_argument("--peak-by", type=int, metavar="YEAR", help="CO2 peaks by YEAR")
    solve.add_argument(
        "--net-at-most",
        action="append",
        default=[],
        metavar="YEAR=MT",
        help="net CO2 in YEAR at most MT Mt CO2 (repeatable)",
    )
    solve.add_argument(
        "--budget", type=float, metavar="GT", help="cumulative net CO2 2020-2060 at most GT Gt"
    )
    solve.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="KEY",
        help="an official target of the checklist (repeatable; 'all' for every one)",
    )
    solve.add_argument(
        "--free",
        default=None,
        metavar="LEVER,LEVER,...",
        help="levers the solver may move (default: ten energy-mix, efficiency and sink levers)",
    )
    solve.add_argument(
        "--bound",
        action="append",
        default=[],
        metavar="LEVER=LOW:HIGH",
        help="tighter bounds for a free lever (either side may be empty)",
    )
    solve.add_argument("--objective", choices=["change", "cost"], default="change")
    solve.add_argument(
        "--discount-rate", type=float, default=None, metavar="PCT", help="%%/yr (default: data)"
    )
    solve.add_argument("--name", default=None, help="scenario name in the file")
    solve.add_argument("--out", type=Path, required=True, help="scenario file ('-' for stdout)")


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
    table = iamc_wide if args.format == "wide" else iamc_long
    results = {}
    for one in regions:  # --region all: the nation and every province in one file
        full = scenario.complete(levers, preset, one)
        results[one] = result = model.run(full, region=one, end_year=args.end_year)
        frames.append(table(result, label))
    if region == "all":  # and China as the sum of its provinces, with its reconciliation term
        from pathways.data import is_province
        from pathways.region_sum import reconcile

        summed = reconcile(results["china"], {r: v for r, v in results.items() if is_province(r)})
        frames += [table(summed.total, label), table(summed.reconciliation, label)]
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


def _solve_goals(args: argparse.Namespace) -> list:
    from pathways import goalseek
    from pathways.safe_input import shown

    goals = []
    if args.net_zero_by is not None:
        goals.append(goalseek.Goal("net_zero_by", year=args.net_zero_by))
    if args.peak_by is not None:
        goals.append(goalseek.Goal("peak_by", year=args.peak_by))
    for item in args.net_at_most:
        _text("--net-at-most", item)
        year, sep, value = item.partition("=")
        try:
            goals.append(goalseek.Goal("net_at_most", year=int(year), value=float(value)))
        except ValueError:
            raise CliError("bad_goal", option="--net-at-most", item=shown(item)) from None
        if not sep:
            raise CliError("bad_goal", option="--net-at-most", item=shown(item))
    if args.budget is not None:
        goals.append(goalseek.Goal("cumulative_at_most", value=args.budget))
    keys = [k for item in args.target for k in item.split(",") if k.strip()]
    if "all" in keys:
        keys = goalseek.targets()
    for key in keys:
        _text("--target", key)
        goals.append(goalseek.Goal("target", target=key.strip()))
    return goals


def _solve_bounds(items: list[str]) -> dict[str, tuple[float | None, float | None]]:
    from pathways.safe_input import shown

    bounds: dict[str, tuple[float | None, float | None]] = {}
    for item in items:
        _text("--bound", item)
        name, sep, rest = item.partition("=")
        low, colon, high = rest.partition(":")
        try:
            if not sep or not colon:
                raise ValueError
            pair = (float(low) if low.strip() else None, float(high) if high.strip() else None)
        except ValueError:
            raise CliError("bad_bound", item=shown(item)) from None
        bounds[name.strip()] = pair
    return bounds


def _solve(args: argparse.Namespace) -> int:
    from pathways import goalseek, i18n, scenario
    from pathways.data import list_regions
    from pathways.errors import LeverLabel, Message
    from pathways.goalseek import goal_message
    from pathways.safe_input import shown

    for option in ("preset", "region", "name", "free"):
        _text(f"--{option}", getattr(args, option))
    preset = args.preset
    scenario.load_preset(preset)
    levers: dict[str, float] = {}
    region, name = "china", None
    if args.scenario:
        file = scenario.read_scenario(args.scenario)
        preset = file.preset or preset
        region, name = file.region, file.name
        levers.update(file.levers)
    region = args.region or region
    if region not in list_regions():
        raise CliError("unknown_region", region=shown(region), known=", ".join(list_regions()))
    levers.update(scenario.validate(_parse_sets(args.set)))
    start = scenario.complete(levers, preset)
    goals = _solve_goals(args)
    if not goals:
        raise CliError("no_goals")
    free = (
        [n.strip() for n in args.free.split(",") if n.strip()]
        if args.free is not None
        else list(goalseek.DEFAULT_FREE_10)
    )
    lang = cli_lang()
    solution = goalseek.solve(
        start,
        goals,
        free,
        objective=args.objective,
        bounds=_solve_bounds(args.bound),
        region=region,
        discount_rate=args.discount_rate,
    )
    for line in solve_report(solution, lang):
        print(line, file=sys.stderr)
    if not solution.feasible:
        shortfalls = [
            Message(
                "goalseek.shortfall",
                {"goal": goal_message(c.goal), "value": number(c.value), "unit": c.unit},
            )
            for c in solution.unmet
        ]
        raise CliError(
            "infeasible", shortfalls=shortfalls, levers=[LeverLabel(n) for n in solution.free]
        )
    preset_levers = scenario.complete(preset=preset)
    changed = {k: v for k, v in solution.levers.items() if v != preset_levers[k]}
    label = args.name or name or i18n.t("solve_scenario_name", lang, preset=preset)
    text = scenario.scenario_toml(label, region, changed, preset)
    if _write_out(args.out, text.encode("utf-8")):
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def number(value: float) -> str:
    """A goal's value as printed: whole above 100, three significant digits below."""
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"


def solve_report(solution, lang: str) -> list[str]:
    """What ``pathways solve`` prints on standard error: lever changes, goals, cost, work."""
    from pathways import i18n
    from pathways.goalseek import goal_message
    from pathways.scenario import catalogue

    t = i18n.t
    out = [t(f"solve_status.{solution.status}", lang)]
    for name, (before, after) in solution.changes.items():
        lever = catalogue()[name]
        unit = i18n.lever_unit(lever.unit, lang)
        out.append(f"  {lever.label(lang)} ({name}): {before:g} -> {after:g} {unit}")
    for before, after in zip(solution.before, solution.after, strict=True):
        goal = i18n.message(goal_message(after.goal), lang)
        mark = "OK" if after.met else "--"
        unit = i18n.lever_unit(after.unit, lang)
        out.append(f"  [{mark}] {goal}: {number(before.value)} -> {number(after.value)} {unit}")
    if solution.cost_before is not None:
        out.append(
            "  "
            + t(
                "solve_cost",
                lang,
                before=f"{solution.cost_before / 1000:.2f}",
                after=f"{solution.cost_after / 1000:.2f}",
            )
        )
    out.append(
        "  "
        + t(
            "solve_work",
            lang,
            seconds=f"{solution.seconds:.1f}",
            calls=solution.calls,
            evaluations=solution.evaluations,
        )
    )
    return out


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
    from pathways.goalseek import GoalSeekError
    from pathways.safe_input import InputError
    from pathways.scenario import ScenarioError

    parser = _parser()
    args = parser.parse_args(argv)
    lang = cli_lang()
    try:
        commands = {"run": _run, "levers": _levers, "presets": _presets, "report": _report}
        commands |= cli_uncertainty.COMMANDS
        commands["solve"] = _solve
        return commands[args.command](args)
    except (CliError, ScenarioError, InputError, GoalSeekError) as exc:
        print(f"pathways: error: {i18n.message(exc, lang)}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"pathways: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
