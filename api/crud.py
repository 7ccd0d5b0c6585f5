"""The endpoints of one kind of owned object, made the same way for every kind.

Every object is fetched through its owned queryset (`for_owner`), so another user's id is a
404. Reads carry an ETag (a hash of the JSON the client gets); a write with `If-Match` that no
longer matches is refused with 412, so two devices editing at once do not overwrite each
other unnoticed. Writes go through the app's own form (forms_bridge.py).
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from . import forms_bridge
from .forms_bridge import BIGINT, Id
from .idempotency import idempotent
from .schemas import ERROR_RESPONSES, PageParams, page_of

# OpenAPI descriptions of the headers every write understands.
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag of the object as last read; 412 if it has changed since.",
}
IDEMPOTENCY_KEY = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 255},
    "description": "Any unique string; a retry with the same key within 24 hours gets the "
    "first answer instead of creating a second object.",
}


def json_response(data: Any, status: int = 200, etag: str | None = None) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    response = HttpResponse(body, status=status, content_type="application/json")
    if etag:
        response["ETag"] = etag
    return response


def etag_of(data: Any) -> str:
    body = json.dumps(data, cls=DjangoJSONEncoder, sort_keys=True)
    return '"' + hashlib.sha256(body.encode()).hexdigest()[:32] + '"'


def check_if_match(request: HttpRequest, data: Any) -> None:
    """412 unless If-Match (when sent) names the current representation."""
    header = request.headers.get("If-Match")
    if header is None:
        return
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    if "*" not in tags and etag_of(data) not in tags:
        raise HttpError(412, _("The object has changed since you read it."))


def validation_error(field_errors: dict) -> HttpResponse:
    return json_response(
        {"detail": _("Please correct the errors."), "errors": field_errors}, status=422
    )


@dataclass
class Parent:
    """The object a new one belongs to, named in the body (e.g. a follow-up's contact)."""

    name: str
    queryset: Callable[[Any], models.QuerySet]
    required: bool = True


@dataclass
class Resource:
    path: str
    tag: str
    out: type[Schema]
    queryset: Callable[[Any], models.QuerySet]
    form: type[forms.BaseForm] | None = None
    edit_form: type[forms.BaseForm] | None = None
    # The form's keyword arguments besides data and instance: (user, parent) -> kwargs.
    form_kwargs: Callable[[Any, Any], dict] = lambda user, parent: {"owner": user}
    parent: Parent | None = None
    deletable: bool = True
    listed: bool = True
    extra_input: dict = field(default_factory=dict)

    def kwargs_for(self, form_class, user, parent) -> dict:
        # An edit form of its own takes no owner: its object has one.
        if form_class is self.edit_form:
            return {}
        return self.form_kwargs(user, parent)

    def out_data(self, obj) -> dict:
        return self.out.from_orm(obj).model_dump(mode="json")

    def get(self, user, pk: int):
        if not 1 <= pk <= BIGINT:
            raise Http404
        try:
            return self.queryset(user).get(pk=pk)
        except self.queryset(user).model.DoesNotExist:
            raise Http404 from None


def signed_cursor(values: list, key: str | None = None) -> str:
    return signing.dumps(values, key=key, salt="api.cursor", compress=True)


def read_cursor(cursor: str | None) -> list | None:
    """The values of a cursor this server signed; a forged or broken one is a 422."""
    if not cursor:
        return None
    try:
        return signing.loads(cursor, salt="api.cursor")
    except signing.BadSignature:
        raise HttpError(422, _("That cursor is not valid.")) from None


def register(router: Router, resource: Resource) -> None:
    """List, read, create, replace, change and delete endpoints for the resource."""
    path, name = resource.path, resource.path.replace("-", "_")
    item = f"/{path}/{{int:id}}"
    tags = [resource.tag]

    if resource.listed:
        page_schema = page_of(resource.out)

        @router.get(
            f"/{path}/",
            response={200: page_schema, **ERROR_RESPONSES},
            tags=tags,
            operation_id=f"list_{name}",
            url_name=f"{name}_list",
        )
        def list_objects(request, params: Query[PageParams]):
            qs = resource.queryset(request.user).order_by("-id")
            after = read_cursor(params.cursor)
            if after is not None:
                if not (isinstance(after, list) and len(after) == 1 and isinstance(after[0], int)):
                    raise HttpError(422, _("That cursor is not valid."))
                qs = qs.filter(id__lt=after[0])
            rows = list(qs[: params.limit + 1])
            more = len(rows) > params.limit
            rows = rows[: params.limit]
            return json_response(
                {
                    "items": [resource.out_data(row) for row in rows],
                    "next_cursor": signed_cursor([rows[-1].pk]) if more else None,
                }
            )

    @router.get(
        item,
        response={200: resource.out, **ERROR_RESPONSES},
        tags=tags,
        operation_id=f"get_{name}",
        url_name=name,
    )
    def get_object(request, id: int):
        data = resource.out_data(resource.get(request.user, id))
        return json_response(data, etag=etag_of(data))

    if resource.form is None:
        return

    create_form = resource.form(**resource.form_kwargs(None, None))
    schema_fields = dict(resource.extra_input)
    if resource.parent:
        schema_fields[resource.parent.name] = Id
    create_in = forms_bridge.input_schema(
        f"{resource.out.__name__}Create", create_form, schema_fields
    )
    edit_class = resource.edit_form or resource.form
    edit_form = edit_class(**resource.kwargs_for(edit_class, None, None))
    edit_in = forms_bridge.input_schema(
        f"{resource.out.__name__}Change", edit_form, dict(resource.extra_input)
    )

    def save(request, form_class, obj, changes: dict, parent, partial: bool) -> HttpResponse:
        kwargs = resource.kwargs_for(form_class, request.user, parent)
        shown = form_class(instance=obj if partial else None, **kwargs)
        data = forms_bridge.form_data(shown, changes)
        form = form_class(data, instance=obj, **kwargs)
        if not form.is_valid():
            return validation_error(forms_bridge.errors(form))
        with transaction.atomic():
            saved = form.save()
        fresh = resource.get(request.user, saved.pk)
        out = resource.out_data(fresh)
        return json_response(out, status=200 if obj else 201, etag=etag_of(out))

    @router.post(
        f"/{path}/",
        response={201: resource.out, **ERROR_RESPONSES},
        operation_id=f"create_{name}",
        url_name=f"{name}_list",
        tags=tags,
        openapi_extra={"parameters": [IDEMPOTENCY_KEY]},
    )
    @idempotent
    def create_object(request, payload: create_in):
        changes = payload.dict(exclude_unset=True)
        parent = None
        if resource.parent:
            parent_id = changes.pop(resource.parent.name, None)
            if parent_id is not None:
                parent = resource.parent.queryset(request.user).filter(pk=parent_id).first()
            if parent is None and (parent_id is not None or resource.parent.required):
                message = _("Choose one of yours.") if parent_id else _("This field is required.")
                return validation_error(
                    {resource.parent.name: [{"message": message, "code": "invalid_choice"}]}
                )
        return save(request, resource.form, None, changes, parent, partial=False)

    def change(request, id: int, payload, partial: bool) -> HttpResponse:
        obj = resource.get(request.user, id)
        check_if_match(request, resource.out_data(obj))
        parent = getattr(obj, resource.parent.name) if resource.parent else None
        # PUT starts from a new object's defaults, PATCH from the object as it is.
        changes = payload.dict(exclude_unset=True)
        return save(request, edit_class, obj, changes, parent, partial=partial)

    write_responses = {200: resource.out, **ERROR_RESPONSES}
    extra = {"parameters": [IF_MATCH]}

    @router.put(
        item,
        response=write_responses,
        tags=tags,
        openapi_extra=extra,
        operation_id=f"replace_{name}",
        url_name=name,
    )
    def replace_object(request, id: int, payload: edit_in):
        return change(request, id, payload, partial=False)

    @router.patch(
        item,
        response=write_responses,
        tags=tags,
        openapi_extra=extra,
        operation_id=f"update_{name}",
        url_name=name,
    )
    def update_object(request, id: int, payload: edit_in):
        return change(request, id, payload, partial=True)

    if resource.deletable:

        @router.delete(
            item,
            response={204: None, **ERROR_RESPONSES},
            tags=tags,
            openapi_extra=extra,
            operation_id=f"delete_{name}",
            url_name=name,
        )
        def delete_object(request, id: int):
            obj = resource.get(request.user, id)
            check_if_match(request, resource.out_data(obj))
            with transaction.atomic():
                obj.delete()
            return HttpResponse(status=204)
