"""Geometry of the chain picture: one box per link, left to right in chain
order, grouped under upstream / midstream / downstream. Pure; the template
draws it as inline SVG, so the map needs no JavaScript."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

BOX_W, BOX_H, GAP_X, TOP, PAD = 170, 92, 40, 44, 20


@dataclass(frozen=True)
class Box:
    row: Any  # a queries.LinkRow
    x: int
    y: int
    w: int = BOX_W
    h: int = BOX_H

    @property
    def cx(self) -> int:
        return self.x + self.w // 2

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def mid_y(self) -> int:
        return self.y + self.h // 2


@dataclass(frozen=True)
class Band:
    position: str
    x: int
    w: int


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    boxes: list[Box]
    arrows: list[tuple[int, int, int]]  # x1, x2, y
    bands: list[Band]


def layout(rows: list[Any]) -> Picture:
    boxes = [Box(row, PAD + i * (BOX_W + GAP_X), TOP) for i, row in enumerate(rows)]
    arrows = [
        (a.right + 4, b.x - 6, a.mid_y) for a, b in zip(boxes, boxes[1:], strict=False)
    ]
    bands: list[Band] = []
    for box in boxes:
        position = box.row.link.position
        if bands and bands[-1].position == position:
            last = bands[-1]
            bands[-1] = Band(position, last.x, box.right - last.x)
        else:
            bands.append(Band(position, box.x, box.w))
    width = PAD * 2 + max(len(boxes), 1) * (BOX_W + GAP_X) - GAP_X
    return Picture(width, TOP + BOX_H + PAD + 24, boxes, arrows, bands)
