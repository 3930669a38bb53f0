"""The facts of generated initiatives: figures (30%), funding (15%) and awards (5%), each cited to its country's
report."""

from decimal import Decimal

CURRENCIES = ["DKK", "EUR", "SEK"]
SHARE_WITH_FIGURES, SHARE_WITH_FUNDING, SHARE_WITH_AWARDS = 0.30, 0.15, 0.05


def add_facts(generator, initiatives):
    m, rng, words = generator.m, generator.rng, generator.words
    figures, fundings, awards = [], [], []
    for initiative in initiatives:
        source = generator.reports[initiative.country_id]
        start = initiative.start_year
        if rng.random() < SHARE_WITH_FIGURES:
            for measure in rng.sample(generator.measures, rng.randint(1, 3)):
                figures.append(
                    m.Figure(
                        initiative=initiative,
                        measure_id=measure,
                        value=int(rng.lognormvariate(4, 1.5)) + 1,
                        qualifier=rng.choice(["", "", "more_than", "about"]),
                        basis=rng.choice(["", "", "per_year", "cumulative"]),
                        since_year=start if rng.random() < 0.3 else None,
                        as_of_year=rng.randint(start, 2016),
                        source_id=source,
                    )
                )
        if rng.random() < SHARE_WITH_FUNDING:
            for _ in range(rng.randint(1, 2)):
                begins = rng.randint(start, 2016)
                fundings.append(
                    m.Funding(
                        initiative=initiative,
                        funder_id=rng.choice(generator.organisations_in[initiative.country_id] + [None]),
                        amount=Decimal(rng.randrange(10_000, 5_000_000, 1000)),
                        currency=rng.choice(CURRENCIES),
                        basis=rng.choice(["total", "per_year"]),
                        start_year=begins,
                        end_year=rng.randint(begins, 2018),
                        source_id=source,
                    )
                )
        if rng.random() < SHARE_WITH_AWARDS:
            awards.append(
                m.Award(
                    name=f"{words.name(1)} Prize",
                    year=rng.randint(start, 2016),
                    outcome=rng.choice(["won", "won", "nominated", "honourable_mention"]),
                    initiative=initiative,
                    source_id=source,
                )
            )
    generator.bulk(m.Figure, figures)
    generator.bulk(m.Funding, fundings)
    generator.bulk(m.Award, awards)
    givers = [
        (award.pk, rng.choice(generator.organisations_in[award.initiative.country_id] or [None])) for award in awards
    ]
    generator.insert(m.Award.givers.through, ("award", "organisation"), [row for row in givers if row[1]])
