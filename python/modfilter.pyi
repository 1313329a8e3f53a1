"""modfilter: screen user comments before they are published (type hints)."""

import os
from typing import Iterable, Literal, Optional, Sequence, TypedDict, Union

__version__: str

Text = Union[str, bytes]
Decision = Literal["approve", "review", "reject"]

class ErrorDict(TypedDict):
    file: str
    line: int
    column: int
    rule_id: str
    message: str
    hint: str
    kind: str

class RuleError(Exception):
    """A rule set, rule file or compiled database that could not be loaded."""
    file: str
    line: int
    column: int
    rule_id: str
    message: str
    hint: str
    kind: str
    errors: list[ErrorDict]

class Reason:
    """One rule that fired on a comment, with where it fired."""
    @property
    def rule(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def subcategory(self) -> Optional[str]: ...
    @property
    def action(self) -> Literal["reject", "review"]: ...
    @property
    def reason(self) -> str: ...
    @property
    def spans(self) -> list[tuple[int, int]]:
        """Byte offsets into the comment's UTF-8 encoding, as in scan's JSON."""
    @property
    def char_spans(self) -> list[tuple[int, int]]:
        """The same spans as indexes into the Python str."""
    @property
    def excerpt(self) -> str: ...

class Verdict:
    """What screening decided about one comment, and why."""
    @property
    def verdict(self) -> Decision: ...
    @property
    def reasons(self) -> list[Reason]: ...
    @property
    def ruleset(self) -> str: ...
    @property
    def text(self) -> Text: ...
    def to_json(self) -> str:
        """The verdict members of the JSON object `modfilter scan` writes."""
    def to_dict(self) -> dict:
        """to_json() as a dict: verdict, reasons, ruleset."""

class Engine:
    """A compiled rule set; safe to share between threads."""
    @staticmethod
    def load(path: Union[str, os.PathLike[str]]) -> Engine:
        """A rule file, a directory of rule files or a .mfdb; raises RuleError."""
    @property
    def ruleset(self) -> str: ...
    @property
    def rule_count(self) -> int: ...
    def screen(self, text: Text, lang: Optional[str] = None) -> Verdict:
        """Screens one comment; releases the GIL while it screens."""
    def screen_many(self, texts: Iterable[Text], threads: int = 0,
                    lang: Optional[str] = None) -> list[Verdict]:
        """Screens every comment on `threads` threads (0: every core)."""
    def redact(self, text: Text, categories: Optional[Sequence[str]] = None,
               lang: Optional[str] = None) -> Text:
        """The comment with matched words of `categories` masked."""
    def _time_screen(self, texts: Sequence[Text], repeats: int = 1) -> float:
        """Benchmark support: seconds of the C++ screen() loop over texts."""
