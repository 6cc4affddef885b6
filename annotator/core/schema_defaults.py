"""The default schema of issue 16: what a new project has (and an upgraded one gets where its
labels have these names). ``store`` writes them; the migration 0004 keeps its own frozen copy."""

from __future__ import annotations

from annotator.core.schema import AttributeDef, Guide, RelationTypeSpec

DEFAULT_RELATION_TYPES: tuple[RelationTypeSpec, ...] = (
    RelationTypeSpec("source", "#c2417a", "s", (("claim", "entity"),),
                     Guide("Who made the claim: from the claim to the entity that said it.",
                           ("قال المبعوث الأميركي ... إنه ليس هناك خطة: claim -> المبعوث الأميركي",))),
    RelationTypeSpec("about", "#7b5cc4", "a", (("figure", "claim"), ("figure", "entity")),
                     Guide("What the figure measures: from the figure to the claim or entity it counts.",
                           ("80 ألف باوند (36 طنا) -> the bomb it weighs",))),
)
DEFAULT_ATTRIBUTES: dict[str, tuple[AttributeDef, ...]] = {
    "claim": (AttributeDef("stance", "choice", ("asserted", "denied", "reported", "questioned"), False,
                           Guide("How the text presents the claim.")),),
    "entity": (AttributeDef("type", "choice", ("person", "organisation", "place", "other"), False,
                            Guide("What kind of entity it is.")),),
}
VALUE_LABELS = ("figure",)  # labels whose spans get a figure value (core.figures) by default
