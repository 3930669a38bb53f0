"""The synthetic catalogue's records: countries and cities, one report per country, organisations, initiatives and
their many-to-many rows, written with bulk_create and multi-row INSERTs."""

import itertools
import random
import sys
import time

from facts import add_facts
from words import RARE_WORD, Words

RARE_COUNT = 3
COUNTRIES = [
    "Austria", "Belgium", "Bulgaria", "Croatia", "Cyprus", "Czechia", "Denmark", "Estonia", "Finland", "France",
    "Germany", "Greece", "Hungary", "Iceland", "Ireland", "Italy", "Latvia", "Lithuania", "Luxembourg", "Malta",
    "Netherlands", "Norway", "Poland", "Portugal", "Romania", "Slovakia", "Slovenia", "Spain", "Sweden", "Switzerland",
]  # fmt: skip
CITIES_PER_COUNTRY = 20
SHARE_LOCAL_GROUPS = 0.2
BATCH = 2000
ORGANISATION_WORDS = ["Association", "Foundation", "Council", "Network", "Society", "Union", "Trust", "Alliance"]
INITIATIVE_WORDS = ["Friends", "Café", "Mentors", "Club", "Network", "Welcome", "Homework Café", "Neighbours"]


def slug_of(name, number):
    from django.utils.text import slugify

    return f"{slugify(name)[:180]}-{number}"


