"""The brief and the deck are replaced together or not at all: full disks, long names, folders in
the way, and builds killed at random moments, every one followed by the check that the pair is
both old or both new and that no debris remains."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from generator.errors import OutputError
from generator.pipeline.atomic import recover
from generator.pipeline.build import build
from generator.pipeline.interrupt import Interrupted, interruptible
from tests.conftest import ROOT, SAMPLE


def _variant(folder: Path, title: str, name: str = "brief.yaml", sections: int | None = None) -> Path:
    outline = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    outline["title"] = title
    if sections is not None:  # a short outline builds quicker: more kills in the same time
        outline["sections"] = outline["sections"][:sections]
    path = folder / name
    path.write_text(yaml.safe_dump(outline, allow_unicode=True), encoding="utf-8")
    return path


def _pair(out: Path, stem: str = "brief") -> tuple[bytes, bytes]:
    return (out / f"{stem}.pdf").read_bytes(), (out / f"{stem}.pptx").read_bytes()


def _names(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.exists() else []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 512 KB tmpfs of our own (root only; CI runs as root)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_replaces_both_outputs_or_neither(tmp_path, small_disk, monkeypatch):
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refused)  # as on machines where hard links are refused (no shortcut)
    out = small_disk / "out"
    build(_variant(tmp_path, "Start"), out)
    pdf, pptx = (len(data) for data in _pair(out))
    # from no room at all to room for every output twice over, through each output's boundary
    rooms = [0, pdf // 2, pdf + 4096, pdf + pptx // 2, pdf + pptx + 8192, 2 * pdf + pptx + 8192,
             2 * pdf + pptx + pptx // 2, 2 * (pdf + pptx) + 16384]
    failures = 0
    for attempt, room in enumerate(rooms):
        (tmp_path / f"v{attempt}").mkdir()
        outline = _variant(tmp_path / f"v{attempt}", f"Version {attempt}")
        new = _pair(build(outline, tmp_path / f"v{attempt}" / "whole").written[0].parent)
        old = _pair(out)
        free = os.statvfs(small_disk).f_bavail * os.statvfs(small_disk).f_frsize
        (small_disk / "filler").write_bytes(b"\0" * max(0, free - room))
        try:
            build(outline, out)
        except OutputError as exc:
            assert "No space left on device" in str(exc)
            failures += 1
        (small_disk / "filler").unlink()
        assert _names(out) == ["brief.pdf", "brief.pptx"], f"room {room}: debris"
        assert _pair(out) in (old, new), f"room {room}: a new brief beside an old deck, or the reverse"
    assert 0 < failures < len(rooms)  # both outcomes were tried


@pytest.mark.parametrize("length", [200, 240, 250])
def test_stems_up_to_the_longest_file_name_build_both_outputs(tmp_path, length):
    stem = "s" * length
    outline = _variant(tmp_path, "Long", f"{stem}.yaml")
    build(outline, tmp_path / "out")
    assert _names(tmp_path / "out") == [f"{stem}.pdf", f"{stem}.pptx"]


def test_a_stem_too_long_for_the_deck_replaces_neither_output(tmp_path):
    stem = "s" * 251  # stem.pdf is 255 bytes, the longest name allowed; stem.pptx would be 256
    out = tmp_path / "out"
    old_pdf = b"%PDF-1.4 the previous brief"
    out.mkdir()
    (out / f"{stem}.pdf").write_bytes(old_pdf)
    with pytest.raises(OutputError, match="longer than the 255 bytes"):
        build(_variant(tmp_path, "Long", f"{stem}.y"), out)
    assert _names(out) == [f"{stem}.pdf"] and (out / f"{stem}.pdf").read_bytes() == old_pdf


@pytest.mark.parametrize("in_the_way", ["brief.pdf", "brief.pptx"])
def test_a_folder_in_the_way_replaces_neither_output(tmp_path, in_the_way):
    out = tmp_path / "out"
    build(_variant(tmp_path, "Old"), out)
    other = next(p for p in out.iterdir() if p.name != in_the_way)
    old = other.read_bytes()
    (out / in_the_way).unlink()
    (out / in_the_way).mkdir()
    with pytest.raises(OutputError, match="a folder of that name is in the way"):
        build(_variant(tmp_path, "New"), out)
    assert _names(out) == ["brief.pdf", "brief.pptx"] and (out / in_the_way).is_dir()
    assert other.read_bytes() == old


KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, signal, sys
    from generator.pipeline import atomic
    from generator.pipeline.build import build
    real = os.replace
    def replace_then_die(*args, **kwargs):
        real(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)  # the worst moment: one output renamed, the other not
    atomic.os.replace = replace_then_die
    build(sys.argv[1], sys.argv[2])
""")


