"""A WTForms form for one page of questions, built from the definition.

Validation lives here once for every question type: required answers, option codes, number ranges and text length.
Free text is kept as typed (normalised, without control characters), with the language it was written in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet
from typing import Any

from flask_babel import gettext as _
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import Field, IntegerField, RadioField, SelectMultipleField, StringField, TextAreaField

# SelectChoice is new in WTForms 3.3; its stubs lag behind.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import Length, NumberRange, StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget, TextInput

from ..i18n import translated
from ..instrument.path import visible_options
from ..instrument.schema import CONTACT_TYPES, FREE_TEXT_TYPES, Option, QType, Question
from .contact import NotValid, Refusal, format_personal_number, parse_email, parse_personal_number, parse_phone


class OneChoiceField(RadioField):
    """Radio buttons whose "nothing chosen" is the required rule's to report ("Välj ett svar."), not the
    library's "not a valid choice"."""

    def pre_validate(self, form: Any) -> None:
        if self.data not in (None, ""):
            super().pre_validate(form)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


# Zero-width characters people paste by accident; alone they are not an answer.
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


# Minus signs people type: the hyphen, the Unicode minus and the dashes phones put in.
MINUS = dict.fromkeys(map(ord, "\u2212\u2012\u2013\u2014\ufe63\uff0d"), "-")
# A decimal part after a comma or a point: "1 500,50", "99.5". Kronor are whole: it is rounded.
DECIMAL = re.compile(r"^(-?\d+)[,.](\d{1,2})$")


def _strip_number(value: Any) -> Any:
    # People write "12 000", "12\u202f000" (a narrow no-break space, as phones and word processors do) or "12000 kr":
    # any Unicode space is a thousands separator; keep digits and a leading minus, reject the rest in validation.
    if isinstance(value, str):
        cleaned = "".join(ch for ch in value.translate(INVISIBLE).translate(MINUS) if not ch.isspace())
        return cleaned.lower().removesuffix("kr").removesuffix(":-")
    return value


def _whole_kronor(raw: str) -> int:
    """ "1500" -> 1500; "1500,50" -> 1501 (half a krona and more rounds up, as on a receipt); "-20,4" -> -20."""
    found = DECIMAL.match(raw)
    if found is None:
        if not raw.lstrip("-").isdigit():
            raise ValueError
        return int(raw)
    whole, fraction = found.groups()
    if not whole.lstrip("-").isdigit() or not fraction.isdigit():
        raise ValueError
    size = int(whole.lstrip("-")) + (1 if int(fraction.ljust(2, "0")) >= 50 else 0)
    return -size if whole.startswith("-") else size


def clean_text(value: Any) -> Any:
    """Keep free text exactly as typed: Unicode NFC, trimmed, without control characters other than newlines (and
    tabs). Nothing that looks like markup is removed or changed: every output (Jinja, PDF, JSON) escapes it. bleach
    is kept for places where some markup is allowed, such as caseworkers' notes, not for what applicants write.
    Whitespace alone, zero-width characters included, is no answer."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    text = text.strip()
    if not text.translate(INVISIBLE).strip():
        return ""
    return text


class LenientInteger(IntegerField):
    """An IntegerField that accepts spaces as thousands separators and explains errors in plain words.

    A text input with a numeric keyboard, not type=number: browsers drop what type=number cannot parse, and the
    person must see what they typed next to the error message.
    """

    widget = TextInput()

    def process_formdata(self, valuelist):
        if valuelist:
            raw = _strip_number(valuelist[0])
            if raw == "":
                self.data = None
                return
            try:
                if len(raw) > 12:
                    raise ValueError
                # int() reads Arabic-Indic and Persian digits; "²" and "--5" pass isdigit() but int() refuses them.
                self.data = _whole_kronor(raw)
            except ValueError:
                self.data = None
                raise ValueError(_("Skriv bara siffror.")) from None


class ContactField(StringField):
    """A personnummer, a phone number or an e-mail address: checked, and kept as `data` in its stored form.

    What was typed stays in the box next to a message, so that the person can see what to change.
    """

    def __init__(self, label: str, question: Question, **kwargs: Any):
        super().__init__(label, **kwargs)
        self.question = question

    def process_formdata(self, valuelist):
        typed = clean_text(valuelist[0]) if valuelist else ""
        if not typed:
            self.data = None
            return
        try:
            self.data = _parse(self.question.type, typed)
        except NotValid as refusal:
            self.data = None
            raise ValueError(_contact_message(self.question.type, refusal.refusal)) from None

    def _value(self) -> str:
        if self.raw_data:  # as typed, also after an error
            return str(self.raw_data[0])
        if self.data and self.question.type is QType.PERSONAL_NUMBER:
            return format_personal_number(self.data)
        return str(self.data or "")


def _parse(kind: QType, raw: str) -> str:
    if kind is QType.PERSONAL_NUMBER:
        return parse_personal_number(raw)
    if kind is QType.PHONE:
        return parse_phone(raw)
    return parse_email(raw)


def _contact_message(kind: QType, refusal: Refusal) -> str:
    # Each message says what to do, with an example, as GOV.UK's error messages do.
    if kind is QType.PERSONAL_NUMBER:
        if refusal is Refusal.CHECK:
            return _("Kontrollera personnumret. Det stämmer inte.")
        return _("Skriv ditt personnummer med 12 siffror, till exempel 19850101-1234.")
    if kind is QType.PHONE:
        return _("Skriv ett telefonnummer med minst 7 siffror, till exempel 070-123 45 67.")
    return _("Skriv e-postadressen på rätt sätt, till exempel namn@exempel.se.")


def _required_message(question: Question) -> str:
    if question.type in (QType.SINGLE, QType.MULTI):
        return _("Välj ett svar.")
    return _("Skriv ett svar.")


class ExclusiveChoice:
    """An answer such as "none of these" stands alone; the message names it, in the page's language."""

    def __init__(self, question: Question):
        self.question = question

    def __call__(self, form, field):
        chosen = set(field.data or [])
        alone = [o for o in self.question.options if o.code in chosen and o.code in self.question.exclusive]
        if len(chosen) > 1 and alone:
            raise ValidationError(
                _(
                    "Du kan inte välja ”%(choice)s” tillsammans med andra svar.",
                    choice=translated(self.question, "label", alone[0]),
                )
            )


