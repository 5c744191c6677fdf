"""The plugin authors' and integrators' commands, as the parser knows them (cli/main.py):
``plugins``, ``plugin new``, ``schema``, ``serve`` and ``keys``, said in both languages too."""

from __future__ import annotations

import argparse
from typing import Any

from softenv_core.cli.arguments import Parser, common_options, examples_arg, year_arg
from softenv_core.cli.parser_commands import add_out, command
from softenv_core.cli.schema_documents import NAMES


def add_plugin_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """plugins and plugin new: the loaded plugins, and a new one's scaffold."""
    p = command(
        sub,
        "plugins",
        "县区插件：已装的插件及其名称、版本、县区、规则 (the loaded plugins: name, version, county, hooks, rules)",
        parents=[common_options()],
    )
    p.add_argument("--year", type=year_arg, default=2025, help="列出哪一年的规则 (the year whose rules to list)")
    p.set_defaults(func="cmd_plugins")
    add_out(p)
    p._option_string_actions["--format"].choices = ("text", "json", "csv")
    p.add_argument(
        "--check",
        action="store_true",
        help="逐个检查插件，有问题时退出码为 1 (try every plugin's hooks and the conformance kit; exit 1 on a fault)",
    )
    p.add_argument(
        "--examples",
        type=examples_arg,
        default=10,  # plugin_check.KIT_EXAMPLES, not imported: the parser loads no library (a test checks)
        metavar="N",
        help="--check 为每个插件生成的数据集个数，默认 10，每个插件约 2 秒 "
        "(generated datasets per plugin, default 10, about 2 s a plugin)",
    )

    p = command(
        sub,
        "plugin",
        "编写插件：softenv plugin new --county CODE --name NAME (write a county plugin)",
    )
    plugin = p.add_subparsers(dest="plugin_command", required=True, parser_class=Parser, title="命令 (commands)")
    k = command(
        plugin,
        "new",
        "生成县区插件的骨架 (scaffold a county plugin distribution; docs/writing-a-county-plugin.md)",
    )
    k.add_argument("--county", required=True, metavar="CODE", help="县区的6位代码 (the county's six-digit code)")
    k.add_argument("--name", required=True, help="插件名，Python 名称 (the plugin's name: softenv_county_NAME)")
    k.add_argument(
        "--county-name",
        metavar="中文名",
        help="县区在文件中的名称，如 青山县，默认 XX县 待填 (the county's name in its documents)",
    )
    k.add_argument("--dir", metavar="DIR", help="要写的文件夹，默认 ./softenv-county-NAME (the folder to write)")
    k.add_argument(
        "--layout",
        choices=("workspace", "standalone"),
        help="默认：--dir 在本仓库的 plugins/ 下时为 workspace，否则为 standalone "
        "(default: workspace when --dir is under this repository's plugins/, standalone elsewhere)",
    )
    k.add_argument(
        "--core", metavar="PATH|URL", help="standalone：softenv-core 的路径或 git 地址 (softenv-core's path or git URL)"
    )
    k.set_defaults(func="cmd_plugin_new")


def add_service_commands(sub: argparse._SubParsersAction[Parser]) -> None:
    """schema, serve and keys: what an integrator calls (said in both languages too: the city's
    IT staff read Chinese first)."""
    p = command(
        sub,
        "schema",
        "数据格式说明：softenv 读写的文件的 JSON Schema "
        "(the JSON Schema, draft 2020-12, of a document softenv reads or writes)",
    )
    p.add_argument(
        "document",
        choices=NAMES,
        metavar="DOCUMENT",
        help="哪种文件 (which document): " + ", ".join(NAMES),
    )
    p.set_defaults(func="cmd_schema")
    add_out(p, "写到这个文件，而不是打印出来 (write the schema here instead of printing it)")

    p = command(
        sub,
        "serve",
        "HTTP 接口服务，需装 [service] 扩展 (the HTTP API; needs the [service] extra; see docs/integration.md)",
    )
    for flag, said, kw in _SERVE_OPTIONS:
        p.add_argument(flag, help=said, **kw)
    p.set_defaults(func="cmd_serve")

    p = command(sub, "keys", "接口调用方的密钥 (manage the callers' keys of softenv serve --keys FILE)")
    keys = p.add_subparsers(dest="keys_command", required=True, parser_class=Parser, title="命令 (commands)")
    k = command(keys, "add", "添加调用方的密钥并显示一次（只保存其散列） (add a caller's key and print it, once)")
    k.add_argument("--keys", metavar="FILE", required=True, help="密钥文件 (the keys file)")
    k.add_argument("id", help="调用方编号，写入访问日志 (the caller's id, in the access log: a-z, 0-9, _ and -)")
    k.add_argument("--audience", action="append", required=True, metavar="WHO", help="阅读范围 (city, county:CODE, …)")
    k.add_argument("--note", help="调用方是谁 (who the caller is)")
    k.set_defaults(func="cmd_keys_add")
    k = command(
        keys,
        "revoke",
        "删除调用方的密钥；运行中的服务重启后生效 (remove a caller's key; a running service reads the file at start)",
    )
    k.add_argument("--keys", metavar="FILE", required=True, help="密钥文件 (the keys file)")
    k.add_argument("id", help="调用方编号 (the caller's id)")
    k.set_defaults(func="cmd_keys_revoke")


#: softenv serve's options: (flag, help, argparse keywords), a table to keep the function short.
_SERVE_OPTIONS: tuple[tuple[str, str, dict[str, Any]], ...] = (
    (
        "--host",
        "监听地址，默认 127.0.0.1；其他地址要有 --keys (address to bind; others need --keys)",
        {"default": "127.0.0.1"},
    ),
    ("--port", "端口，默认 8000 (port, default 8000)", {"type": int, "default": 8000}),
    (
        "--keys",
        "调用方密钥文件；没有时只提供全市视图 (callers' keys; without it only the city's view)",
        {"metavar": "FILE"},
    ),
    (
        "--max-body-mb",
        "请求体的上限（MB），默认 50 (largest request body accepted, default 50)",
        {"type": float, "default": 50.0},
    ),
    (
        "--max-in-flight",
        "同时处理的请求数，超过返回 503 (requests answered at once; past it 503)",
        {"type": int, "default": 4},
    ),
    (
        "--body-timeout",
        "请求体到达的时限（秒），超过返回 408，默认 30 (seconds a body may take; past it 408)",
        {"type": float},
    ),
    (
        "--max-connections",
        "每个进程保持的连接数，超过返回 503，默认 256 (connections a worker keeps open)",
        {"type": int},
    ),
    (
        "--workers",
        "工作进程数，每核一个吞吐最大 (worker processes, one per core for throughput)",
        {"type": int, "default": 1},
    ),
    (
        "--analyses-at-once",
        "每个进程同时运行的分析数，默认 1 (analyses a worker runs at once, default 1)",
        {"type": int, "default": 1},
    ),
    ("--calendar", "节假日调休安排文件 (official arrangements for years chinesecalendar lacks)", {"metavar": "FILE"}),
    (
        "--provisional",
        "未收录的年份只按周末计算工作日 (allow a weekends-only calendar for unknown years)",
        {"action": "store_true"},
    ),
)


__all__ = ["add_plugin_commands", "add_service_commands"]
