"""The geometry of the portal's charts, for server-rendered, accessible inline SVG.

Pages and PDF reports (WeasyPrint draws inline SVG) share these functions and the
templates in ``templates/includes/charts/``: no JavaScript, no chart library, no
external service. The functions take plain labels and numbers (this module knows
no domain app) and return dataclasses with coordinates in viewBox units; the
templates only draw them. Every chart has a text alternative on the page (a table
or a list) and an accessible name that says what it shows.

Text inside an SVG does not wrap by itself, so long Finnish names are broken into
lines here, by characters. The viewBoxes are narrow (360 units) so that the text
stays legible when the chart is scaled down to a 320 px phone.
"""

import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from . import formatting

WIDTH = 360
LINE_HEIGHT = 18
FONT_SIZE = 14
# Fill colours, each with at least 3:1 contrast against the white page (WCAG 1.4.11),
# and with white text on them at least 4.5:1.
PALETTE = ["#0b4f8a", "#1b5e20", "#8a4b00", "#6a1b9a", "#00695c", "#ad1457", "#5d4037"]
TEXT_COLOUR = "#1a1a1a"
NO_BREAK_SPACE = "\u00a0"


def wrap(text, characters):
    """Lines of at most ``characters`` characters, broken between words (a word longer
    than a line is broken too). Non-breaking spaces (``75 %``) stay on one line."""
    return textwrap.wrap(str(text), characters, break_on_hyphens=False) or [""]


def _unbroken(text):
    return str(text).replace(" ", NO_BREAK_SPACE)


@dataclass
class Segment:
    label: str
    percent_text: str
    colour: str
    x: float
    width: float
    legend_y: int
    legend_lines: list

    @property
    def shows_percent_inside(self):
        """The percentage also inside the bar, where it fits."""
        return self.width >= 56

    @property
    def text_x(self):
        return round(self.x + self.width / 2, 1)


@dataclass
class SharesChart:
    """A horizontal bar split into shares of 100 %, with a legend of labels and
    percentages under it: the colours are never the only way to tell the shares apart."""

    segments: list
    height: int
    width: int = WIDTH
    bar_height: int = 36
    legend_top: int = 62
    swatch_size: int = 16
    line_height: int = LINE_HEIGHT
    font_size: int = FONT_SIZE

    @property
    def summary(self):
        """``ESR 75 %, muu rahoitus 25 %``: for the accessible name."""
        return ", ".join(f"{segment.label} {segment.percent_text}" for segment in self.segments)


def shares_chart(shares, legend_characters=40):
    """``[(label, percentage), …]`` → a ``SharesChart``, in the active language's formats.
    Shares that add up to less than 100 % leave the end of the bar empty."""
    total = max(sum((Decimal(percentage) for _label, percentage in shares), Decimal(0)), Decimal(100))
    segments, x = [], 0.0
    legend_y = SharesChart.legend_top
    for index, (label, percentage) in enumerate(shares):
        width = round(float(Decimal(percentage) / total) * WIDTH, 1)
        percent_text = formatting.format_percent(percentage)
        lines = wrap(f"{label}: {_unbroken(percent_text)}", legend_characters)
        segments.append(
            Segment(
                label=str(label),
                percent_text=percent_text,
                colour=PALETTE[index % len(PALETTE)],
                x=round(x, 1),
                width=width,
                legend_y=legend_y,
                legend_lines=lines,
            )
        )
        x += width
        legend_y += len(lines) * LINE_HEIGHT + 8
    return SharesChart(segments=segments, height=legend_y)


@dataclass
class Box:
    """A rectangle with wrapped text lines; ``line_ys`` are the baselines."""

    x: int
    y: int
    width: int
    height: int
    lines: list
    line_ys: list = field(default_factory=list)

    @property
    def text_x(self):
        return self.x + 10

    @property
    def text_lines(self):
        return list(zip(self.line_ys, self.lines, strict=True))


@dataclass
class RoleGroup:
    label: str
    label_y: int
    boxes: list

    @property
    def connector_y(self):
        return self.label_y - 5


@dataclass
class Ecosystem:
    """The project on top, and under it one group per role with its organisations,
    joined to the project by a line: a diagram that reads top to bottom at any width."""

    centre: Box
    groups: list
    height: int
    width: int = WIDTH
    trunk_x: int = 12
    font_size: int = FONT_SIZE

    @property
    def trunk_top(self):
        return self.centre.y + self.centre.height

    @property
    def trunk_bottom(self):
        return self.groups[-1].connector_y if self.groups else self.trunk_top


def _box(x, y, width, text, characters, padding=8):
    lines = wrap(text, characters)
    line_ys = [y + padding + FONT_SIZE + index * LINE_HEIGHT for index in range(len(lines))]
    height = padding * 2 + FONT_SIZE + (len(lines) - 1) * LINE_HEIGHT + 4
    return Box(x=x, y=y, width=width, height=height, lines=lines, line_ys=line_ys)


def ecosystem(centre, groups):
    """``centre`` (the project's name) and ``[(role label, [organisation name, …]), …]``
    → an ``Ecosystem``. An organisation with several roles shows in each of its groups."""
    indent = 28
    # Characters a line, measured in DejaVu Sans (the reports' font, wider than browsers'):
    # 44 bold ones ran 380 px wide in a 344 px box ("…Developm|ent Project" cut off in print).
    centre_box = _box(0, 0, WIDTH, centre, 36)
    y = centre_box.height + 28
    role_groups = []
    for label, names in groups:
        label_y = y
        y += 10
        boxes = []
        for name in names:
            box = _box(indent, y, WIDTH - indent - 1, name, 38)  # 1: room for the outline
            boxes.append(box)
            y += box.height + 6
        role_groups.append(RoleGroup(label=str(label), label_y=label_y, boxes=boxes))
        y += 22
    return Ecosystem(centre=centre_box, groups=role_groups, height=y - 16)


@dataclass
class Bar:
    """One labelled bar; ``count`` is printed after it. A hidden count (a
    ``PeopleCount`` without a value) draws no bar: its length would give it away."""

    label: str
    count: object
    width: float
    css_class: str
    colour: str | None  # None: outline only (a target, not an amount)
    label_y: int
    bar_y: int

    @property
    def is_drawn(self):
        return getattr(self.count, "value", self.count) is not None

    @property
    def count_x(self):
        return round(self.width + 6, 1) if self.is_drawn else 0


@dataclass
class BarChart:
    """Horizontal bars on one scale, each with its label above it (the labels need
    no column of their own, so the chart stays legible on a phone)."""

    bars: list
    height: int
    width: int = WIDTH
    bar_height: int = 22
    font_size: int = FONT_SIZE

    @property
    def summary(self):
        """``Hyväksytyt: 20; Aktiiviset: alle 5; …``: every count, for the description."""
        return "; ".join(f"{bar.label}: {bar.count}" for bar in self.bars) + "."


def bar_chart(rows, scale):
    """``[(label, count, css_class, colour), …]`` on the scale ``scale`` → a ``BarChart``.
    ``count`` is a number or a ``PeopleCount``; room is left after the longest bar for its count."""
    plot_width = WIDTH - 100
    bars, y = [], 0
    for label, count, css_class, colour in rows:
        value = getattr(count, "value", count)
        width = 0 if value is None else round(plot_width * value / max(scale, 1), 1)
        bars.append(
            Bar(
                label=label,
                count=count,
                width=width,
                css_class=css_class,
                colour=colour,
                label_y=y + FONT_SIZE,
                bar_y=y + FONT_SIZE + 5,
            )
        )
        y += FONT_SIZE + 5 + BarChart.bar_height + 12
    return BarChart(bars=bars, height=y - 8)
