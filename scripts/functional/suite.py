"""Templates x targets -> rows: the language-independent half of the
functional-suite generator (see generate.py)."""
import random
import re

import spelling

HALVES = ("dev", "heldout")
# Templates go to the halves in the order dev, heldout, heldout, dev, ...
# rather than alternately, so that templates written in alternating
# varieties (MSA, dialect, MSA, ...) fall into both halves.
HALF_ORDER = ("dev", "heldout", "heldout", "dev")
# Categories every language module labels with.
HATE = ["abuse"]
THREAT = ["threat", "abuse"]
# The target list of templates that name no group (promotion, swearing
# about nothing in particular): each is filled once.
NO_TARGET = [{"id": "none"}]
SOURCE = "modfilter-functional"
SLOT = re.compile(r"\{(\w+)\}")
# <<word>> marks the word a spelling functionality disguises; [[a|b]]
# picks the masculine or feminine form by the target's grammatical gender.
KEY = re.compile(r"<<(.+?)>>")
GENDERED = re.compile(r"\[\[([^|\]]*)\|([^\]]*)\]\]")


class Functionality:
    """One behaviour under test: rows of one verdict from several templates.

    `targets` names a target list of the language module ("groups" by
    default); `disguise` names a spelling.py function applied to the
    <<marked>> word; `protected` says whether the rows carry the target's
    subcategory (attacks on protected groups). A template is a string, or
    a (string, categories) pair where one template's categories differ
    from the functionality's (a threat among spelling templates)."""

    def __init__(self, name, verdict, categories, templates, targets="groups",
                 disguise=None, protected=True, subcategories=None):
        self.name = name
        self.verdict = verdict
        self.categories = list(categories)
        self.templates = list(templates)
        self.targets = targets
        self.disguise = disguise
        self.protected = protected
        self.subcategories = subcategories


def fill(template, target):
    """The template with the target's slots filled; a slot the target
    lacks means the template does not apply to it (None)."""
    missing = [name for name in SLOT.findall(template) if name not in target]
    if missing:
        return None
    text = SLOT.sub(lambda m: target[m.group(1)], template)
    feminine = target.get("gender") == "f"
    return GENDERED.sub(lambda m: m.group(2) if feminine else m.group(1), text)


def build(lang, module):
    rows = []
    for functionality in module.FUNCTIONALITIES:
        targets = module.TARGETS[functionality.targets]
        if len(functionality.templates) < 2:
            raise SystemExit("%s/%s: a functionality needs at least two "
                             "templates, one per half"
                             % (lang, functionality.name))
        for index, template in enumerate(functionality.templates, start=1):
            template_id = "%s.%s.%02d" % (lang, functionality.name, index)
            half = HALF_ORDER[(index - 1) % len(HALF_ORDER)]
            categories = functionality.categories
            if isinstance(template, tuple):
                template, categories = template
            filled = 0
            for target in targets:
                text = fill(template, target)
                if text is None:
                    continue
                filled += 1
                rows.append(row(lang, functionality, template_id, half,
                                target, text, categories))
            if filled == 0:
                raise SystemExit("%s: no target has the slots of %r"
                                 % (template_id, template))
    ids = [r["id"] for r in rows]
    if len(set(ids)) != len(ids):
        raise SystemExit("%s: two rows share an id" % lang)
    return rows


def row(lang, functionality, template_id, half, target, text, categories):
    key = KEY.search(text)
    if functionality.disguise is not None:
        if key is None:
            raise SystemExit("%s: a spelling template needs a <<word>>"
                             % template_id)
        rng = random.Random("%s/%s" % (template_id, target["id"]))
        disguised = getattr(spelling, functionality.disguise)(
            key.group(1), rng)
        text = text[:key.start()] + disguised + text[key.end():]
    text = KEY.sub(lambda m: m.group(1), text)
    if functionality.subcategories is not None:
        subcategories = list(functionality.subcategories)
    elif functionality.protected and functionality.verdict != "approve":
        subcategories = list(target.get("subcategories", []))
    else:
        subcategories = []
    return {
        "id": "%s.%s" % (template_id, target["id"]),
        "text": text,
        "verdict": functionality.verdict,
        "categories": list(categories),
        "subcategories": subcategories,
        "labels": {"hateful": functionality.verdict != "approve",
                   "functionality": functionality.name,
                   "disguise": functionality.disguise or ""},
        "source": SOURCE,
        "lang": lang,
        "functionality": functionality.name,
        "template": template_id,
        "target": target["id"],
        "half": half,
    }
