"""Made-up words for the synthetic catalogue: a vocabulary drawn with Zipf's law, names and sentences made of it."""

RARE_WORD = "zorblaxite"
VOCABULARY_SIZE = 5000
ZIPF_S = 1.1
TABLE_SIZE = 1 << 18
ONSETS = ["b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "br", "dr", "kl", "st", "tr", "sk"]
VOWELS = ["a", "e", "i", "o", "u", "ae", "ei", "ou"]
CODAS = ["", "", "n", "r", "l", "s", "m", "k", "t"]


class Words:
    """Made-up words, drawn with Zipf's law: the word of rank k with weight 1 / k**s."""

    def __init__(self, rng, size=VOCABULARY_SIZE, s=ZIPF_S):
        self.rng = rng
        vocabulary = {}
        while len(vocabulary) < size:
            word = "".join(
                rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.randint(2, 3))
            )
            if RARE_WORD not in word and word not in RARE_WORD:
                vocabulary.setdefault(word)
        self.vocabulary = list(vocabulary)
        # Each word repeated in proportion to its weight (at least once): drawing uniformly from this table is
        # Zipf's law, and several times faster than drawing with cumulative weights.
        weights = [1 / rank**s for rank in range(1, size + 1)]
        copies = TABLE_SIZE / sum(weights)
        self.table = [
            word
            for word, weight in zip(self.vocabulary, weights, strict=True)
            for _ in range(max(1, round(weight * copies)))
        ]
        self.common = self.vocabulary[0]
        self.name_words = self.vocabulary[200:]  # names are made of words rarer than the commonest

    def draw(self, count):
        return self.rng.choices(self.table, k=count)

    def name(self, count):
        return " ".join(word.capitalize() for word in self.rng.sample(self.name_words, count))

    def text(self, count, planted=()):
        """About `count` words in sentences of 6–16 words, with the `planted` words among them."""
        words = self.draw(count)
        for word in planted:
            words[self.rng.randrange(len(words))] = word
        sentences, start = [], 0
        while start < len(words):
            end = start + self.rng.randint(6, 16)
            sentence = words[start:end]
            sentences.append(" ".join([sentence[0].capitalize(), *sentence[1:]]) + ".")
            start = end
        return " ".join(sentences)
