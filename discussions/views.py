"""Thin views: resolve the object (404 where the person may not see it), check the
permission (403), call one service, redirect to the post's anchor on the target's page."""

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_ratelimit.core import is_ratelimited

from discussions import permissions, selectors, services
from discussions.forms import EditForm, HideForm, PostForm, ReplyForm, ReportForm
from discussions.models import Post
from lippe_ikz.discussable import target_for_model


def _target(app_label: str, model_name: str, object_id: int):
    try:
        ct = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist as exc:
        raise Http404 from exc
    model = ct.model_class()
    if model is None or target_for_model(model) is None:
        raise Http404
    obj = model._default_manager.filter(pk=object_id).first()
    if obj is None:
        raise Http404
    return obj


def _post(request, pk: int) -> Post:
    try:
        post = selectors.post_for_action(pk)
    except Post.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.can_view_target(request.user, post.target):
        raise Http404  # the thread of an object the person may not see does not exist for them
    post.role_line = selectors.role_line(post.author)
    post.html = selectors.rendered(post) if post.is_visible else ""
    return post


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _rate_limited(request) -> bool:
    return is_ratelimited(
        request,
        group="discussions.post",
        key="user",
        rate=settings.DISCUSSIONS_POST_RATE,
        method="POST",
        increment=True,
    )


def _too_fast(form) -> None:
    form.add_error(
        None,
        _(
            "You have written many posts in a short time. Please wait a few minutes; "
            "your text is still in the form."
        ),
    )


def _publish(request, form, create, *, success):
    """Validate a post/reply form, apply the posting rate limit and call ``create`` with the
    cleaned data. Returns (redirect to the new post, None) on success, else (None, the status
    to show the form again with: 200 unsent, 400 invalid or refused, 429 too fast)."""
    if request.method != "POST" or not form.is_valid():
        return None, 400 if form.errors else 200
    if _rate_limited(request):
        _too_fast(form)
        return None, 429
    try:
        post = create(form.cleaned_data)
    except ValidationError as exc:
        _apply_errors(form, exc)
        return None, 400
    messages.success(request, success)
    return redirect(post.get_absolute_url()), None


def _form_page(request, *, template, status=200, **context):
    return render(request, f"discussions/{template}", context, status=status)


@require_http_methods(["GET", "POST"])
def post_create(request, app_label: str, model_name: str, object_id: int):
    target = _target(app_label, model_name, object_id)
    if not permissions.can_post(request.user, target):
        raise Http404
    form = PostForm(request.POST or None)
    response, status = _publish(
        request,
        form,
        lambda data: services.post_create(
            author=request.user,
            target=target,
            body=data["body"],
            is_question=data["is_question"],
        ),
        success=_("Your post was published."),
    )
    if response is not None:
        return response
    return _form_page(request, template="post_form.html", status=status, form=form,
                      target=target, heading=_("Write a post"),
                      submit_label=_("Publish"))  # fmt: skip


@require_http_methods(["GET", "POST"])
def reply_create(request, pk: int):
    parent = _post(request, pk)
    if parent.parent_id is not None:
        raise Http404
    form = ReplyForm(request.POST or None)
    submitted = request.method == "POST" and form.is_valid()
    response, status = _publish(
        request,
        form,
        lambda data: services.reply_create(author=request.user, parent=parent, body=data["body"]),
        success=_("Your reply was published."),
    )
    if response is not None:
        return response
    if not submitted and not parent.is_visible:
        form.add_error(None, _("This post was removed; it can no longer be answered."))
        status = 400
    return _form_page(request, template="post_form.html", status=status, form=form,
                      target=parent.target, parent=parent, heading=_("Reply"),
                      submit_label=_("Publish reply"))  # fmt: skip


@require_http_methods(["GET", "POST"])
def post_edit(request, pk: int):
    post = _post(request, pk)
    if not permissions.can_edit(request.user, post):
        raise PermissionDenied
    form = EditForm(request.POST or None, initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.post_edit(actor=request.user, post=post, body=form.cleaned_data["body"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Your post was changed."))
            return redirect(post.get_absolute_url())
    return _form_page(request, template="post_form.html", status=400 if form.errors else 200,
                      form=form, target=post.target, heading=_("Edit post"),
                      submit_label=_("Save"))  # fmt: skip


@require_http_methods(["GET", "POST"])
def post_delete(request, pk: int):
    post = _post(request, pk)
    if not permissions.can_delete(request.user, post):
        raise PermissionDenied
    if request.method == "POST":
        services.post_delete(actor=request.user, post=post)
        messages.success(request, _("The post was deleted."))
        return redirect(post.get_absolute_url())
    return _form_page(request, template="post_confirm.html", post=post, target=post.target,
                      heading=_("Delete post"), submit_label=_("Delete"))  # fmt: skip


@require_http_methods(["GET", "POST"])
def post_hide(request, pk: int):
    post = _post(request, pk)
    if not permissions.can_hide(request.user, post):
        raise PermissionDenied
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_hide(actor=request.user, post=post, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("The post is hidden; its author sees your reason."))
            return redirect(post.get_absolute_url())
    return _form_page(request, template="post_confirm.html", status=400 if form.errors else 200,
                      form=form, post=post, target=post.target, heading=_("Hide post"),
                      submit_label=_("Hide"))  # fmt: skip


@require_http_methods(["GET", "POST"])
def post_report(request, pk: int):
    post = _post(request, pk)
    if not permissions.can_report(request.user, post):
        raise PermissionDenied
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.post_report(
                reporter=request.user, post=post, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, _("Thank you. The moderators will look at the post."))
            return redirect(post.get_absolute_url())
    return _form_page(request, template="post_confirm.html", status=400 if form.errors else 200,
                      form=form, post=post, target=post.target, heading=_("Report post"),
                      submit_label=_("Send report"))  # fmt: skip


@require_POST
def answer_mark(request, pk: int):
    reply = _post(request, pk)
    if reply.parent is None or not permissions.can_mark_answer(request.user, reply.parent):
        raise PermissionDenied
    try:
        services.answer_mark(actor=request.user, reply=reply)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The reply is marked as the answer."))
    return redirect(reply.get_absolute_url())


@require_GET
def suggest(request):
    """htmx: people or Kommunen for the @ or ! the person is typing (login required)."""
    trigger, found = selectors.suggestions(text=request.GET.get("body", ""))
    return render(
        request, "discussions/partials/suggestions.html", {"trigger": trigger, "found": found}
    )
