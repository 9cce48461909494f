"""Command line for uncertainty: ``pathways ensemble`` and ``pathways sensitivity``.

``ensemble`` writes an IAMC CSV whose scenarios are quantiles across samples
(``<name>|p05``, ``|p25``, ``|p50``, ``|p75``, ``|p95`` and ``|mean``): each variable's quantile
year by year, so a quantile scenario is a band edge, not one consistent pathway (its aggregates
need not add up). ``sensitivity`` prints and writes a tornado or Sobol indices for an indicator.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MAX_SAMPLES = 10_000_000
SCENARIO_ARGS = ("preset", "region", "scenario", "set", "name")


def _scenario_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", default="current-policies", help="preset to start from")
    parser.add_argument("--region", default=None, help="region (default: china, or the scenario's)")
    parser.add_argument(
        "--scenario", type=Path, help="scenario file (TOML or JSON) over the preset"
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="LEVER=VALUE", help="set one lever"
    )
    parser.add_argument("--name", default=None, help="scenario name in the output")
    parser.add_argument("--end-year", type=int, default=2060, help="last year (2050-2070)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sampling design")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add the ``ensemble`` and ``sensitivity`` commands to the CLI's subparsers."""
    from pathways.sampling import DEFAULT_CHUNK

    ensemble = sub.add_parser(
        "ensemble", help="sample the uncertain inputs and write quantile scenarios (IAMC CSV)"
    )
    _scenario_arguments(ensemble)
    ensemble.add_argument("--samples", type=int, default=10_000, help="number of samples")
    ensemble.add_argument(
        "--chunk", type=int, default=DEFAULT_CHUNK, help="samples per model call (and Dask task)"
    )
    ensemble.add_argument(
        "--variables",
        default=None,
        help="comma-separated IAMC variables to keep (default: the headline set; 'all': every "
        "IAMC variable)",
    )
    ensemble.add_argument(
        "--scheduler", default=None, metavar="ADDRESS", help="dask.distributed scheduler address"
    )
    ensemble.add_argument("--out", type=Path, required=True, help="output CSV ('-' for stdout)")
    sensitivity = sub.add_parser(
        "sensitivity", help="tornado or Sobol indices of an indicator over the uncertain inputs"
    )
    _scenario_arguments(sensitivity)
    sensitivity.add_argument("--indicator", default="cumulative_2020_2060")
    sensitivity.add_argument("--method", choices=["sobol", "tornado"], default="sobol")
    sensitivity.add_argument(
        "--samples", type=int, default=512, help="Sobol base samples (a power of 2)"
    )
    sensitivity.add_argument("--out", type=Path, default=None, help="CSV of the indices")


def _spec(args: argparse.Namespace, samples: int, variables: tuple[str, ...] | None = None):
    from pathways.cli import CliError, scenario_levers
    from pathways.ensemble import HEADLINE, EnsembleSpec
    from pathways.safe_input import shown
    from pathways.sampling import DEFAULT_CHUNK

    levers, region, name = scenario_levers(args)
    if not 2050 <= args.end_year <= 2070:
        raise CliError("end_year", year=shown(args.end_year))
    if not 1 <= samples <= MAX_SAMPLES:
        raise CliError("samples", samples=shown(samples), max=MAX_SAMPLES)
    chunk = getattr(args, "chunk", DEFAULT_CHUNK)  # sensitivity has no --chunk
    if not 1 <= chunk <= 100_000:
        raise CliError("chunk", chunk=shown(chunk))
    spec = EnsembleSpec(
        levers=levers,
        region=region,
        end_year=args.end_year,
        samples=samples,
        seed=args.seed,
        chunk=chunk,
        variables=variables or HEADLINE,
    )
    return spec, args.name or name


def _variables(text: str | None) -> tuple[str, ...] | None:
    from pathways.cli import CliError, _text
    from pathways.safe_input import shown
    from pathways.variables import iamc_names

    if text is None:
        return None
    _text("--variables", text)
    reported = iamc_names()
    if text.strip() == "all":
        return tuple(reported)
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    unknown = [n for n in names if n not in reported]
    if unknown or not names:
        raise CliError("unknown_variable", name=shown(", ".join(unknown) or text))
    return names


def _ensemble(args: argparse.Namespace) -> int:
    from pathways.cli import CliError, _write_out
    from pathways.ensemble import run_ensemble
    from pathways.ensemble_table import ensemble_iamc, summary_lines
    from pathways.export import to_csv_text

    spec, name = _spec(args, args.samples, _variables(args.variables))
    scheduler = args.scheduler
    if scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise CliError("no_dask") from None
    try:
        result = run_ensemble(spec, scheduler=scheduler)
    except OSError as exc:  # the scheduler cannot be reached
        raise CliError("scheduler", address=str(scheduler), detail=str(exc)[:200]) from None
    frame = ensemble_iamc(result, name)
    if _write_out(args.out, to_csv_text(frame).encode("utf-8")):
        print(f"wrote {len(frame)} rows to {args.out}", file=sys.stderr)
    for line in summary_lines(result):
        print(line, file=sys.stderr)
    return 0


def _sensitivity(args: argparse.Namespace) -> int:
    from pathways.cli import CliError, _write_out
    from pathways.safe_input import shown
    from pathways.sensitivity import INDICATORS, model_sobol, tornado

    if args.indicator not in INDICATORS:
        raise CliError("indicator", name=shown(args.indicator), known=", ".join(INDICATORS))
    samples = args.samples
    if args.method == "sobol" and (samples < 2 or samples & (samples - 1)):
        raise CliError("sobol_samples", samples=shown(samples))
    spec, _ = _spec(args, max(samples, 1))
    if args.method == "tornado":
        result = tornado(spec, args.indicator)
        header = "input,kind,low,high,indicator_at_low,indicator_at_high,swing"
        rows = [
            f"{b.name},{b.kind},{b.low:.6g},{b.high:.6g},{b.at_low:.6g},{b.at_high:.6g},"
            f"{b.swing:.6g}"
            for b in result.bars
        ]

        def shown_value(value: float) -> str:  # a net-zero year past the horizon
            return f"after {args.end_year}" if value > args.end_year + 0.5 else f"{value:.4g}"

        print(f"{args.indicator} at the central values: {shown_value(result.central)}")
        for bar in result.bars[:20]:
            low, high = shown_value(bar.at_low), shown_value(bar.at_high)
            print(f"  {bar.name:<40} {low:>10} .. {high:<10} ({bar.kind})")
    else:
        result = model_sobol(spec, args.indicator, samples)
        header = "input,S1,S1_conf,ST,ST_conf"
        order = result.ranking()
        rows = [
            f"{result.names[i]},{result.first[i]:.6g},{result.first_conf[i]:.6g},"
            f"{result.total[i]:.6g},{result.total_conf[i]:.6g}"
            for i in order
        ]
        print(f"Sobol indices of {args.indicator} ({result.evaluations} model evaluations)")
        print(f"  {'input':<28} {'S1':>14} {'ST':>14}")
        for i in order:
            print(
                f"  {result.names[i]:<28} {result.first[i]:>6.3f} ± {result.first_conf[i]:<5.3f}"
                f" {result.total[i]:>6.3f} ± {result.total_conf[i]:<5.3f}"
            )
    if args.out is not None:
        text = "\n".join([header, *rows]) + "\n"
        if _write_out(args.out, text.encode("utf-8")):
            print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)
    return 0


COMMANDS = {"ensemble": _ensemble, "sensitivity": _sensitivity}
