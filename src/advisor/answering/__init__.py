"""Stage 8, compose: the passages chosen in, the :class:`~advisor.answering.compose.Answer`
a student reads out (a lead sentence quoted verbatim and the passages; or an abstention, a
question back, a friendly word); :mod:`.choosing` composes the answers that help choose a job
(jobs compared side by side, jobs that fit the student, the list of the jobs known)."""

__all__: list[str] = []
