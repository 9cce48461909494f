"""One module per pathway; each turns its levers into its part of the model.

The module protocol (issue 10 item 3). A file in this package that defines ``MODULE`` (one
:class:`Module`, or a tuple of them) plugs in; nothing else lists it. A module declares

* ``levers``: the catalogue levers it reads (``data/levers.csv``);
* ``needs``: the quantities it reads from other modules or from the energy accounting (a needed
  name no module provides is an error; ``optional`` names may be missing);
* ``provides``: the quantities it returns. A name with a row in ``data/variables.csv`` is a
  reported variable (unit, labels, colour and IAMC export from that row); other names are
  quantities passed between modules;
* ``compute(inputs)``: vectorised, (samples, years) arrays; it may return fewer names than it
  declares (a region without the module's data returns nothing);
* optionally ``load_data(root, base)`` (its data files, validated when the region is loaded by
  :func:`pathways.region.load_region`) and ``indicators(variables, years, base)``.

:func:`ordered` sorts the modules by their needs (the energy accounting of
:mod:`pathways.model` is one node of the same graph). The accounting identity then adds every
reported variable a module provides that the variable table lists as a component of
``Emissions|CO2`` (an emission) or of ``Carbon Removal`` (a removal) to net CO2.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np


class ModuleError(ValueError):
    """Modules whose needs cannot be met or ordered."""


@dataclass(frozen=True)
class Inputs:
    """What a module's ``compute`` gets: levers, base data, years and the quantities it needs."""

    levers: Any  # pathways.levers.LeverSet
    base: Any  # pathways.data.BaseData
    years: np.ndarray
    quantities: Mapping[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.quantities[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.quantities.get(name, default)


@dataclass(frozen=True)
class Module:
    """A pluggable part of the model (see the package docstring)."""

    name: str
    compute: Callable[[Inputs], dict[str, Any]]
    levers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    load_data: Callable[[Path, Any], None] | None = None
    indicators: Callable[[dict, np.ndarray, Any], dict] | None = None


def from_levers(
    compute: Callable[[Any, Any, np.ndarray], dict[str, Any]],
) -> Callable[[Inputs], dict[str, Any]]:
    """A module ``compute`` for a function of the levers, base data and years only (one that
    needs no other module's quantities)."""

    def run(inputs: Inputs) -> dict[str, Any]:
        return compute(inputs.levers, inputs.base, inputs.years)

    run.__doc__ = compute.__doc__
    return run


@functools.cache
def discovered() -> tuple[Module, ...]:
    """Every ``MODULE`` defined by a file of this package, in file-name order."""
    found: list[Module] = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        declared = getattr(module, "MODULE", None)
        if declared is None:
            continue
        found.extend(declared if isinstance(declared, tuple) else (declared,))
    return tuple(found)


def ordered(modules: Iterable[Module], given: Iterable[str] = ()) -> tuple[Module, ...]:
    """The modules sorted so that each runs after every module providing what it needs
    (stable: otherwise in the given order); ``given`` names are there before any module runs.
    Raises :class:`ModuleError` for a need nobody provides, a name two modules provide, or a
    cycle."""
    modules, given = tuple(modules), frozenset(given)
    provider: dict[str, Module] = {}
    for m in modules:
        for name in m.provides:
            if name in provider:
                raise ModuleError(f"'{name}' is provided by {provider[name].name} and {m.name}")
            provider[name] = m
    for m in modules:
        missing = [n for n in m.needs if n not in provider and n not in given]
        if missing:
            raise ModuleError(f"module {m.name} needs {missing}, which no module provides")
    out: list[Module] = []
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(m: Module) -> None:
        if m.name in done:
            return
        if m.name in visiting:
            raise ModuleError(f"modules depend on each other in a cycle through {m.name}")
        visiting.add(m.name)
        for n in (*m.needs, *m.optional):
            if n in provider and provider[n] is not m:
                visit(provider[n])
        visiting.discard(m.name)
        done.add(m.name)
        out.append(m)

    for m in modules:
        visit(m)
    return tuple(out)


def catalogue_levers(module: str) -> tuple[str, ...]:
    """The levers ``data/levers.csv`` assigns to ``module`` (its ``module`` column), with their
    ``_year`` companions: what a module on the protocol declares it reads."""
    from pathways.scenario import catalogue

    return tuple(name for name, lever in catalogue().items() if lever.module == module)


def run(
    modules: Iterable[Module], levers: Any, base: Any, years: np.ndarray, quantities: dict
) -> dict:
    """Run ordered modules, each on the quantities so far; returns ``quantities`` updated (one
    :class:`Inputs` for all: it reads the same, growing, ``quantities``)."""
    inputs = Inputs(levers, base, years, quantities)
    for m in modules:
        quantities.update(m.compute(inputs))
    return quantities
