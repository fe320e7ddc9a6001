"""What readers type into the site's search to find a mission, for its page's search-only headings.

Material's search (lunr, in the browser) finds a page by the words it spells out: each word of a
query matches the words of a page that start with it, both split at spaces and hyphens (the
`separator` in mkdocs.yml) but not at apostrophes, and accents kept. Readers type what a page may
not spell out: another name (Yutu-2, ISS, Kamo'oalewa, Bennu), a COSPAR ID, or a name without its
apostrophe or accents (Chang e 4, Change 4, Kamooalewa), or with a curly apostrophe (Chang’e 4).
`search_terms` lists them, from the data: the mission's `names` and their other spellings, its own
name's other spellings, its aliases and its COSPAR ID. (The pinyin without tone marks is written
beside the pinyin, as text: as a title, "Erhao" would match the "e" of "Chang-e 4".)

mission.md.j2 writes each name, with its spellings, as a heading that only search reads (class
"search-only", aria-hidden), after the summary. A heading, because lunr weighs a word of a title
1,000 times a word of text (Material's default), and a query word matches by its start: as text,
"Yutu-2" on Chang'e 4's page lost to every page with a title word starting with "2" (Perseverance
(Mars 2020)). One heading for each name, because Material ranks a section by how many of the
query's words it holds: "Jade Rabbit 2" and "Change 4" in one section would make Chang'e 4's page
an answer to "Change 2". Each heading is a section of the page for search, shown under the page in
the results, so the reader sees which name matched.

Search also boosts a few pages (`search_boosts`). Each word of a query matches by its start, so
"Artemis II" also finds Artemis III ("iii" starts with "ii"), and a word on fewer pages weighs more:
"iii" outweighed "ii", and Artemis III came first. A mission whose whole name begins another's
name (Artemis II of Artemis III, Queqiao of Queqiao-2) weighs half as much again as other pages, in
Material's own way (the page's `search: boost`), so that its name typed in full finds it first. Not
every mission: a boost for all would put Curiosity above the Mars page for "Mars" (mkdocs.yml).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable

from .model import Mission

# Straight, curly and modifier-letter apostrophes, and the ʻokina (Kamoʻoalewa); not a possessive's
# ("China's": nobody types "Chinas").
APOSTROPHES = re.compile(r"['’‘ʼʻ](?!s\b)")
# Where the search splits words (mkdocs.yml's separator): terms with the same words are one term.
SEPARATOR = re.compile(r"[\s\u200b\u3000\-、。，．？！；]+")
# A page's weight in search when its mission's name begins another's (1 is every other page's): more
# than the rarer word of the longer name gives that page, much less than a title word's weight.
SHADOWED_BOOST = 1.5


def words(term: str) -> tuple[str, ...]:
    """The words search finds `term` by, as lunr splits and lowercases them."""
    return tuple(word for word in SEPARATOR.split(term.casefold()) if word)


def without_marks(text: str) -> str:
    """'Cháng'é Sìhào' -> 'Chang'e Sihao', 'Kármán' -> 'Karman'."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def spellings(name: str) -> list[str]:
    """`name` as written, then as readers type it: without accents or tone marks, and with a
    straight apostrophe, a curly one, a space or nothing in its place. "Chang'e 4" -> Chang'e 4,
    Chang’e 4, Chang e 4, Change 4; "Kamoʻoalewa" -> Kamoʻoalewa, Kamo'oalewa, Kamo’oalewa,
    Kamo oalewa, Kamooalewa; "Von Kármán" -> Von Kármán, Von Karman."""
    plain = without_marks(name)
    marks = ("'", "’", " ", "") if APOSTROPHES.search(plain) else ("",)
    return list(dict.fromkeys([name, *(APOSTROPHES.sub(mark, plain) for mark in marks)]))


def search_terms(mission: Mission) -> tuple[tuple[str, ...], ...]:
    """Every name a reader may type to find `mission` that its page does not already spell the same
    way, each with its other spellings: its other names, its own name's other spellings, its
    aliases, its COSPAR ID, its astronauts' names. A spelling that search splits into words its name
    already has, or into the same words as an earlier one, is left out (alias change-4 is the
    spelling Change 4), and a name left with none."""
    names = [spellings(name) for name in mission.names]
    names += [spellings(mission.name)[1:]]
    names += [[alias] for alias in mission.aliases] + ([[mission.cospar_id]] if mission.cospar_id else [])
    # A crewed flight is found by who flew it: "Yang Liwei", "Yang Li wei"'s other spellings, 杨利伟.
    names += [spellings(a.name) + ([a.name_zh] if a.name_zh else []) for a in mission.astronauts]
    own, seen = set(words(mission.name)), set()
    found = []
    for name in names:
        kept = []
        for spelling in name:
            key = words(spelling)
            if key and key not in seen and not set(key) <= own:
                seen.add(key)
                kept.append(spelling)
        if kept:
            found.append(tuple(kept))
    return tuple(found)


def search_boosts(missions: Iterable[Mission]) -> dict[str, float]:
    """Mission id -> the search boost of its page, for the missions whose name, as search splits it
    into words, begins another mission's name: typed in full, it finds that one too ("Artemis II",
    "Artemis III"). Sorted names: those that begin with a name follow it at once."""
    keys = {mission.id: " ".join(words(mission.name)) for mission in missions}
    names = sorted(set(keys.values()))
    boosts = {}
    for mission_id, name in keys.items():
        following = bisect.bisect_right(names, name)
        if name and following < len(names) and names[following].startswith(name):
            boosts[mission_id] = SHADOWED_BOOST
    return boosts
