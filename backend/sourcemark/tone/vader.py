"""VADER in linear time, with the scores of vaderSentiment 3.3.2.

VADER's negation and idiom checks lower-case the sentence's whole word list for every
sentiment word, and its "but" check looks each score up with list.index: one long sentence
(emoji or punctuation only, or a run-on of thousands of words) costs time in the square of
its length. The checks below look only at the words the originals read, and the "but"
check keeps their exact results, quirks included.
"""

from __future__ import annotations

import heapq

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

_BEFORE = 3  # the checks read up to three words before a sentiment word...
_AFTER = 2  # ...and up to two after it


class LinearVader(SentimentIntensityAnalyzer):
    @staticmethod
    def _negation_check(valence, words_and_emoticons, start_i, i):
        # Called with i > start_i: it reads words i - start_i - 1 .. i - 1 only.
        low = max(0, i - _BEFORE)
        window = words_and_emoticons[low : i + 1]
        return SentimentIntensityAnalyzer._negation_check(valence, window, start_i, i - low)

    @staticmethod
    def _special_idioms_check(valence, words_and_emoticons, i):
        if i < _BEFORE:  # the original would wrap round to the sentence's end: keep that
            return SentimentIntensityAnalyzer._special_idioms_check(valence, words_and_emoticons, i)
        window = words_and_emoticons[i - _BEFORE : i + _AFTER + 1]
        return SentimentIntensityAnalyzer._special_idioms_check(valence, window, _BEFORE)

    @staticmethod
    def _but_check(words_and_emoticons, sentiments):
        """Scores before the first "but" halved, after it raised by half, as the original
        does it: the score at position k is read, and written back at the first position
        holding an equal value, which is not always k."""
        lower = [str(w).lower() for w in words_and_emoticons]
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