class RequiredWhenShown:
    """Required only when the question applies; the form decides that after reading the whole page."""

    def __init__(self, question: Question):
        self.question = question

    def __call__(self, form, field):
        if self.question.id not in form.shown_ids:
            field.errors[:] = []
            raise StopValidation()
        if field.process_errors:
            # What was typed could not be read ("12 0a0", "19850101-123"): its own message says what to do, also
            # for a question that may be left empty, which must not be saved as if nothing had been typed.
            raise StopValidation()
        if self.question.required and form.enforce_required and field.data in (None, "", []):
            raise StopValidation(_required_message(self.question))
        if field.data in (None, "", []):
            field.errors[:] = []
            raise StopValidation()


def _choices(question: Question, offered: tuple[Option, ...]) -> list[SelectChoice]:
    return [SelectChoice(o.code, translated(question, "label", o)) for o in offered]


def _field_for(question: Question, offered: tuple[Option, ...]) -> Field:
    label = translated(question, "text")
    validators: list = [RequiredWhenShown(question)]
    # Our own words for an answer that is not among the options: WTForms' default is English ("Not a valid choice").
    not_an_option = _("Välj ett av svaren i listan.")
    if question.type is QType.SINGLE:
        return OneChoiceField(  # type: ignore[call-arg]  # invalid_choice_message is new in WTForms 3.3; stubs lag
            label,
            choices=_choices(question, offered),
            validators=validators,
            validate_choice=True,
            invalid_choice_message=not_an_option,
        )
    if question.type is QType.MULTI:
        if question.exclusive:
            validators.append(ExclusiveChoice(question))
        return MultiCheckboxField(  # type: ignore[call-arg]  # as above
            label, choices=_choices(question, offered), validators=validators, invalid_choice_message=not_an_option
        )
    if question.type in (QType.INTEGER, QType.MONEY):
        message = _("Skriv ett tal mellan %(min)s och %(max)s.", min=question.min, max=question.max)
        return LenientInteger(label, validators=[*validators, NumberRange(question.min, question.max, message)])
    if question.type in CONTACT_TYPES:
        return ContactField(label, question, validators=validators)
    length = Length(
        max=question.max_length or -1,
        message=ngettext("Skriv högst %(num)s tecken.", "Skriv högst %(num)s tecken.", question.max_length or 0),
    )
    field_class = TextAreaField if question.type is QType.TEXTAREA else StringField
    return field_class(label, validators=[*validators, length], filters=[clean_text])


class QuestionPageForm(FlaskForm):
    """Base class; `build_page_form` adds one field per question."""

    shown_ids: AbstractSet[str] = frozenset()
    enforce_required = True  # "save and come back later" keeps what is there without asking for the rest


def build_page_form(
    questions: list[Question],
    formdata=None,
    data: dict[str, Any] | None = None,
    context: dict[str, Any] | None = None,
) -> QuestionPageForm:
    """`context`: the answers and part I facts the page is shown with; they decide which options are offered."""
    attrs = {q.id: _field_for(q, visible_options(q, context or {})) for q in questions}
    form_class = type("PageForm", (QuestionPageForm,), attrs)
    form = form_class(formdata=formdata, data=data or {})
    form.shown_ids = {q.id for q in questions}
    return form


def stored_to_form(question: Question, value: Any) -> Any:
    if question.type in FREE_TEXT_TYPES and isinstance(value, dict):
        return value.get("text", "")
    return value


def form_to_stored(question: Question, value: Any, lang: str) -> Any:
    if value in (None, "", []):
        return None
    if question.type in FREE_TEXT_TYPES:
        return {"text": value, "lang": lang}
    if question.type is QType.MULTI:
        order = question.option_codes()
        return sorted(set(value), key=order.index)
    return value


__all__ = ["build_page_form", "clean_text", "form_to_stored", "stored_to_form"]
