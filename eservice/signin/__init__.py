"""Sign-in with OpenID Connect: one module, two doors (staff and applicant e-ID)."""
