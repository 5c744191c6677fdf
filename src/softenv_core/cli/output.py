"""What the CLI writes: files through a temporary sibling and a rename, messages made inert.

A file is never half-written: it is written beside its target, flushed, synced and renamed
over it. A set of files (``demo --out``) is written into a sibling temporary folder and
renamed into place as a whole, under a lock that a second run into the same folder respects.
Every failure to write is a one-line :class:`OutputError`, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from softenv_core.cli.set_contents import MANIFEST, manifest_text, not_the_set
from softenv_core.cli.signals import CLEAN_EXIT_SIGNALS, Terminated, sigterm_as_interrupt
from softenv_core.engine.manager import ENV_ALLOW, ENV_DISABLE_AUTOLOAD, LOAD_ADVICE
from softenv_core.errors import CalendarDataMissing, InputError, PluginError, PluginLoadError, SoftenvError
from softenv_core.io.atomic import (
    IS_DIRECTORY,
    PathUnwritable,
    link_target,
    make_folder,
    output_target,
    umask,
    write_reason,
)
from softenv_core.model.periods import BEIJING
from softenv_core.render.escape import terminal


class OutputError(SoftenvError):
    """An output could not be written where it was asked to go; ``path`` says where."""

    def __init__(self, path: Path | str, message: str, zh: str | None = None) -> None:
        self.path = str(path)
        # The clerk reads Chinese by default (--lang zh); ``zh`` is the message's Chinese form.
        self.zh = f"不能写入 {terminal(self.path)}:{zh}" if zh else None
        super().__init__(f"cannot write {terminal(self.path)}: {message}")


def _failed(path: Path | str, exc: OSError) -> OutputError:
    """The OutputError for ``exc`` at ``path``: the system's reason, and in Chinese the
    clerk's words for the usual ones (io/atomic.write_reason, the library's writers' too).
    Every write failure is told by this one function, a text output's, an office file's, the keys
    file's, stdout's (write_error_text), so that the same fault reads the same everywhere."""
    en, zh = write_reason(exc, terminal)
    return OutputError(path, en, zh)


def write_atomic(path: Path, text: str, encoding: str = "utf-8", *, shown: Path | None = None) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename: never half-written.

    An existing file is replaced atomically; a directory in the way, or a parent that is a
    file, is refused with :class:`OutputError`. The file's mode follows the umask (0644 under
    022), as a plain ``open`` would, not mkstemp's private 0600. ``shown``: the name an error
    gives (a set's file, not its staging folder's: :func:`write_set`).
    """
    asked = path if shown is None else shown
    if path.is_dir():
        raise OutputError(asked, *IS_DIRECTORY)
    try:
        path, renamed = output_target(path)
    except OSError as exc:  # a link to a folder that does not exist, a loop of links
        raise _failed(asked, exc) from None
    if not renamed:  # a device, FIFO or socket: written through, never replaced (io/atomic.py)
        try:
            with open(path, "w", encoding=encoding, newline="") as fh:
                fh.write(text)
        except OSError as exc:
            raise _failed(asked, exc) from None
        return
    try:
        make_folder(path)  # a file in the way is ENOTDIR, as for an office file or the keys file
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _failed(asked, exc) from None
    try:
        if hasattr(os, "fchmod"):  # POSIX; on Windows files have no such mode
            os.fchmod(fd, 0o666 & ~umask())
        with os.fdopen(fd, "w", encoding=encoding, newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _failed(asked, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def refuse_input(path: Path, inputs: list[Path]) -> None:
    """Refuse to write a result over one of the command's input files: inputs are never modified
    (``softenv validate data.json --out data.json`` would otherwise replace the dataset), and
    a directory as the target, before any work (a workbook writer would otherwise name its
    temporary file in the message)."""
    if path.is_dir():
        raise OutputError(path, *IS_DIRECTORY)
    for source in inputs:
        try:
            same = path.exists() and source.exists() and path.samefile(source)
        except OSError:
            same = False
        if same:
            shown = terminal(str(source))
            raise OutputError(
                path,
                f"it is the input file {shown}; give another file name",
                f"它就是输入文件 {shown}，输入文件不会被改写；请另给一个文件名",
            )


#: ``--out -``: standard output, as in other command-line tools, for an output that is text.
STDOUT = "-"


def refuse_stdout(out: str | None, writes: str) -> None:
    """Refuse ``--out -`` for an output that is a binary file or a folder (``writes``: ``.xlsx``,
    ``.docx`` or ``folder``): it cannot go to standard output, and a file or folder literally
    named ``-`` is not what was meant (x24)."""
    if out == STDOUT:
        kind, zh_kind, example = _NOT_TEXT[writes]
        raise OutputError(
            out,
            f"'-' (standard output) takes text only, and this command writes {kind}; give a name, e.g. --out {example}",
            f"“-”（标准输出）只用于文本，这里写出的是{zh_kind}；请给出名称，如 --out {example}",
        )


_NOT_TEXT = {
    ".xlsx": ("an Excel workbook", "Excel 文件", "结果.xlsx"),
    ".docx": ("a Word document", "Word 文件", "报告.docx"),
    "folder": ("a set of files in a folder", "一组文件（写入一个文件夹）", "demo"),
}


#: What each office file name holds; a result of another kind under such a name would not open.
_OFFICE_SUFFIXES = {".docx": "Word", ".xlsx": "Excel"}


def refuse_office_name(
    path: Path, writes: str | None, can: str | None = None, forms: tuple[str, str] | None = None
) -> None:
    """Refuse ``--out`` named ``.docx``/``.xlsx`` for a result that is not that file (``writes``:
    the suffix the command writes, or None for text): Markdown or JSON under a workbook's name
    would not open in Word or Excel, and the clerk would not know why. ``can``: the suffix of the
    office file the command writes with ``--format`` (report .docx), named as the way out (c50);
    ``forms``: the forms the command does write (Chinese, English), named when it has none of
    that kind (c51 05: `yearend --out 年终.docx` was sent to a `--format docx` yearend lacks)."""
    suffix = path.suffix.lower()
    if suffix in _OFFICE_SUFFIXES and suffix != writes:
        kind = _OFFICE_SUFFIXES[suffix]
        other = _OFFICE_SUFFIXES.get(writes or "")
        what, zh_what = (f"a {other} file", f"{other} 文件") if other else ("text", "文本（Markdown、JSON 或 CSV）")
        if can == suffix:
            way, en_way = f"要写成 {kind} 文件请加 --format {suffix[1:]}", f" or add --format {suffix[1:]}"
        elif forms is not None:
            way, en_way = f"本命令没有 {kind} 格式，可写成 {forms[0]}", f"; this command has no {kind} form: {forms[1]}"
        else:
            way, en_way = "请改用相符的文件名或 --format", ""
        raise OutputError(
            path,
            f"the name ends in {suffix} ({kind}) but this command writes {what}; give a name that matches{en_way}",
            f"文件名以 {suffix}（{kind}）结尾，但这里写出的是{zh_what}；{way}",
        )


LOCK_NAME = ".softenv.lock"


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock: a second run into the same folder refuses rather than interleaves.

    The lock is a file created exclusively beside the folder (``O_EXCL``), holding our pid;
    a lock left by a process that no longer exists (killed with SIGKILL) is taken over.
    """
    lock = folder.parent / f".{folder.name}{LOCK_NAME}"
    for _attempt in range(2):
        try:
            fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            if _stale(lock):
                lock.unlink(missing_ok=True)
                continue
            raise OutputError(
                folder,
                f"another softenv run is writing there; try again (or remove {lock} if none is)",
                f"另一个 softenv 正在写入这里；请稍后再试（若没有，可删除 {terminal(str(lock))}）",
            ) from None
        except OSError as exc:
            raise _failed(folder, exc) from None
        try:
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
        except OSError as exc:  # a full disk: an empty lock would refuse every later run (_stale)
            lock.unlink(missing_ok=True)
            raise _failed(folder, exc) from None
        break
    else:  # pragma: no cover - a lock re-created between our unlink and open
        raise OutputError(
            folder,
            f"another softenv run is writing there (lock {lock.name}); try again",
            "另一个 softenv 正在写入这里；请稍后再试",
        )
    try:
        yield
    finally:
        lock.unlink(missing_ok=True)


def _stale(lock: Path) -> bool:
    try:
        pid = int(lock.read_text().strip() or "0")
    except (OSError, ValueError):
        return False  # being written right now, or unreadable: not ours to remove
    if pid <= 0 or os.name == "nt":  # on Windows, os.kill(pid, 0) would send Ctrl-C, not ask
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def check_set_folder(folder: Path) -> None:
    """Refuse a folder :func:`write_set` may not replace, before any work is done for it: the
    current folder or one holding it, a file, a folder of other files (OutputError)."""
    try:
        folder = link_target(folder) if folder.is_symlink() else folder
    except OSError as exc:
        raise _failed(folder, exc) from None
    try:
        here: Path | None = Path.cwd().resolve()
    except OSError:  # the current folder was removed: it holds nothing the swap could move
        here = None
    if here is not None and (here == folder.resolve() or folder.resolve() in here.parents):
        # The swap would move the shell's own folder away: its `ls` would show the old set's
        # removed folder, not the new one (and "." itself cannot be renamed).
        raise OutputError(
            folder,
            "it is the current folder or holds it, and a set of outputs replaces its folder as a whole; "
            "give a subfolder, e.g. --out demo",
            "这是当前所在的文件夹（或包含它），而一组输出会整体替换其文件夹；请给出一个子文件夹，如 --out demo",
        )
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir():
            raise OutputError(
                folder, "it is a file; a set of outputs needs a directory", "这是一个文件；一组输出需要一个文件夹"
            )
        _refuse_other_files(folder)


def _refuse_other_files(folder: Path) -> None:
    """Refuse a folder holding anything but a previous set as it was written: a folder of other
    files, or a previous set beside files she added or with files she changed (set_contents)."""
    try:
        other, changed = not_the_set(folder)
    except OSError as exc:
        raise _failed(folder, exc) from None
    if not other and not changed:
        return
    en, zh = [], []
    if other:
        en.append(f"it holds files softenv did not write ({_first(other)})")
        zh.append(f"其中有不是 softenv 写出的文件（{_first(other, '、')}）")
    if changed:
        en.append(f"files softenv wrote were changed since ({_first(changed)})")
        zh.append(f"softenv 写出的文件有改动（{_first(changed, '、')}）")
    raise OutputError(
        folder,
        "; ".join(en) + "; move them out, or give a new or empty folder (only a previous set as it was written "
        "is replaced)",
        "；".join(zh) + "；请把它们移走，或给出一个新的或空的文件夹（只有上次写出、未经改动的一组文件才整体替换）",
    )


def _first(names: list[str], sep: str = ", ") -> str:
    """The first few names, inert, and how many in all (a folder of thousands named in one line):
    in Chinese when ``sep`` is the Chinese list's 、."""
    shown = sep.join(terminal(n) for n in names[:3])
    more = len(names) - 3
    return shown + ("" if more <= 0 else f" 等 {len(names)} 项" if sep == "、" else f" and {more} more")


def write_set(folder: Path, files: Mapping[str, str]) -> None:
    """Publish a set of files as a whole: all of the new set in ``folder``, or the old one.

    The files (relative path → text) and a manifest listing them are written into a
    temporary sibling folder, which is then renamed into place (a previous set is moved aside
    first and removed after). Only a new folder, an empty one or one holding a previous set
    alone, as it was written (its manifest lists each file and its digest: set_contents), is
    replaced: a folder of other files, or a set beside them or with a file changed since, is
    refused, never emptied, and so is a file in the way (a set needs a directory).
    """
    check_set_folder(folder)  # a linked folder whose target's folder is missing too
    folder = folder.resolve() if folder.is_symlink() else folder  # a linked folder: its target is published
    try:
        make_folder(folder)
    except OSError as exc:
        raise _failed(folder, exc) from None
    with _folder_lock(folder):
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=folder.parent))
        except OSError as exc:
            raise _failed(folder, exc) from None
        old: Path | None = None
        try:
            os.chmod(staging, 0o777 & ~umask())
            for name, text in files.items():  # an error names the file asked for, not the staging folder
                write_atomic(staging / name, text, shown=folder / name)
            write_atomic(staging / MANIFEST, manifest_text(files), shown=folder)
            if folder.exists():
                _refuse_other_files(folder)  # again under the lock: a file saved there meanwhile
                old = folder.parent / f".{folder.name}.old-{os.getpid()}"
                os.replace(folder, old)
            os.replace(staging, folder)
        except BaseException as exc:  # a signal between the two renames must not lose both sets
            if old is not None and not folder.exists():
                os.replace(old, folder)  # put the previous set back
                old = None
            if isinstance(exc, OSError):
                raise _failed(folder, exc) from None
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)


