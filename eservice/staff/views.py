"""Staff sign-in, sign-out, "no access", and the start page the caseworker side grows from."""

from __future__ import annotations

import logging

from flask import current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from ..cases import commands
from ..config import parse_mapping, staff_units
from ..db import db_session
from ..security import STAFF_SIGN_IN, access
from ..signin import oidc
from . import bp, demo_bp
from .current import current_member, sign_in, sign_out
from .roles import StaffMember, member_from_claims

log = logging.getLogger(__name__)
NEXT_KEY = "staff_next"
PROVIDER_SIGN_OUT_KEY = "staff_provider_sign_out"


def _safe_next(target: str | None) -> str | None:
    """Only a path on the staff side: never another site (an open redirect)."""
    if target and target.startswith("/staff/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


def units() -> dict[str, str]:
    return staff_units(current_app.config)


@bp.get("/sign-in", endpoint="sign_in")
@access(STAFF_SIGN_IN)
def sign_in_page() -> str:
    if _safe_next(request.args.get("next")):
        session[NEXT_KEY] = request.args["next"]
    return render_template(
        "staff/sign_in.html",
        provider=oidc.settings_of("staff") is not None,
        demo=current_app.config["STAFF_DEMO_SIGN_IN"],
        failed=request.args.get("failed"),
    )


# A link, not a form: the policy's form-action 'self' would stop a form's redirect to the provider.
@bp.get("/sign-in/start")
@access(STAFF_SIGN_IN)
def start_sign_in() -> Response:
    settings = oidc.settings_of("staff")
    if settings is None:
        return redirect(url_for("staff.sign_in"))
    try:
        return oidc.begin(settings, url_for("staff.callback", _external=True))
    except oidc.SignInFailed as failure:
        log.warning("staff sign-in could not start: %s", failure.reason)
        return redirect(url_for("staff.sign_in", failed="unavailable"))


@bp.get("/callback")
@access(STAFF_SIGN_IN)
def callback() -> Response | tuple[str, int]:
    settings = oidc.settings_of("staff")
    if settings is None:
        return redirect(url_for("staff.sign_in"))
    try:
        signed_in = oidc.finish(settings)
    except oidc.SignInFailed as failure:
        log.warning("staff sign-in failed: %s", failure.reason)
        return redirect(url_for("staff.sign_in", failed="failed"))
    config = current_app.config
    member = member_from_claims(
        signed_in.claims,
        issuer=signed_in.issuer,
        roles_claim=settings.claim("roles"),
        unit_claim=settings.claim("unit"),
        role_map=parse_mapping(config["STAFF_ROLE_MAP"]),
        local_subjects=parse_mapping(config["STAFF_SUBJECTS"]),
        units=units(),
    )
    target = _safe_next(session.get(NEXT_KEY))
    if member is None:
        sign_out()
        log.info("staff sign-in without a role here")
        return render_template("staff/no_access.html", member=None), 403
    sign_in(member, signed_in.id_token)
    commands.remember_staff(db_session(), member)
    log.info("staff signed in, role %s", member.role)
    return redirect(target or url_for("staff.home"))


@bp.post("/sign-out")
@access(STAFF_SIGN_IN)
def sign_out_view() -> Response:
    member = current_member()
    id_token = sign_out()
    settings = oidc.settings_of("staff")
    if settings is not None and id_token and member is not None and member.via == "oidc":
        # The policy's form-action 'self' stops a form's redirect to another site: the signed-out page offers the
        # provider's sign-out as a link instead.
        after = url_for("staff.signed_out", _external=True)
        provider_sign_out = oidc.end_session_url(settings, id_token, after)
        if provider_sign_out:
            session[PROVIDER_SIGN_OUT_KEY] = provider_sign_out
    return redirect(url_for("staff.signed_out"))


@bp.get("/signed-out")
@access(STAFF_SIGN_IN)
def signed_out() -> str:
    return render_template("staff/signed_out.html", provider_sign_out=session.pop(PROVIDER_SIGN_OUT_KEY, None))


# Development only: registered by init_app when STAFF_DEMO_SIGN_IN is on, which no production setting turns on.
DEMO_PEOPLE = {
    "caseworker": StaffMember("demo-caseworker", "demo", "Demo Handläggare", "caseworker", "", "demo"),
    "team_lead": StaffMember("demo-team-lead", "demo", "Demo Gruppledare", "team_lead", "", "demo"),
    "administrator": StaffMember("demo-administrator", "demo", "Demo Administratör", "administrator", "", "demo"),
}


@demo_bp.post("/demo-sign-in")
@access(STAFF_SIGN_IN)
def demo_sign_in() -> Response:
    person = DEMO_PEOPLE.get(request.form.get("role", ""))
    if person is None:
        return redirect(url_for("staff.sign_in"))
    first_unit = next(iter(units()), "")
    member = StaffMember(**{**person.as_session(), "unit": first_unit})
    sign_in(member)
    commands.remember_staff(db_session(), member)
    return redirect(url_for("staff.home"))
