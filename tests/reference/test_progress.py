import io

from django.core.management.base import OutputWrapper

from portal.reference import progress as progress_module
from portal.reference.progress import progress


class FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_terminal_bar_redraws_one_line():
    stream = FakeTTY()
    with progress(34_870, "Communes", stream=stream) as bar:
        bar.advance(12_345)
        assert bar.render() == "Communes [##########....................] 12,345/34,870"
        bar.advance(34_870 - 12_345)
    output = stream.getvalue()
    assert output.startswith("\rCommunes [##########....................] 12,345/34,870")
    assert "\rCommunes [##############################] 34,870/34,870 in " in output
    assert output.endswith(" s\x1b[K\n")
    assert output.count("\n") == 1


def test_plain_output_prints_few_lines(monkeypatch):
    stream = io.StringIO()
    with progress(1000, "Postal codes", stream=stream) as bar:
        for _ in range(1000):
            bar.advance()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Postal codes [##############################] 1,000/1,000 in ")
    assert "\r" not in stream.getvalue()

    # Long work reports every few seconds.
    monkeypatch.setattr(progress_module, "PLAIN_REFRESH_SECONDS", 0)
    stream = io.StringIO()
    with progress(3, "Slow", stream=stream) as bar:
        bar.advance()
        bar.advance()
        bar.advance()
    assert stream.getvalue().splitlines()[:3] == [
        "Slow [##########....................] 1/3",
        "Slow [####################..........] 2/3",
        "Slow [##############################] 3/3",
    ]


def test_unknown_total_and_iterate():
    stream = io.StringIO()
    with progress(None, "Reading", stream=stream) as bar:
        assert list(bar.iterate("abc")) == ["a", "b", "c"]
    assert stream.getvalue().startswith("Reading 3 in ")


def test_django_output_wrapper_gets_no_extra_newlines():
    target = FakeTTY()
    with progress(2, "Items", stream=OutputWrapper(target)) as bar:
        bar.advance(1)
        bar.advance(1)
    assert target.getvalue().count("\n") == 1


def test_terminal_line_is_ended_when_work_fails():
    stream = FakeTTY()
    try:
        with progress(10, "Items", stream=stream) as bar:
            bar.advance(1)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert stream.getvalue().endswith("\n")
