"""Spelling disguises of one word (or phrase), each deterministic given the
random.Random the caller seeds from the template and target ids. Each
takes the word and the rng and returns the disguised form; letters are
changed only inside the word, never its first letter, so that the form is
what a commenter slipping or dodging a filter would type."""

LEET = {"a": "4@", "e": "3", "i": "1!", "o": "0", "s": "5$", "t": "7",
        "l": "1", "g": "9"}
# Latin letters and digits that stand in for Arabic letters in evasive
# Arabic writing (the Arabizi digits, and shapes alike in a word).
ARABIC_LOOKALIKE = {"ا": "l", "ه": "o", "ة": "o", "ع": "3", "ح": "7",
                    "ء": "2", "ط": "6", "ص": "9", "خ": "5", "ق": "q",
                    "ك": "k"}


def _inner(word):
    """Indices of letters that may change: letters after the first."""
    return [i for i, c in enumerate(word) if i > 0 and c.isalpha()]


def swap(word, rng):
    """Two neighbouring letters swapped (fukc, kilol)."""
    spots = [i for i in _inner(word)[:-1]
             if word[i + 1].isalpha() and word[i] != word[i + 1]]
    if not spots:
        raise SystemExit("swap: no two distinct neighbours in %r" % word)
    i = rng.choice(spots)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def drop(word, rng):
    """One letter left out (kild, dsgusting)."""
    spots = _inner(word)
    if len(spots) < 3:
        raise SystemExit("drop: %r is too short" % word)
    i = rng.choice(spots)
    return word[:i] + word[i + 1:]


def add(word, rng):
    """One letter typed twice or a neighbouring key hit too (scumm, verrmin)."""
    spots = _inner(word)
    i = rng.choice(spots)
    extra = word[i] if rng.random() < 0.5 else rng.choice("aeiourstn")
    return word[:i] + extra + word[i:]


def joined(phrase, rng):
    """Words run together (Ihate, killall)."""
    del rng
    if " " not in phrase:
        raise SystemExit("joined: %r has no space to remove" % phrase)
    return phrase.replace(" ", "")


def spaced(word, rng):
    """Letters spaced out (s c u m), sometimes with dots (s.c.u.m)."""
    separator = " " if rng.random() < 0.7 else "."
    return separator.join(word.replace(" ", ""))


def leet(word, rng):
    """Letters written as digits or symbols (sc4m, v3rm1n)."""
    spots = [i for i in range(len(word)) if word[i].lower() in LEET]
    if not spots:
        raise SystemExit("leet: nothing to replace in %r" % word)
    chosen = set(rng.sample(spots, k=max(1, min(len(spots), rng.randint(1, 3)))))
    return "".join(rng.choice(LEET[c.lower()]) if i in chosen else c
                   for i, c in enumerate(word))


def arabic_lookalike(word, rng):
    """One Arabic letter written as the Latin letter or digit it resembles
    or stands for in Arabizi (حثاله -> 7ثاله, كلاب -> كلlب)."""
    spots = [i for i, c in enumerate(word) if c in ARABIC_LOOKALIKE]
    if not spots:
        raise SystemExit("arabic_lookalike: nothing to replace in %r" % word)
    i = rng.choice(spots)
    return word[:i] + ARABIC_LOOKALIKE[word[i]] + word[i + 1:]


def typo(word, rng):
    """One of the slips above, chosen by the rng: swap, drop or add."""
    return rng.choice((swap, drop, add))(word, rng)