def problem_text(problem: str, lang: str = "zh") -> str:
    """One input problem as the CLI prints it: inert, and under ``zh`` in Chinese (the ``$.path`` kept)."""
    from softenv_core.io.workbook_messages import zh_problem  # here: a command without problems needs none (issue 21)

    return terminal(zh_problem(problem) if lang == "zh" else problem)


def error_text(exc: SoftenvError, lang: str = "zh", options: Collection[str] | None = None) -> str:
    """An error as the CLI prints it: record text made inert, one line per input problem.
    ``options`` are the option names (argparse dests: ``as_of``, ``provisional``…) the command
    takes: advice names only those (None: a caller outside the parser, every way out)."""
    if isinstance(exc, InputError):
        head = f"{exc.source}: " if exc.source else ""
        shown = exc.problems[: exc.SHOWN]
        count, hidden = len(exc.problems), len(exc.problems) - exc.SHOWN
        lines = "".join(f"\n  {problem_text(p, lang)}" for p in shown)
        if lang == "zh":
            more = f"\n  … 另有 {hidden} 个问题（softenv validate 列出全部）" if hidden > 0 else ""
            return f"{terminal(head)}输入中有 {count} 个问题：{lines}{more}"
        more = f"\n  … and {hidden} more" if hidden > 0 else ""
        return f"{terminal(head)}{count} problem(s) in the input:{lines}{more}"
    if lang == "zh" and isinstance(exc, CalendarDataMissing):
        return _calendar_missing_zh(exc, options)
    if isinstance(exc, PluginLoadError) and exc.__cause__ is not None:
        return _plugin_load_text(exc, exc.__cause__, lang)
    if lang == "zh" and exc.zh:  # an error that carries its Chinese wording (an output's, the allow list's)
        return terminal(exc.zh)
    if isinstance(exc, PathUnwritable):  # a writer's file, as OutputError says it: not "path: …"
        return terminal(exc.message)
    if isinstance(exc, PluginError) and exc.hook is not None:
        # A county plugin's answer stopped the run: the command that tries each plugin says how
        # to fix it (plugin author p34: assess said what failed, not where to look next).
        see = (
            "；运行 softenv plugins --check 查看各插件的问题和改法"
            if lang == "zh"
            else "; run softenv plugins --check for the fix"
        )
        return terminal(str(exc)) + see
    return terminal(str(exc))


