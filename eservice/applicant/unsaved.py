"""A save that did not happen must not lose what the person typed.

- The database is away (eservice.outage): a question page that was sent comes back as it was sent, with a message
  that nothing was saved, status 503. It is built from the instrument and the sent form alone: the database cannot
  tell which questions the page had, so the page sends their ids along (the hidden field `shown`).
- The script in site.js sends a question page with fetch (header X-Save-By-Script), so that a connection cut
  mid-save leaves the person on their page. A save that went through is then answered 204 with the next page's
  address in a header, instead of a redirect the script could not tell from others.
"""

from __future__ import annotations

from flask import Response, g, render_template, request

from ..forms.questions import build_page_form
from ..instrument.path import is_follow_up
from ..outage import OUTAGE_ERRORS, RETRY_AFTER_SECONDS, forget_failed_work, unavailable_page
from . import bp
from .journey import page_part

SCRIPT_SAVE_HEADER = "X-Save-By-Script"
NEXT_PAGE_HEADER = "X-Next-Page"
QUESTION_PAGE = "applicant.question_page"


def mark_saved() -> None:
    """Called by the question page once its save is committed: only such a redirect becomes a 204."""
    g.page_saved = True


@bp.after_request
def _answer_script_saves(response: Response) -> Response:
    if not (g.get("page_saved") and request.headers.get(SCRIPT_SAVE_HEADER) == "1" and response.location):
        return response
    saved = Response(status=204)
    saved.headers[NEXT_PAGE_HEADER] = response.location
    return saved


def _database_away(error: Exception):
    if request.endpoint != QUESTION_PAGE or request.method != "POST":
        return unavailable_page(error)
    forget_failed_work()
    located = page_part((request.view_args or {}).get("page_id", ""))
    if located is None:
        return unavailable_page(error)
    part, section, page = located
    same_page = {q.id for q in page.questions}
    listed = set(request.form.get("shown", "").split())
    shown = [q for q in page.questions if q.id in listed]
    # The page keeps the CSRF token it was sent with: the session (where a new one would go) is not written now.
    # Set before the form is built: the form takes its token then.
    posted_token = request.form.get("csrf_token", "")
    if 0 < len(posted_token) < 200:
        g.csrf_token = posted_token
    typed = build_page_form(shown, formdata=request.form)
    # The options offered follow what was chosen on the page; options that depend on other pages' answers are
    # not known without the database.
    form = build_page_form(shown, formdata=request.form, context={q.id: typed[q.id].data for q in shown})
    html = render_template(
        "applicant/question_page.html",
        section_number=None,
        section_total=None,
        form=form,
        part=part,
        section=section,
        page=page,
        questions=shown,
        version=request.form.get("version", ""),
        conflict=False,
        unsaved=True,
        back_to_check=request.args.get("return") == "check",
        follow_ups={q.id for q in shown if is_follow_up(q, same_page)},
    )
    return Response(html, 503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})


for _error in OUTAGE_ERRORS:
    bp.register_error_handler(_error, _database_away)
