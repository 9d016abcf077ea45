"""The body diagram: views, anatomical regions, clock-face positions, and its drawing.

Geometry is data (bodymap.yaml). This module turns it into drawing primitives in a
top-left coordinate system (units), which both the Qt widget and the CMI's vector export
(reportlab) draw, so the screen and the certificate show the same picture.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

BODYMAP = Path(__file__).with_name("bodymap.yaml")
Point = tuple[float, float]

SIDE_WORDS = {
    ("droit", "m"): "droit",
    ("droit", "f"): "droite",
    ("gauche", "m"): "gauche",
    ("gauche", "f"): "gauche",
}


@dataclass(frozen=True)
class Region:
    names: dict[str, str]  # view id -> name
    genders: dict[str, str]  # view id -> 'm' | 'f'
    y: tuple[float, float]
    dx: tuple[float, float] | None
    limb: dict[str, bool]


@dataclass(frozen=True)
class Mark:
    kind: str  # ellipse | line | folds
    points: tuple[Point, ...] = ()
    cx: float = 0
    cy: float = 0
    rx: float = 0
    ry: float = 0
    r1: float = 0
    r2: float = 0
    count: int = 0
    style: str = "outline"  # outline | faint | dashed


@dataclass(frozen=True)
class View:
    id: str
    label: str
    kind: str  # body | clock
    width: float
    height: float
    marks: tuple[Mark, ...]
    caption: str = ""
    viewer_left: str = "droit"

    @property
    def is_clock(self) -> bool:
        return self.kind == "clock"


@dataclass(frozen=True)
class Frame:
    """Where a view sits in the combined drawing."""

    view: View
    x: float
    y: float
    scale: float

    def to_abs(self, nx: float, ny: float) -> Point:
        return (
            self.x + nx * self.view.width * self.scale,
            self.y + ny * self.view.height * self.scale,
        )

    def to_norm(self, ax: float, ay: float) -> Point:
        return (
            (ax - self.x) / (self.view.width * self.scale),
            (ay - self.y) / (self.view.height * self.scale),
        )

    def contains_abs(self, ax: float, ay: float) -> bool:
        nx, ny = self.to_norm(ax, ay)
        return 0 <= nx <= 1 and 0 <= ny <= 1


@dataclass(frozen=True)
class BodyMap:
    outline: tuple[Point, ...]
    head: tuple[float, float, float, float]
    views: tuple[View, ...]
    regions: tuple[Region, ...]
    frames: tuple[Frame, ...]
    width: float
    height: float
    title_size: float
    caption_size: float
    marker_radius: float

    def view(self, view_id: str) -> View:
        for v in self.views:
            if v.id == view_id:
                return v
        raise KeyError(view_id)

    def frame(self, view_id: str) -> Frame:
        return next(f for f in self.frames if f.view.id == view_id)

    # -- positions ------------------------------------------------------------------------
    def on_body(self, view_id: str, nx: float, ny: float) -> bool:
        """Is a normalized position on the drawing of that view (silhouette or clock disc)?"""
        view = self.view(view_id)
        x, y = nx * view.width, ny * view.height
        if view.is_clock:
            return math.hypot(x - 50, y - 50) <= 46
        cx, cy, rx, ry = self.head
        if ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1:
            return True
        return point_in_polygon((x, y), self.outline)

    def hit(self, ax: float, ay: float) -> tuple[str, float, float] | None:
        """Absolute drawing units -> (view id, nx, ny) when inside a view's frame."""
        for frame in self.frames:
            if frame.contains_abs(ax, ay):
                nx, ny = frame.to_norm(ax, ay)
                return frame.view.id, nx, ny
        return None

    def region(self, view_id: str, nx: float, ny: float) -> str:
        """« thorax, côté droit », « cuisse gauche », « visage, sur la ligne médiane »."""
        view = self.view(view_id)
        x, y = nx * view.width, ny * view.height
        dx = x - 50
        for region in self.regions:
            if not region.y[0] <= y < region.y[1] and not (
                region is self.regions[-1] and y >= region.y[1]
            ):
                continue
            if region.dx and not region.dx[0] <= abs(dx) <= region.dx[1]:
                continue
            name = region.names[view_id]
            gender = region.genders[view_id]
            if abs(dx) < 2.5 and not region.limb[view_id]:
                return f"{name}, sur la ligne médiane"
            left_side = view.viewer_left
            other = "gauche" if left_side == "droit" else "droit"
            side = SIDE_WORDS[(left_side if dx < 0 else other, gender)]
            if region.limb[view_id]:
                return f"{name} {side}"
            return f"{name}, côté {side}"
        return "hors région"


