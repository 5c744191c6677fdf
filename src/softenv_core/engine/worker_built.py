"""What a plugin manager says when a platform pickles or deep-copies it (docs/integration.md,
"Concurrency"): it holds the plugins' modules, which do not pickle, so it is built in the
worker. Kept apart from engine/manager.py (near its 500 lines)."""

from __future__ import annotations

from typing import NoReturn, Self

from softenv_core.errors import FieldInvalid

#: The refusal's text: what to do instead, as docs/integration.md says it.
NOT_PICKLED = (
    "a plugin manager does not pickle or deepcopy (it holds the plugins' modules): build it in the worker, "
    "se.get_plugin_manager() there (an analysis given none applies the city baseline alone), "
    "as the service builds one per request (docs/integration.md, Concurrency)"
)
NOT_PICKLED_ZH = (
    "插件管理器不能序列化（pickle）或深复制（deepcopy，其中有插件的模块）：请在工作进程中构建，即在那里调用 "
    "se.get_plugin_manager()（分析不传插件管理器时只按市级基线），如服务对每个请求各建一个"
)


class BuiltInTheWorker:
    """A mixin for the plugin manager: pickle and ``copy.deepcopy`` (a process pool, a task
    queue) raise a FieldInvalid naming ``plugin_manager`` (still a TypeError, as pickle's own
    refusal) that says what to do, instead of pickle's ``TypeError: cannot pickle 'module'
    object`` (integrator i42). ``copy.copy`` shares the modules and copies as it did."""

    def __copy__(self) -> Self:
        # What copy.copy did before __reduce_ex__ refused: a new object with the same attributes.
        clone = type(self).__new__(type(self))
        vars(clone).update(vars(self))
        return clone

    def __reduce_ex__(self, protocol: object) -> NoReturn:
        raise FieldInvalid("plugin_manager", NOT_PICKLED, zh=f"plugin_manager：{NOT_PICKLED_ZH}")


__all__ = ["NOT_PICKLED", "BuiltInTheWorker"]
