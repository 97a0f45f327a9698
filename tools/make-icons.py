#!/usr/bin/env python3
"""Draws the app icons (a honey-coloured hexagon with a white roof on the header's dark brown) as PNGs with the
standard library only, so no image tool is needed: python3 tools/make-icons.py"""
import math, os, struct, zlib

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "VillageHive", "wwwroot", "icons")
DARK, HONEY, WHITE = (59, 42, 18), (245, 185, 66), (255, 255, 255)

def inside_hexagon(x, y, cx, cy, r):
    # Flat-topped regular hexagon: |y| <= r*sqrt(3)/2 and the slanted sides.
    dx, dy = abs(x - cx), abs(y - cy)
    return dy <= r * math.sqrt(3) / 2 and math.sqrt(3) * dx + dy <= math.sqrt(3) * r

def pixel(x, y, n):
    cx = cy = n / 2
    if inside_hexagon(x, y, cx, cy, n * 0.36):
        # A simple house: a triangle roof over a square, white on honey.
        u, v = (x - cx) / n, (y - cy) / n
        roof = -0.16 <= v <= -0.02 and abs(u) <= (v + 0.16) * 1.2
        wall = -0.02 < v <= 0.15 and abs(u) <= 0.11
        door = 0.05 < v <= 0.15 and abs(u) <= 0.035
        if (roof or wall) and not door:
            return WHITE
        return HONEY
    return DARK

def png(n, path):
    rows = b"".join(b"\x00" + bytes(c for x in range(n) for c in pixel(x + 0.5, y + 0.5, n)) for y in range(n))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", n, n, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))

os.makedirs(OUT, exist_ok=True)
for size in (192, 512):
    png(size, os.path.join(OUT, f"icon-{size}.png"))