def clock_hour(nx: float, ny: float) -> int | None:
    """Clock-face hour (1..12, 12 at the top) of a normalized position; None at the centre."""
    dx, dy = nx - 0.5, ny - 0.5
    if math.hypot(dx, dy) < 0.04:
        return None
    angle = math.degrees(math.atan2(dx, -dy)) % 360
    hour = round(angle / 30) % 12
    return 12 if hour == 0 else hour


def clock_words(hour: int | None) -> str:
    if hour is None:
        return "au centre"
    return f"à {hour}\u00a0heure{'s' if hour > 1 else ''}"


def clock_point(hour: int, radius: float = 0.3) -> Point:
    """Normalized position of a clock-face hour at `radius` (fraction of the view)."""
    angle = math.radians(hour * 30)
    return 0.5 + radius * math.sin(angle), 0.5 - radius * math.cos(angle)


def point_in_polygon(p: Point, poly: Sequence[Point]) -> bool:
    x, y = p
    inside = False
    n = len(poly)
    for i in range(n):
        x1, y1 = poly[i]
        x2, y2 = poly[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            xin = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
            if x < xin:
                inside = not inside
    return inside


# -- loading ------------------------------------------------------------------------------
def _pair(value, default=None):
    if value is None:
        return default
    return (value[0], value[1]) if isinstance(value, list) else (value, value)


def _mark(entry: dict) -> Mark:
    style = "faint" if entry.get("faint") else "dashed" if entry.get("dashed") else "outline"
    return Mark(
        kind=entry["kind"],
        points=tuple(tuple(p) for p in entry.get("points", ())),
        cx=entry.get("cx", 0),
        cy=entry.get("cy", 0),
        rx=entry.get("rx", 0),
        ry=entry.get("ry", 0),
        r1=entry.get("r1", 0),
        r2=entry.get("r2", 0),
        count=entry.get("count", 0),
        style=style,
    )


@cache
def load_bodymap(path: Path = BODYMAP) -> BodyMap:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    half = [tuple(p) for p in data["silhouette_half"]]
    outline = tuple(half + [(100 - x, y) for x, y in reversed(half[:-1])])
    h = data["head"]
    views = []
    for v in data["views"]:
        body = v["kind"] == "body"
        views.append(
            View(
                id=v["id"],
                label=v["label"],
                kind=v["kind"],
                width=100,
                height=200 if body else 100,
                marks=tuple(_mark(m) for m in v.get("marks", ())),
                caption=v.get("caption", ""),
                viewer_left=v.get("viewer_left", "droit"),
            )
        )
    regions = []
    for r in data["regions"]:
        genders = _pair(r["gender"])
        regions.append(
            Region(
                names={"face": r["face"], "dos": r["dos"]},
                genders={"face": genders[0], "dos": genders[1]},
                y=tuple(r["y"]),
                dx=tuple(r["dx"]) if "dx" in r else None,
                limb={
                    "face": bool(r.get("limb")),
                    "dos": bool(r.get("limb") or r.get("limb_back")),
                },
            )
        )
    lay = data["layout"]
    by_id = {v.id: v for v in views}
    frames = tuple(Frame(by_id[vid], f["x"], f["y"], f["scale"]) for vid, f in lay["views"].items())
    return BodyMap(
        outline=outline,
        head=(h["cx"], h["cy"], h["rx"], h["ry"]),
        views=tuple(views),
        regions=tuple(regions),
        frames=frames,
        width=lay["width"],
        height=lay["height"],
        title_size=lay["title_size"],
        caption_size=lay["caption_size"],
        marker_radius=lay["marker_radius"],
    )


# -- drawing primitives -------------------------------------------------------------------
@dataclass(frozen=True)
class Prim:
    """One thing to draw, in absolute units (y down)."""

    kind: str  # path | ellipse | line | text | marker
    start: Point = (0, 0)
    curves: tuple[tuple[Point, Point, Point], ...] = ()  # cubic Bézier segments
    points: tuple[Point, ...] = ()
    closed: bool = False
    cx: float = 0
    cy: float = 0
    rx: float = 0
    ry: float = 0
    text: str = ""
    size: float = 4
    anchor: str = "middle"  # start | middle | end
    style: str = "outline"  # outline | faint | dashed | title | caption | tick | marker
    view: str = ""
    extra: dict = field(default_factory=dict, compare=False)


def smooth_closed(points: Sequence[Point], tension: float = 1 / 6) -> tuple[Point, tuple]:
    """Catmull-Rom through closed points -> (start, cubic segments)."""
    n = len(points)
    curves = []
    for i in range(n):
        p0, p1, p2, p3 = points[i - 1], points[i], points[(i + 1) % n], points[(i + 2) % n]
        c1 = (p1[0] + (p2[0] - p0[0]) * tension, p1[1] + (p2[1] - p0[1]) * tension)
        c2 = (p2[0] - (p3[0] - p1[0]) * tension, p2[1] - (p3[1] - p1[1]) * tension)
        curves.append((c1, c2, p2))
    return points[0], tuple(curves)


def _view_prims(bm: BodyMap, frame: Frame) -> list[Prim]:
    v, s = frame.view, frame.scale

    def at(x: float, y: float) -> Point:
        return frame.x + x * s, frame.y + y * s

    prims: list[Prim] = []
    title_at = at(50, 0)
    prims.append(
        Prim(
            "text",
            start=(title_at[0], frame.y - 2.2),
            text=v.label,
            size=bm.title_size,
            style="title",
            view=v.id,
        )
    )
    if v.kind == "body":
        start, curves = smooth_closed([at(*p) for p in bm.outline])
        prims.append(Prim("path", start=start, curves=curves, closed=True, view=v.id))
        cx, cy, rx, ry = bm.head
        hx, hy = at(cx, cy)
        prims.append(Prim("ellipse", cx=hx, cy=hy, rx=rx * s, ry=ry * s, view=v.id))
        left = "Droite" if v.viewer_left == "droit" else "Gauche"
        right = "Gauche" if left == "Droite" else "Droite"
        y_lab = frame.y + v.height * s + bm.caption_size + 1
        prims.append(
            Prim(
                "text",
                start=(frame.x + 4, y_lab),
                text=left,
                anchor="start",
                size=bm.caption_size,
                style="caption",
                view=v.id,
            )
        )
        prims.append(
            Prim(
                "text",
                start=(frame.x + v.width * s - 4, y_lab),
                text=right,
                anchor="end",
                size=bm.caption_size,
                style="caption",
                view=v.id,
            )
        )
    else:
        cx, cy = at(50, 50)
        for hour in range(1, 13):
            a = math.radians(hour * 30)
            r1, r2, r3 = 39, 43, 47.5
            p1 = at(50 + r1 * math.sin(a), 50 - r1 * math.cos(a))
            p2 = at(50 + r2 * math.sin(a), 50 - r2 * math.cos(a))
            prims.append(Prim("line", points=(p1, p2), style="tick", view=v.id))
            tx, ty = at(50 + r3 * math.sin(a), 50 - r3 * math.cos(a) + 1.6)
            prims.append(
                Prim("text", start=(tx, ty), text=str(hour), size=4.6 * s, style="tick", view=v.id)
            )
        prims.append(
            Prim(
                "text",
                start=(cx, frame.y + v.height * s + bm.caption_size + 1.5),
                text=v.caption,
                size=bm.caption_size,
                style="caption",
                view=v.id,
            )
        )
    for m in v.marks:
        if m.kind == "ellipse":
            ex, ey = at(m.cx, m.cy)
            prims.append(
                Prim("ellipse", cx=ex, cy=ey, rx=m.rx * s, ry=m.ry * s, style=m.style, view=v.id)
            )
        elif m.kind == "line":
            prims.append(
                Prim("line", points=tuple(at(*p) for p in m.points), style=m.style, view=v.id)
            )
        elif m.kind == "folds":
            for k in range(m.count):
                a = 2 * math.pi * k / m.count
                p1 = at(m.cx + m.r1 * math.sin(a), m.cy - m.r1 * math.cos(a))
                p2 = at(m.cx + m.r2 * math.sin(a), m.cy - m.r2 * math.cos(a))
                prims.append(Prim("line", points=(p1, p2), style="faint", view=v.id))
    return prims


def diagram_primitives(
    markers: Iterable[tuple[int, str, float, float]] = (), bodymap: BodyMap | None = None
) -> list[Prim]:
    """Everything to draw: the four views, then numbered markers (number, view, nx, ny)."""
    bm = bodymap or load_bodymap()
    prims: list[Prim] = []
    for frame in bm.frames:
        prims.extend(_view_prims(bm, frame))
    for number, view_id, nx, ny in markers:
        x, y = bm.frame(view_id).to_abs(nx, ny)
        prims.append(
            Prim(
                "marker",
                cx=x,
                cy=y,
                rx=bm.marker_radius,
                ry=bm.marker_radius,
                text=str(number),
                size=bm.marker_radius * 1.3,
                style="marker",
                view=view_id,
            )
        )
    return prims