def _plugin_load_text(exc: PluginLoadError, cause: BaseException, lang: str) -> str:
    """Whose distribution failed, then what went wrong inside it as the CLI says any error
    (an input problem a line each, not one line with its newlines escaped)."""
    why = error_text(cause, lang) if isinstance(cause, SoftenvError) else terminal(f"{type(cause).__name__}: {cause}")
    who = f"{terminal(repr(exc.plugin))} ({terminal(exc.distribution)} {terminal(exc.version)})"
    if lang == "zh":
        return (
            f"插件 {who} 无法加载：{why}；请修复或卸载它，或用 {ENV_ALLOW}=a,b 指定要加载的插件"
            f"（{ENV_DISABLE_AUTOLOAD}=1 不加载任何插件）；软件不会只按全市规则考核该县区"
        )
    return f"plugin {who} failed to load: {why}. {LOAD_ADVICE}"


def _calendar_missing_zh(exc: CalendarDataMissing, options: Collection[str] | None) -> str:
    """The clerk's way out when a year's official arrangement is not yet published: the
    options by their flags (docs/calendar.md), today's instant as the example of --as-of, and
    only those the command takes and that can work: `deadline` has no --as-of (one month's
    deadline is the same at any instant), and where the analysis says the year is needed at any
    instant (``exc.any_instant``: a month's report, auditor a64 01; a complaint step's due day,
    needed at every instant after the step opened, a82 01) the command's --as-of is left out the
    same way."""
    if exc.any_instant:
        options = set(options if options is not None else ("as_of", "provisional", "calendar")) - {"as_of"}
    today = datetime.now(BEIJING).strftime("%Y-%m-%dT%H:%M:00+08:00")  # a suggestion only; no result reads the clock
    ways = [
        ("as_of", f"看截至某一时刻的情况：加 --as-of {today}（只计到那时已到期的月份）"),
        ("provisional", "按周末推算：加 --provisional（结果标明“暂定”）"),
        # The file is written from the notice by a command, not by hand (clerk c63 05).
        (
            "calendar",
            f"安排公布后：用 softenv calendar new --year {exc.year} … 按通知写出安排文件，再加 --calendar 文件；"
            "或升级 chinesecalendar（见 docs/office.md 第 6 节、docs/calendar.md）",
        ),
    ]
    lines = [text for dest, text in ways if options is None or dest in options]
    if options is not None and "calendar" not in options:  # upgrading is a way out for every command
        lines.append("安排公布后：升级 chinesecalendar（见 docs/calendar.md）")
    return f"{exc.zh}。可以：" + "".join(f"\n  - {line}" for line in lines)


def write_error_text(exc: OSError, lang: str = "zh") -> str:
    """An output that could not be written: the file asked for (standard output when the
    error names none) and why, one line, in the words of every other write failure (_failed)."""
    where = exc.filename or ("标准输出" if lang == "zh" else "the output")
    failed = _failed(where, exc)
    return failed.zh if lang == "zh" and failed.zh else str(failed)


def silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's final flush does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:  # pragma: no cover - no /dev/null: nothing better to do
        pass


__all__ = [  # Terminated and sigterm_as_interrupt live in cli/signals.py (the entry's); kept here too
    "CLEAN_EXIT_SIGNALS",
    "MANIFEST",
    "STDOUT",
    "OutputError",
    "Terminated",
    "error_text",
    "problem_text",
    "refuse_input",
    "refuse_office_name",
    "refuse_stdout",
    "sigterm_as_interrupt",
    "silence_stdout",
    "write_atomic",
    "write_set",
]
