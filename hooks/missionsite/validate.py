"""One adapter from pydantic's validation errors to problems a person can fix: each error's location
becomes the field's line in the file and its name (`milestones[1].date`), and its type what was
expected and what was found, said once per field.
"""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from .load import Document
from .problems import Path, Problem, shorten

M = TypeVar("M")


def one(model: type[M], doc: Document, context: dict[str, Any], problems: list[Problem], what: str = "") -> M | None:
    """`doc`'s data as `model` (a Record, or a tuple of them for a file that is a list), or None after
    adding a problem for each mistake."""
    adapter: TypeAdapter[M] = TypeAdapter(model)
    try:
        return adapter.validate_python(doc.data, context=context)
    except ValidationError as err:
        problems.extend(_problems(err, model, doc, what))
        return None


def _problems(err: ValidationError, model: Any, doc: Document, what: str) -> list[Problem]:
    errors = err.errors(include_url=False)
    found: dict[Path, Problem] = {}
    for error in errors:
        path: Path = tuple(error["loc"])
        # A list whose items are wrong is also too short once they are left out: said once, for the items.
        if error["type"] == "too_short" and any(
            tuple(e["loc"])[: len(path)] == path and e is not error for e in errors
        ):
            continue
        if path not in found:  # one problem per field: the first thing wrong with it
            found[path] = doc.problem(path, _message(error, model, path, what))
    return list(found.values())


def _message(error: Any, model: Any, path: Path, what: str) -> str:
    kind, value = error["type"], error.get("input")
    owner, field = _field_at(model, path)
    expected = _expected(field)
    if kind == "wrong_value":
        return error["ctx"]["message"]
    if kind == "missing":
        return f"required field missing; expected {expected}"
    if kind == "extra_forbidden":
        known = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(path[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return f"unknown field; {hint}expected one of {', '.join(known)}"
    if kind in ("model_type", "model_attributes_type", "dataclass_type"):
        record = _record_at(model, path) or owner
        name = getattr(record, "what", None) or what or "a record"
        if name.startswith("name: and url:"):
            return f"expected {name}; got {shorten(value)}"
        return f"expected {name} (a mapping of field: value); got {shorten(value)}"
    if kind in ("tuple_type", "list_type", "dict_type", "too_short", "iterable_type", "mapping_type"):
        return f"expected {expected if field else what or 'a list'}; got {shorten(value)}"
    if kind == "string_type":
        return f"expected text; got {type(value).__name__} {shorten(value)}"
    return f"{error['msg'].lower()}; got {shorten(value)}"


def _expected(field: FieldInfo | None) -> str:
    """What a field takes, with an article: 'text', 'a list of milestones', 'a date'."""
    described = field.description if field and field.description else "a value"
    if described.split(" ", 1)[0] in (
        "list",
        "map",
        "mapping",
        "date",
        "day",
        "number",
        "whole",
        "status",
        "country",
        "destination",
        "milestone",
        "landing",
        "source",
    ):
        return f"a {described}"
    if described in ("id", "http(s) URL"):
        return f"an {described}"
    return described


def _field_at(model: Any, path: Path) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model that owns the last field of `path`, and that field."""
    current: Any = model
    owner: type[BaseModel] | None = None
    field: FieldInfo | None = None
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else Any
            field = None if isinstance(current, type) and issubclass(current, BaseModel) else field
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            owner = current
            field = current.model_fields.get(part)
            current = field.annotation if field else Any
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return owner, field
    return owner, field


def _record_at(model: Any, path: Path) -> type[BaseModel] | None:
    """The record expected at `path` itself, for a value that is not a mapping."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else Any
        elif isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else Any
        else:
            return None
    current = _unwrap(current)
    if get_origin(current) in (tuple, list):
        current = _unwrap(get_args(current)[0])
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any) -> Any:
    """X from Annotated[X, ...] and from X | None."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [a for a in get_args(annotation) if a is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation
