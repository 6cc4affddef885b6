"""Charts of the report, drawn with matplotlib (Agg, no display) as PNG bytes.

Arabic in charts: matplotlib 3.11 and later lay text out with libraqm (HarfBuzz shaping and the
bidi algorithm), so Arabic names are passed as they are; giving it reshaped, visually ordered text
reverses them (seen in a picture). Older matplotlib has no shaping: there, names with Arabic
letters go through arabic-reshaper (joined letter forms) and python-bidi (visual order) first.
``native_shaping()`` tells which case applies. The bundled Noto Sans / Noto Sans Arabic fonts are
registered so that the glyphs exist. HTML text always stays in logical order.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache

from annotator.agreement.report.cells import split_pair
from annotator.paths import resource_path

FAMILIES = ["Noto Sans", "Noto Sans Arabic", "DejaVu Sans"]


def has_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\u08a0" <= ch <= "\u08ff"
               or "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff" for ch in text)


@lru_cache(maxsize=1)
def native_shaping() -> bool:
    """True when this matplotlib shapes complex scripts itself (built with libraqm, 3.11+)."""
    from matplotlib import ft2font
    return bool(getattr(ft2font, "__libraqm_version__", ""))


def shaped(text: str) -> str:
    """Text as matplotlib must be given it: unchanged when it shapes text itself; otherwise Arabic
    reshaped and put in visual order; ``$`` escaped (matplotlib reads ``$...$`` as a formula)."""
    text = str(text)
    if has_arabic(text) and not native_shaping():
        import arabic_reshaper
        from bidi import get_display
        text = get_display(arabic_reshaper.reshape(text))
    # A pair of $ would be read as mathtext (and a bad formula raises): names are plain text.
    return text.replace("$", r"\$")


@lru_cache(maxsize=1)
def _pyplot():
    import matplotlib
    matplotlib.use("Agg", force=True)
    from matplotlib import font_manager
    import matplotlib.pyplot as plt
    fonts = resource_path("fonts")
    for name in ("NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf"):
        if (fonts / name).exists():
            font_manager.fontManager.addfont(str(fonts / name))
    plt.rcParams["font.family"] = FAMILIES
    return plt


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    _pyplot().close(fig)
    return buffer.getvalue()


def _num(value) -> float:
    return float("nan") if value is None else float(value)


def _grouped_bars(groups: list[str], series: list[tuple[str, list[float]]], ylabel: str, title: str,
                  **legend) -> bytes:
    """Bars of several series side by side per group (values in [-1, 1]); an undefined (NaN)
    value is drawn as no bar with "n/a" written where it would be."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(max(5.0, 1.3 * len(groups) + 2), 3.4))
    width = 0.8 / len(series)
    for k, (name, values) in enumerate(series):
        xs = [i + (k - 1) * width for i in range(len(groups))]
        ax.bar(xs, [0 if math.isnan(v) else v for v in values], width, label=name)
        for x, v in zip(xs, values):
            if math.isnan(v):
                ax.text(x, 0.02, "n/a", ha="center", va="bottom", fontsize=7, rotation=90)
    ax.set_xticks(range(len(groups)), [shaped(g) for g in groups])
    ax.axhline(0, color="black", linewidth=0.6)
    ax.set_ylim(min(-0.1, ax.get_ylim()[0]), 1.0)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=8, ncols=3, **legend)
    ax.set_title(title)
    return _png(fig)


def label_bars(report: dict) -> bytes:
    """Per label: Fleiss' kappa, Krippendorff's alpha and alpha_U (pooled); missing bar = undefined."""
    labels = list(report["per_label"])
    series = [(name, [_num(report["per_label"][label][key]["pooled"]) for label in labels])
              for name, key in (("Fleiss' κ", "fleiss_kappa"), ("Krippendorff's α", "krippendorff_alpha"),
                                ("α_U", "unitizing_alpha"))]
    return _grouped_bars(labels, series, "agreement (pooled)", "Agreement per label", loc="upper right")


def pair_heatmap(report: dict) -> bytes:
    """Cohen's kappa (pooled) of every pair of coders."""
    plt = _pyplot()
    coders = report["coders"]
    n = len(coders)
    grid = [[1.0 if i == j else float("nan") for j in range(n)] for i in range(n)]
    for pair, entry in report["cohen_kappa"].items():
        a, b = split_pair(pair)
        i, j = coders.index(a), coders.index(b)
        grid[i][j] = grid[j][i] = _num(entry["pooled"])
    fig, ax = plt.subplots(figsize=(1.1 * n + 2.2, 1.0 * n + 1.6))
    image = ax.imshow(grid, vmin=-1 if any(v < 0 for row in grid for v in row if not math.isnan(v)) else 0,
                      vmax=1, cmap="viridis")
    names = [shaped(c) for c in coders]
    ax.set_xticks(range(n), names, rotation=30, ha="right")
    ax.set_yticks(range(n), names)
    for i in range(n):
        for j in range(n):
            if i != j:
                v = grid[i][j]
                ax.text(j, i, "n/a" if math.isnan(v) else f"{v:.2f}", ha="center", va="center",
                        color="white" if not math.isnan(v) and v < 0.6 else "black", fontsize=9)
    fig.colorbar(image, ax=ax, fraction=0.046)
    ax.set_title("Cohen's κ per pair (pooled)")
    return _png(fig)


def confusion_chart(report: dict) -> bytes:
    """The label confusion matrix (units, over ordered coder pairs), log colour scale."""
    plt = _pyplot()
    from matplotlib.colors import LogNorm
    categories = [shaped(c) for c in report["confusion"]["categories"]]
    matrix = report["confusion"]["matrix"]
    n = len(categories)
    fig, ax = plt.subplots(figsize=(1.0 * n + 2.6, 0.9 * n + 1.8))
    positive = [v for row in matrix for v in row if v > 0]
    norm = LogNorm(vmin=1, vmax=max(positive)) if positive else None
    ax.imshow([[v if v > 0 else float("nan") for v in row] for row in matrix], cmap="Blues", norm=norm)
    for i in range(n):
        for j in range(n):
            dark = positive and matrix[i][j] > 0 and math.log(matrix[i][j]) > 0.6 * math.log(max(max(positive), 2))
            ax.text(j, i, str(matrix[i][j]), ha="center", va="center", fontsize=8, color="white" if dark else "black")
    ax.set_xticks(range(n), categories, rotation=30, ha="right")
    ax.set_yticks(range(n), categories)
    ax.set_xlabel("second coder")
    ax.set_ylabel("first coder")
    ax.set_title("Label confusion (units)")
    return _png(fig)


def all_charts(report: dict) -> dict[str, bytes]:
    return {"labels": label_bars(report), "pairs": pair_heatmap(report), "confusion": confusion_chart(report)}


def gold_bars(report: dict) -> bytes:
    """Each coder against gold: span F1 (exact, overlap) and Cohen's kappa, pooled; missing bar = undefined."""
    blocks = report["gold"]["coders"]
    coders = list(blocks)
    getters = (("F1 exact", lambda b: b["span"]["exact"]["pooled"]["f1"]),
               ("F1 overlap", lambda b: b["span"]["overlap"]["pooled"]["f1"]),
               ("Cohen's κ", lambda b: b["cohen_kappa"]["pooled"]))
    series = [(name, [_num(get(blocks[c])) for c in coders]) for name, get in getters]
    return _grouped_bars(coders, series, "against gold (pooled)", "Each coder against gold",
                         loc="upper center", bbox_to_anchor=(0.5, -0.12))
