"""Pages of the published table (パブリックコメントの結果): the table itself (everyone once published, the
organisers while it is a draft), its CSV and print view, and the organisers' editor, item pages, import and
log. The writes are in tables.py."""

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from yukemuri.core.permissions import allowed, require
from yukemuri.core.text import id_from
from yukemuri.core.views_helpers import attempt, submit_form

from . import table_csv, tables
from .forms import ItemForm, TableImportForm
from .models import Conversation, Opinion, ResultItem


def _number(value) -> int:
    """A posted id, or 0 (found nowhere: a 404) when it is not a number."""
    return id_from(value) or 0


def _staff(request, conversation) -> bool:
    return allowed(request.user, "listening.moderate_conversation", conversation)


def _visible(request, pk):
    """The conversation and its table, if this reader may see it (a draft: the organisers only)."""
    conversation = get_object_or_404(Conversation, pk=pk)
    table = tables.table_of(conversation)
    staff = _staff(request, conversation)
    if table is None or not (table.published or staff):
        raise Http404
    return conversation, table, staff


def result_table(request, pk, printing=False):
    conversation, table, staff = _visible(request, pk)
    items = list(tables.items_of(table))
    return render(request, "listening/table.html", {
        "conversation": conversation, "table": table, "items": items, "may_edit": staff, "printing": printing,
        "total": sum(item.count for item in items)})


def result_table_print(request, pk):
    return result_table(request, pk, printing=True)


def result_table_csv(request, pk):
    conversation, table, _may_edit = _visible(request, pk)
    out = io.StringIO()
    table_csv.write(table, out)
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")  # BOM: Excel reads UTF-8
    response["Content-Disposition"] = f'attachment; filename="comments-and-answers-{conversation.pk}.csv"'
    return response


@login_required
def result_table_edit(request, pk):
    conversation = get_object_or_404(Conversation, pk=pk)
    require(request.user, tables.EDIT, conversation, tables.REFUSED)
    table = tables.table_of(conversation)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "draft":
            attempt(request, lambda: tables.draft_request(conversation=conversation, by=request.user),
                    _("The table is being drafted from the topics; this takes a few moments."))
        elif table is None:
            raise Http404
        elif action == "redraft":
            if tables.draft_retry(table=table, by=request.user):
                messages.success(request, _("Drafting is asked for again."))
        elif table.drafting:
            messages.error(request, _("The table is still being drafted."))
        elif action == "save":
            item = get_object_or_404(ResultItem, pk=_number(request.POST.get("item")), table=table)
            form = ItemForm(request.POST)
            if form.is_valid():
                tables.item_edit(item=item, by=request.user, **form.cleaned_data)
                messages.success(request, _("Item %(number)s is saved.") % {"number": request.POST.get("number", "")})
            else:
                messages.error(request, _("Keep the summary and the answer to 4,000 characters each."))
            return redirect(f"{request.path}#item-{item.pk}")
        elif action == "add":
            item = tables.item_add(table=table, by=request.user)
            messages.success(request, _("An empty item is added at the end."))
            return redirect(f"{request.path}#item-{item.pk}")
        elif action in ("publish", "unpublish"):
            attempt(request, lambda: tables.publish(table=table, by=request.user, published=action == "publish"),
                    _("The table is published.") if action == "publish" else _("The table is a draft again."))
        return redirect("result_table_edit", pk=conversation.pk)
    items = list(tables.items_of(table)) if table else []
    return render(request, "listening/table_edit.html", {
        "conversation": conversation, "table": table,
        "items": [(item, ItemForm(initial={"summary": item.summary, "answer": item.answer}, prefix=f"i{item.pk}"))
                  for item in items],
        "unplaced": tables.unplaced(conversation).count() if table else 0,
        "stuck": tables.draft_stuck(table) if table else False,
        "accepted": conversation.opinions.filter(accepted=True).count()})


def _item_choices(table):
    return list(tables.items_of(table))


@login_required
def result_item(request, pk, item_pk):
    """One item's comments, each movable to another item; merge or delete the item. item_pk 0: the
    comments in no item."""
    conversation = get_object_or_404(Conversation, pk=pk)
    require(request.user, tables.EDIT, conversation, tables.REFUSED)
    table = tables.table_of(conversation)
    if table is None:
        raise Http404
    item = get_object_or_404(ResultItem, pk=item_pk, table=table) if item_pk else None
    if request.method == "POST":
        return _item_post(request, conversation, table, item)
    opinions = item.opinions.order_by("id") if item else tables.unplaced(conversation)
    return render(request, "listening/table_item.html", {
        "conversation": conversation, "table": table, "item": item, "opinions": opinions,
        "items": _item_choices(table)})


def _target(request, table, name):
    value = request.POST.get(name, "")
    if value == "none":
        return None
    number = id_from(value)
    if number is None:
        raise ValidationError(_("Choose an item of this table."))
    found = ResultItem.objects.filter(pk=number, table=table).first()
    if found is None:
        raise ValidationError(_("Choose an item of this table."))
    return found


def _item_post(request, conversation, table, item):
    action = request.POST.get("action", "")
    here = redirect("result_item", pk=conversation.pk, item_pk=item.pk if item else 0)
    if action == "move":
        opinion = get_object_or_404(Opinion, pk=_number(request.POST.get("opinion")), conversation=conversation,
                                    item=item)
        attempt(request, lambda: tables.comment_move(opinion=opinion, to=_target(request, table, "to"),
                                                     by=request.user),
                _("Comment %(id)s is moved.") % {"id": opinion.pk})
        return here
    if item is None:
        return here
    if action == "merge":
        if attempt(request, lambda: tables.items_merge(item=item, into=_target(request, table, "into"),
                                                       by=request.user),
                   _("The items are merged.")):
            return redirect("result_table_edit", pk=conversation.pk)
        return here
    if action == "delete":
        attempt(request, lambda: tables.item_delete(item=item, by=request.user),
                lambda left: _("The item is deleted; its %(count)s comments are in no item now.") % {"count": left})
        return redirect("result_table_edit", pk=conversation.pk)
    return here


@login_required
def result_table_import(request, pk):
    conversation = get_object_or_404(Conversation, pk=pk)
    require(request.user, tables.EDIT, conversation, tables.REFUSED)
    table = tables.table_of(conversation)
    if table is None:
        raise Http404
    form = TableImportForm(request.POST or None, request.FILES or None)
    return submit_form(request, form, lambda file: table_csv.import_table(table=table, by=request.user, upload=file),
                       success=lambda count: _("%(count)s items imported.") % {"count": count},
                       to=lambda _count: redirect("result_table_edit", pk=conversation.pk),
                       page=lambda: render(request, "listening/table_import.html",
                                           {"conversation": conversation, "form": form}))


@login_required
def result_table_log(request, pk):
    conversation = get_object_or_404(Conversation, pk=pk)
    require(request.user, tables.EDIT, conversation, tables.REFUSED)
    table = tables.table_of(conversation)
    if table is None:
        raise Http404
    return render(request, "listening/table_log.html", {
        "conversation": conversation, "table": table, "actions": tables.log_of(table)})
