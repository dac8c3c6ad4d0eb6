#!/usr/bin/env python3
"""Draws media/icon.png (128×128): a GELU curve and its derivative on a rounded tile, via ImageMagick `convert`.

Drawn at 4× and downsampled, so the curves are smooth. Run: python3 scripts/make-icon.py
"""
import math
import subprocess
import sys
from pathlib import Path

SCALE = 4
SIZE = 128 * SCALE
OUT = Path(__file__).resolve().parent.parent / "media" / "icon.png"


def gelu(x: float) -> float:
    return 0.5 * x * (1 + math.erf(x / math.sqrt(2)))


def gelu_d1(x: float) -> float:
    pdf = math.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    return 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * pdf


def to_px(x: float, y: float) -> tuple[float, float]:
    """Maps the plot window x∈[-3.2, 3.2], y∈[-0.9, 3.2] into the tile with a margin."""
    margin = 20 * SCALE
    px = margin + (x + 3.2) / 6.4 * (SIZE - 2 * margin)
    py = SIZE - margin - (y + 0.9) / 4.1 * (SIZE - 2 * margin)
    return px, py


def polyline(f, lo: float = -3.2, hi: float = 3.2, n: int = 160) -> str:
    pts = [to_px(lo + (hi - lo) * i / n, f(lo + (hi - lo) * i / n)) for i in range(n + 1)]
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)


def main() -> int:
    s = SCALE
    ox, oy = to_px(0, 0)
    x_lo, _ = to_px(-3.2, 0)
    x_hi, _ = to_px(3.2, 0)
    _, y_lo = to_px(0, -0.9)
    _, y_hi = to_px(0, 3.2)
    draw = [
        # tile: deep navy with a subtle vertical gradient is drawn below; here the axes, then the curves
        f"stroke '#5b6b8c' stroke-width {2 * s} fill none line {x_lo},{oy} {x_hi},{oy} line {ox},{y_lo} {ox},{y_hi}",
        f"stroke '#ffb347' stroke-width {5 * s} stroke-linecap round stroke-linejoin round fill none "
        f"stroke-dasharray {9 * s},{7 * s} polyline {polyline(lambda x: gelu_d1(x) * 1.25)}",
        f"stroke '#4fc3f7' stroke-width {8 * s} stroke-linecap round stroke-linejoin round fill none "
        f"polyline {polyline(gelu)}",
    ]
    radius = 24 * s
    cmd = [
        "convert", "-size", f"{SIZE}x{SIZE}", "gradient:#24304a-#10141f",
        "(", "-size", f"{SIZE}x{SIZE}", "xc:none", "-fill", "white",
        "-draw", f"roundrectangle 0,0 {SIZE - 1},{SIZE - 1} {radius},{radius}", ")",
        "-compose", "DstIn", "-composite", "-compose", "Over",
    ]
    for d in draw:
        cmd += ["-draw", d]
    cmd += ["-resize", "128x128", "-depth", "8", "-strip", str(OUT)]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(cmd, check=True)
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
