"""Stage 5, choose the job: the question's words, the conversation and the page in; the
profiles to search out.

:mod:`.names` finds the jobs a text names (the packaged lexicon and every profile's own names
and aliases); :mod:`.title_words` the words of a question standing for a title's (a short
form, a word of its family); :mod:`.choice` decides which profile the question is about, or
that the advisor must ask back; :mod:`.related` tells the job nearest another, for the chips
after an answer; :mod:`.interests` tells what a student wants of a job ("j'aime travailler
dehors") and which profiles say their job offers it, for an exploration.
"""

__all__: list[str] = []