def test_a_build_killed_between_the_two_renames_is_completed_by_the_next(tmp_path):
    out = tmp_path / "out"
    build(_variant(tmp_path, "Old"), out)
    old = _pair(out)
    new_outline = _variant(tmp_path, "New")
    done = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, str(new_outline), str(out)], cwd=ROOT)
    assert done.returncode == -signal.SIGKILL
    assert any(name.endswith(".journal") for name in _names(out))  # the killed build left its journal
    recover(out)
    assert _names(out) == ["brief.pdf", "brief.pptx"]
    new = _pair(out)
    assert new[0] != old[0] and new[1] != old[1]
    build(new_outline, out)
    assert _pair(out) == new  # exactly what a whole build writes


def _fork_build(outline: Path, out: Path) -> int:
    """Start a build in a forked copy of this process (already imported: a build takes a fraction of a second)."""
    pid = os.fork()
    if pid == 0:
        os.setpgid(0, 0)
        try:
            build(outline, out)
        finally:
            os._exit(0)
    return pid


def kill_campaign(tmp_path: Path, kills: int, seed: int) -> int:
    """Kill ``kills`` builds at random moments around their end; return how many changed the outputs.

    After each kill, the cleanup the next build runs leaves the pair both old or both new, and
    nothing else in the folder.
    """
    out = tmp_path / "out"
    pairs = []
    for title in ("First", "Second"):
        (tmp_path / title).mkdir()
        outline = _variant(tmp_path / title, title, sections=2)
        build(outline, tmp_path / title / "whole")
        pairs.append((outline, _pair(tmp_path / title / "whole")))
    started = time.perf_counter()
    os.waitpid(_fork_build(pairs[0][0], tmp_path / "timing"), 0)
    seconds = time.perf_counter() - started
    state = None
    changed = 0
    chance = random.Random(seed)
    for kill in range(kills):
        outline, pair = pairs[kill % 2]
        pid = _fork_build(outline, out)
        time.sleep(chance.uniform(0.4, 1.1) * seconds)
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(pid, 0)
        recover(out)
        names = _names(out)
        if not names:
            assert state is None
            continue
        assert names == ["brief.pdf", "brief.pptx"], names
        now = _pair(out)
        assert now in (state, pair), f"kill {kill}: a mixed or partial pair"
        changed += now != state
        state = now
    return changed


def test_builds_killed_at_random_moments_leave_both_old_or_both_new_and_no_debris(tmp_path):
    changed = kill_campaign(tmp_path, kills=24, seed=11)
    assert changed > 0  # some kills came after the commit, so both kinds of moment were tried


def test_an_interrupt_a_library_turns_into_another_error_still_stops_the_build():
    def reportlab_like() -> None:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.01)
        except BaseException:  # noqa: BLE001 - reportlab's colour parser does just this
            raise ValueError("Invalid color value") from None

    with pytest.raises(Interrupted) as caught, interruptible():
        reportlab_like()
    assert caught.value.signum == signal.SIGINT


def test_an_interrupt_a_library_swallows_stops_the_build_before_it_commits():
    reached = []
    with pytest.raises(Interrupted) as caught, interruptible() as interrupt:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)
        except BaseException:  # noqa: BLE001, S110 - swallowed whole
            pass
        reached.append("after")
        interrupt.check()
        reached.append("commit")
    assert reached == ["after"] and caught.value.signum == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
