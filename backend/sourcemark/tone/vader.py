"""VADER in linear time, with the scores of vaderSentiment 3.3.2.

VADER's negation and idiom checks lower-case the sentence's whole word list for every
sentiment word, and its "but" check looks each score up with list.index: one long sentence
(emoji or punctuation only, or a run-on of thousands of words) costs time in the square of
its length. The checks below look only at the words the originals read, and the "but"
check keeps their exact results, quirks included.

VADER also copies each text character by character to spell out its emoji: a text with
none is scored without that copy. And it tests a word for negation against a fresh copy of
its negation list, one entry at a time: here a set is asked.
"""

from __future__ import annotations

import heapq

from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    N_SCALAR,
    NEGATE,
    SentimentIntensityAnalyzer,
    SentiText,
)

_BEFORE = 3  # the checks read up to three words before a sentiment word...
_AFTER = 2  # ...and up to two after it
_NEGATIONS = frozenset(NEGATE)


def _negated(word: str) -> bool:
    """vaderSentiment's negated([word]): it lower-cases the word (again) and looks for "n't"."""
    word = str(word).lower()
    return word in _NEGATIONS or "n't" in word


class LinearVader(SentimentIntensityAnalyzer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The emoji VADER's copy can find: it looks at one character at a time.
        self._emoji_characters = frozenset(e for e in self.emojis if len(e) == 1)

    def polarity_scores(self, text):
        # No emoji is ASCII: most texts, their typography made plain, need no look for one.
        if not text.isascii() and not self._emoji_characters.isdisjoint(text):
            return super().polarity_scores(text)
        return self._scores(text.strip())  # the copy would be the text itself

    def _scores(self, text):
        """The original polarity_scores after its emoji step. A word not in the lexicon
        scores 0 without the call to sentiment_valence, which gives it just that."""
        sentitext = SentiText(text)
        sentiments = []
        words_and_emoticons = sentitext.words_and_emoticons
        lexicon = self.lexicon
        lowers = [item.lower() for item in words_and_emoticons]  # for the "but" check too
        for i, (item, lower) in enumerate(zip(words_and_emoticons, lowers, strict=True)):
            valence = 0
            if lower in BOOSTER_DICT or lower not in lexicon:
                sentiments.append(valence)
                continue
            if (
                i < len(words_and_emoticons) - 1
                and lower == "kind"
                and words_and_emoticons[i + 1].lower() == "of"
            ):
                sentiments.append(valence)
                continue
            sentiments = self.sentiment_valence(valence, sentitext, item, i, sentiments)
        sentiments = self._but_check(words_and_emoticons, sentiments, lowers)
        return self.score_valence(sentiments, text)

    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        """The original's tests, on the only words it reads (it is called with i > start_i):
        the 1, 2 or 3 before the sentiment word."""
        before = [str(w).lower() for w in reversed(words_and_emoticons[max(0, i - 3) : i])]
        w1, w2, w3 = before + [""] * (3 - len(before))  # nearest first; unread ones blank
        if start_i == 0 and _negated(w1):
            valence = valence * N_SCALAR
        if start_i == 1:
            if w2 == "never" and (w1 == "so" or w1 == "this"):
                valence = valence * 1.25
            elif w2 == "without" and w1 == "doubt":
                pass
            elif _negated(w2):
                valence = valence * N_SCALAR
        if start_i == 2:
            if (w3 == "never" and (w2 == "so" or w2 == "this")) or (w1 == "so" or w1 == "this"):
                valence = valence * 1.25
            elif w3 == "without" and (w2 == "doubt" or w1 == "doubt"):
                pass
            elif _negated(w3):
                valence = valence * N_SCALAR
        return valence

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        if i < _BEFORE:  # the original would wrap round to the sentence's end: keep that
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)
        window = words_and_emoticons[i - _BEFORE : i + _AFTER + 1]
        return SentimentIntensityAnalyzer._special_idioms_check(valence, window, _BEFORE)

    @staticmethod
    def _but_check(words_and_emoticons, sentiments, lowers=None):
        """Scores before the first "but" halved, after it raised by half, as the original
        does it: the score at position k is read, and written back at the first position
        holding an equal value, which is not always k. `lowers` are the words lower-cased,
        for a caller that has them."""
        lower = [str(w).lower() for w in words_and_emoticons] if lowers is None else lowers
        if "but" not in lower:
            return sentiments
        but = lower.index("but")
        holding: dict[float, list[int]] = {}  # a value -> positions that may hold it
        for position, value in enumerate(sentiments):
            holding.setdefault(value, []).append(position)  # ascending: already a heap
        for k in range(len(sentiments)):
            value = sentiments[k]
            positions = holding[value]
            while sentiments[positions[0]] != value:  # written over since: stale
                heapq.heappop(positions)
            first = positions[0]
            if first == but:
                continue
            scaled = value * (0.5 if first < but else 1.5)
            sentiments[first] = scaled
            heapq.heappush(holding.setdefault(scaled, []), first)
        return sentiments