class Generator:
    def __init__(self, size, seed, out=print):
        from initiatives import models
        from organisations.models import Organisation

        self.m, self.Organisation = models, Organisation
        self.size, self.seed, self.out = size, seed, out
        self.rng = random.Random(seed)
        self.words = Words(self.rng)
        self.rare = set(self.rng.sample(range(size), min(RARE_COUNT, size)))
        self.common_count = 0

    def bulk(self, model, objects, batch_size=5000):
        return model.objects.bulk_create(objects, batch_size=batch_size)

    def insert(self, model, fields, rows, batch_size=2000):
        """Plain multi-row INSERTs, for the many-to-many rows: no model instances, no returned keys."""
        from django.db import connection

        quote = connection.ops.quote_name
        columns = ", ".join(quote(model._meta.get_field(field).column) for field in fields)
        row = "(" + ", ".join(["%s"] * len(fields)) + ")"
        with connection.cursor() as cursor:
            for start in range(0, len(rows), batch_size):
                chunk = rows[start : start + batch_size]
                cursor.execute(
                    f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {', '.join([row] * len(chunk))}",
                    [value for values in chunk for value in values],
                )

    def run(self):
        m, rng = self.m, self.rng
        self.themes = list(m.Theme.objects.values_list("pk", flat=True))
        self.groups = list(m.BeneficiaryGroup.objects.values_list("pk", flat=True))
        self.measures = list(m.Measure.objects.values_list("pk", flat=True))
        if not (self.themes and self.groups and self.measures):
            sys.exit("No themes, beneficiary groups or measures: load the report fixtures first.")
        rng.shuffle(self.themes)  # their popularity, most popular first
        self.places()
        self.organisations()
        self.initiatives()

    def places(self):
        m, words = self.m, self.words
        existing = {place.slug: place for place in m.Place.objects.filter(kind=m.Place.Kind.COUNTRY)}
        self.countries = []
        for name in COUNTRIES:
            slug = name.lower()
            self.countries.append(existing.get(slug) or m.Place(name=name, slug=slug, kind=m.Place.Kind.COUNTRY))
        self.bulk(m.Place, [country for country in self.countries if country.pk is None])
        cities = [
            m.Place(name=name, slug=slug_of(name, f"{country.slug}-{number}"), kind=m.Place.Kind.CITY, parent=country)
            for country in self.countries
            for number, name in enumerate(words.name(1) + "by" for _ in range(CITIES_PER_COUNTRY))
        ]
        self.bulk(m.Place, cities)
        self.cities = {country.pk: [] for country in self.countries}
        for city in cities:
            self.cities[city.parent_id].append((city.pk, city.name))
        reports = [
            m.Source(
                name=f"Synthetic report on voluntary and citizens' initiatives: {country.name}",
                slug=f"bench-report-{country.slug}",
                kind=m.Source.Kind.REPORT,
                publisher="Benchmark generator",
                country=country,
            )
            for country in self.countries
        ]
        self.bulk(m.Source, reports)
        self.reports = {report.country_id: report.pk for report in reports}
        # Reports differ in size: some countries have many more initiatives than others.
        self.country_weights = [self.rng.uniform(1, 6) for _ in self.countries]

    def organisations(self):
        Organisation, rng, words = self.Organisation, self.rng, self.words
        kinds = [kind for kind, _ in Organisation.Kind.choices]
        count = max(1, self.size // 5)
        top_level = count - count // 10
        organisations = []
        self.organisations_in = {country.pk: [] for country in self.countries}
        for number in range(count):
            country = rng.choices(self.countries, weights=self.country_weights)[0]
            name = f"{words.name(rng.randint(1, 2))} {rng.choice(ORGANISATION_WORDS)}"
            siblings = self.organisations_in[country.pk]
            organisations.append(
                Organisation(
                    name=name,
                    slug=slug_of(name, number),
                    published=True,
                    acronym="".join(word[0] for word in name.split()).upper() if rng.random() < 0.3 else "",
                    kind=rng.choice(kinds),
                    country=country,
                    parent=rng.choice(siblings) if number >= top_level and siblings else None,
                    website=f"https://example.org/{slug_of(name, number)}" if rng.random() < 0.5 else "",
                    description=words.text(rng.randint(20, 60)),
                )
            )
            if number < top_level:
                siblings.append(organisations[-1])
            if number + 1 == top_level or number + 1 == count:
                self.bulk(Organisation, [o for o in organisations if o.pk is None], batch_size=BATCH)
        self.organisations_in = {country.pk: [] for country in self.countries}
        for organisation in organisations:
            self.organisations_in[organisation.country_id].append(organisation.pk)
        self.insert(
            Organisation.sources.through,
            ("organisation", "source"),
            [(organisation.pk, self.reports[organisation.country_id]) for organisation in organisations],
        )
        self.out(f"  {len(organisations)} organisations")

    def initiatives(self):
        started = time.monotonic()
        self.national = {country.pk: [] for country in self.countries}
        for start in range(0, self.size, BATCH):
            self.batch(range(start, min(start + BATCH, self.size)))
            done = min(start + BATCH, self.size)
            rate = done / (time.monotonic() - started)
            self.out(f"  {done} initiatives ({rate:.0f}/s)")

    def batch(self, numbers):
        m, rng, words = self.m, self.rng, self.words
        initiatives, cities = [], []
        for number in numbers:
            country = rng.choices(self.countries, weights=self.country_weights)[0]
            start_year = rng.randint(1990, 2016)
            ended = rng.random() < 0.15
            parents = self.national[country.pk]
            parent = rng.choice(parents) if parents and rng.random() < SHARE_LOCAL_GROUPS else None
            city = rng.choice(self.cities[country.pk])
            if parent:  # a local group, named after its city
                name = f"{parent[1]} {city[1]}"
            else:
                name = f"{words.name(rng.randint(1, 2))} {rng.choice(INITIATIVE_WORDS)}"
            cities.append(city[0])
            planted = [RARE_WORD] if number in self.rare else []
            description = words.text(rng.randint(80, 120), planted)
            self.common_count += words.common in description.lower().replace(".", "").split()
            initiatives.append(
                m.Initiative(
                    name=name,
                    slug=slug_of(name, number),
                    native_name=words.name(2) if rng.random() < 0.3 else "",
                    lead_organisation_id=rng.choice(self.organisations_in[country.pk] or [None]),
                    parent_id=parent[0] if parent else None,
                    country=country,
                    published=True,
                    era=m.Initiative.Era.NEW if start_year >= 2014 else m.Initiative.Era.LONG_ESTABLISHED,
                    start_year=start_year,
                    end_year=rng.randint(start_year, 2017) if ended else None,
                    status=m.Initiative.Status.ENDED
                    if ended
                    else rng.choice([m.Initiative.Status.ACTIVE, m.Initiative.Status.ACTIVE, ""]),
                    summary=words.text(rng.randint(10, 20))[:500],
                    description=description,
                    organising=words.text(rng.randint(10, 30)) if rng.random() < 0.5 else "",
                    website=f"https://example.org/{slug_of(name, number)}" if rng.random() < 0.4 else "",
                )
            )
        self.bulk(m.Initiative, initiatives, batch_size=BATCH)
        for initiative, city in zip(initiatives, cities, strict=True):
            initiative.home_city = city
        for initiative in initiatives:
            if initiative.parent_id is None:
                self.national[initiative.country_id].append((initiative.pk, initiative.name))
        self.relations(initiatives)
        add_facts(self, initiatives)

    def relations(self, initiatives):
        Initiative, rng = self.m.Initiative, self.rng
        columns = {
            "themes": ("initiative", "theme"),
            "beneficiary_groups": ("initiative", "beneficiarygroup"),
            "places": ("initiative", "place"),
            "sources": ("initiative", "source"),
            "partners": ("initiative", "organisation"),
        }
        rows = {name: [] for name in columns}
        theme_weights = list(itertools.accumulate(1 / rank for rank in range(1, len(self.themes) + 1)))
        for initiative in initiatives:
            pk, country = initiative.pk, initiative.country_id
            themes = set(rng.choices(self.themes, cum_weights=theme_weights, k=rng.randint(1, 4)))
            rows["themes"] += [(pk, theme) for theme in themes]
            rows["beneficiary_groups"] += [(pk, group) for group in rng.sample(self.groups, rng.randint(1, 3))]
            others = [city for city, _ in rng.sample(self.cities[country], rng.randint(0, 2))]
            places = list(dict.fromkeys([initiative.home_city, *others]))
            if rng.random() < 0.1:
                places = [country, *places[:2]]  # active in the whole country too
            rows["places"] += [(pk, place) for place in places]
            rows["sources"].append((pk, self.reports[country]))
            organisations = self.organisations_in[country]
            partners = set(rng.sample(organisations, min(len(organisations), rng.choice([0, 0, 1, 1, 2]))))
            rows["partners"] += [(pk, partner) for partner in partners - {initiative.lead_organisation_id}]
        for name, fields in columns.items():
            self.insert(getattr(Initiative, name).through, fields, rows[name])
