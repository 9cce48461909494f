"""The meeting pack's slides open in LibreOffice: Impress (headless) converts the PPTX to PDF
without error and the first page, rendered to PNG by pdftoppm, is not blank. Runs where
LibreOffice and poppler are installed (scripts/test.sh installs them); under the README's test
command (PATHWAYS_REQUIRE_BROWSER=1) a missing tool is a failure, not a skip."""

from __future__ import annotations

import os
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image

from pathways import scenario
from pathways.report import PackScenario, build

pytestmark = pytest.mark.libreoffice


def _tools() -> tuple[str, str]:
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (soffice and pdftoppm):
        problem = "LibreOffice (soffice) or poppler (pdftoppm) is not installed"
        if os.environ.get("PATHWAYS_REQUIRE_BROWSER") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    return soffice, pdftoppm


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_converts_the_slides_and_page_one_is_not_blank(tmp_path, lang):
    soffice, pdftoppm = _tools()
    levers = scenario.complete(preset="dual-carbon")
    pptx = tmp_path / "pack.pptx"
    pptx.write_bytes(build([PackScenario("双碳 plan", levers, preset="dual-carbon")], "pptx", lang))
    env = os.environ | {"HOME": str(tmp_path)}  # a private LibreOffice profile
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(pptx)],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    pdf = tmp_path / "pack.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    subprocess.run(
        [pdftoppm, "-png", "-r", "50", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    for page in pages:  # title slide, indicator cards, trajectory chart
        pixels = np.asarray(Image.open(page).convert("L"), dtype=float)
        assert pixels.shape[1] > pixels.shape[0]  # 16:9, landscape
        assert pixels.std() > 10, f"{page.name} looks blank (std {pixels.std():.1f})"
        assert (pixels < 128).mean() > 0.005  # some dark ink: text and chart
