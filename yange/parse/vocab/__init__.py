"""The language of the genre, kept by topic: one home for every cue word and pattern, no logic.

Everything that is *language* rather than *logic* lives here as a named constant, so that a notice
from a province or era not seen before usually needs a new word here, not new code. Each pattern says
what it must match and what it must not, and why.

- `names`: how agency, body and unit names end; the words for "this agency"
- `numerals`: numerals and dates as notices write them
- `markers`: numbered item markers and section headings
- `agencies`, `units`, `adjustments`: the parts of a 三定 regulation
- `metadata`: titles, document numbers, page furniture
- `genre`: what tells the genres and their look-alikes apart
- `amendment`: the clauses of amendment notices
"""
