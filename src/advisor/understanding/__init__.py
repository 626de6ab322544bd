"""Stage 4, understand the question: the student's message and history in; the question
actually asked out, with its language, topics and kind.

Chat abbreviations spelled out (:mod:`.abbreviations`), typos corrected (:mod:`.spelling`),
greetings told apart (:mod:`.smalltalk`), a question for the jobs known or for jobs that fit
the student told apart (:mod:`.intent`), a follow-up completed from its conversation
(:mod:`.conversation`), the country cut from a question naming a topic (:mod:`.country`),
the field's synonyms for BM25 (:mod:`.synonyms`), and the example
questions that vote on the topic and the scope (:mod:`.examples`).
"""

__all__: list[str] = []
