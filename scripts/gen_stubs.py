"""Check or write the enum classes of bindings/python/midway/_core.pyi from the built module.

Each enum of midway._core is bound from its one C++ table (detail::enum_traits<E>, next to the
enum in its public header; bindings/python/enums.hpp). From the module this script reads each
enum class's members, values and docstring, and its JSON names (the module's private
``_enum_names``), and compares them with the stubs:

- ``class ItemStatus(enum.Enum):`` with its docstring and ``UPCOMING = 0`` ... lines;
- the literal of its accepted names, ``_ItemStatusName: TypeAlias = Literal["upcoming", ...]``,
  where the stubs have one.

    python scripts/gen_stubs.py           # check: print the differences, exit 1 if any
    python scripts/gen_stubs.py --write   # rewrite the enum classes and literals that differ

Only the blocks that differ are rewritten. tests/python/test_enum_tables.py runs the check.
"""

from __future__ import annotations

import argparse
import ast
import enum
import inspect
import sys
from dataclasses import dataclass
from pathlib import Path

STUBS = Path(__file__).resolve().parents[1] / "bindings" / "python" / "midway" / "_core.pyi"

# Literal aliases not named _<Class>Name.
ALIASES = {"ProclamationAction": "_ActionName"}


@dataclass(frozen=True)
class EnumInfo:
    name: str
    doc: str
    members: tuple[tuple[str, int], ...]
    json_names: tuple[str, ...]


def alias_of(name: str) -> str:
    return ALIASES.get(name, f"_{name}Name")


def runtime_enums() -> dict[str, EnumInfo]:
    """Every enum class of midway._core, from the module."""
    import midway._core as core

    names: dict[str, tuple[str, ...]] = dict(getattr(core, "_enum_names"))
    out: dict[str, EnumInfo] = {}
    for attr, cls in sorted(vars(core).items()):
        if isinstance(cls, type) and issubclass(cls, enum.Enum) and attr == cls.__name__:
            members = tuple((m.name, int(m.value)) for m in cls)
            out[attr] = EnumInfo(attr, inspect.getdoc(cls) or "", members, names[attr])
    return out


def render_class(e: EnumInfo) -> str:
    lines = [f"class {e.name}(enum.Enum):", f'    """{e.doc}"""', ""]
    lines += [f"    {n} = {v}" for n, v in e.members]
    return "\n".join(lines) + "\n"


def render_alias(e: EnumInfo) -> str:
    values = ", ".join(f'"{n}"' for n in e.json_names)
    return f"{alias_of(e.name)}: TypeAlias = Literal[{values}]\n"


@dataclass(frozen=True)
class Block:
    first: int  # 0-based line index
    last: int  # exclusive


def stub_blocks(text: str) -> tuple[dict[str, tuple[EnumInfo, Block]], dict[str, tuple[tuple[str, ...], Block]]]:
    """The stubs' enum classes and name literals, as read, with their lines."""
    tree = ast.parse(text)
    classes: dict[str, tuple[EnumInfo, Block]] = {}
    aliases: dict[str, tuple[tuple[str, ...], Block]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "enum.Enum" for b in node.bases):
            members = tuple(
                (s.targets[0].id, int(s.value.value))
                for s in node.body
                if isinstance(s, ast.Assign)
                and isinstance(s.targets[0], ast.Name)
                and isinstance(s.value, ast.Constant)
                and isinstance(s.value.value, int)
            )
            doc = inspect.cleandoc(ast.get_docstring(node, clean=False) or "")
            assert node.end_lineno is not None
            classes[node.name] = (EnumInfo(node.name, doc, members, ()), Block(node.lineno - 1, node.end_lineno))
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(node.value, ast.Subscript)
            and ast.unparse(node.value.value) == "Literal"
        ):
            elts = node.value.slice.elts if isinstance(node.value.slice, ast.Tuple) else [node.value.slice]
            values = tuple(str(x.value) for x in elts if isinstance(x, ast.Constant))
            assert node.end_lineno is not None
            aliases[node.target.id] = (values, Block(node.lineno - 1, node.end_lineno))
    return classes, aliases


def differences(text: str, runtime: dict[str, EnumInfo]) -> tuple[list[str], list[tuple[Block, str]]]:
    """What differs, in words, and the replacements that would fix it."""
    classes, aliases = stub_blocks(text)
    problems: list[str] = []
    fixes: list[tuple[Block, str]] = []
    for name, e in runtime.items():
        if name not in classes:
            problems.append(f"{name}: no enum class in the stubs")
            continue
        stub, block = classes[name]
        if stub.members != e.members:
            problems.append(f"{name}: stubs {list(stub.members)}, module {list(e.members)}")
        if stub.doc != e.doc:
            problems.append(f"{name}: docstring {stub.doc!r} in the stubs, {e.doc!r} in the module")
        if stub.members != e.members or stub.doc != e.doc:
            fixes.append((block, render_class(e)))
        alias = alias_of(name)
        if alias in aliases and aliases[alias][0] != e.json_names:
            problems.append(f"{alias}: stubs {list(aliases[alias][0])}, module {list(e.json_names)}")
            fixes.append((aliases[alias][1], render_alias(e)))
    for name in classes:
        if name not in runtime:
            problems.append(f"{name}: an enum class in the stubs but not in the module")
    return problems, fixes


def apply(text: str, fixes: list[tuple[Block, str]]) -> str:
    lines = text.splitlines(keepends=True)
    for block, new in sorted(fixes, key=lambda f: f[0].first, reverse=True):
        lines[block.first : block.last] = [new]
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="rewrite the enum classes and literals that differ")
    parser.add_argument("--stubs", type=Path, default=STUBS)
    args = parser.parse_args()
    text = args.stubs.read_text(encoding="utf-8")
    problems, fixes = differences(text, runtime_enums())
    for p in problems:
        print(p)
    if args.write and fixes:
        args.stubs.write_text(apply(text, fixes), encoding="utf-8")
        print(f"rewrote {len(fixes)} block(s) of {args.stubs}")
        return 0
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
