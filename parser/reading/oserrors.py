"""Why the operating system refused to open or list a path, in the current language."""

from __future__ import annotations

import errno

from nianbao.parser.i18n import N_, _, language

# The operating system's reasons a person meets, in our words (and so in Chinese).
_OS_REASONS: dict[int, str] = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("is a folder"),
    errno.ENOTDIR: N_("a part of the path is not a folder"),
    errno.ELOOP: N_("too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EIO: N_("an input/output error"),
    errno.EMFILE: N_("too many open files"),
    errno.ENXIO: N_("no such device"),
}


def os_reason(error: OSError) -> str:
    """Why the operating system refused, in the current language."""
    known = _OS_REASONS.get(error.errno or -1)
    if known is not None:
        return _(known)
    if language() == "en" or error.errno is None:
        return error.strerror or str(error)
    # The system's own words are English: Chinese says which error it was.
    return _("system error {errno}").format(errno=error.errno)
