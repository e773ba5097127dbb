"""A small progress bar for management commands.

    with progress(total, "Communes", stream=self.stdout) as bar:
        for batch in batches:
            ...
            bar.advance(len(batch))

On a terminal it redraws one line: "Communes [#####.........] 12,345/34,870". Elsewhere (CI, logs,
pipes) it prints a plain line at most every few seconds and always a last one with the time taken.
"""

import sys
import time
from contextlib import contextmanager

from django.core.management.base import OutputWrapper

BAR_WIDTH = 30
TTY_REFRESH_SECONDS = 0.1
PLAIN_REFRESH_SECONDS = 5.0


class ProgressBar:
    def __init__(self, total: int | None, label: str, stream=None, tty: bool | None = None):
        self.total = total
        self.label = label
        self.count = 0
        self.stream = stream if stream is not None else sys.stdout
        self.tty = _isatty(self.stream) if tty is None else tty
        self.started = time.monotonic()
        # A terminal shows the bar at once; plain output waits, so quick steps print one line.
        self._last_draw = self.started - TTY_REFRESH_SECONDS if self.tty else self.started

    def advance(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        interval = TTY_REFRESH_SECONDS if self.tty else PLAIN_REFRESH_SECONDS
        if now - self._last_draw >= interval:
            self._last_draw = now
            self._draw(final=False)

    def iterate(self, iterable):
        for item in iterable:
            yield item
            self.advance()

    def finish(self) -> None:
        self._draw(final=True)

    def render(self) -> str:
        if self.total:
            filled = min(BAR_WIDTH, BAR_WIDTH * self.count // self.total)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            return f"{self.label} [{bar}] {self.count:,}/{self.total:,}"
        return f"{self.label} {self.count:,}"

    def _draw(self, *, final: bool) -> None:
        text = self.render()
        if final:
            text += f" in {time.monotonic() - self.started:.1f} s"
        if self.tty:
            # \r redraws in place; \033[K clears what a longer previous line left behind.
            _write(self.stream, f"\r{text}\033[K" + ("\n" if final else ""))
        else:
            _write(self.stream, text + "\n")


@contextmanager
def progress(total: int | None, label: str, stream=None, tty: bool | None = None):
    bar = ProgressBar(total, label, stream=stream, tty=tty)
    try:
        yield bar
    except BaseException:
        if bar.tty:
            _write(bar.stream, "\n")
        raise
    bar.finish()


def _isatty(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


def _write(stream, text: str) -> None:
    if isinstance(stream, OutputWrapper):
        # OutputWrapper appends its own newline unless told otherwise.
        stream.write(text, ending="")
    else:
        stream.write(text)
    if hasattr(stream, "flush"):
        stream.flush()
