"""advisor: a career-advisor chatbot that answers students by quoting career profiles.

Nothing is loaded at import time: build an :class:`advisor.advisor.Advisor` from
:class:`advisor.settings.Settings` when you need one.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
