"""Who is using the dashboard, for the scenario library's ownership rules (``Store.for_user``).

Three modes:
- **local** — no login configured (no ``[auth]`` in ``.streamlit/secrets.toml``): single-user
  local mode, today's behaviour; every session shares the library and the panel says so;
- **signed in** — Streamlit's built-in login (``st.login``, OIDC) is configured and the user signed
  in: the owner is their e-mail (else the token's ``sub``);
- **anonymous** — login is configured but nobody signed in: the library is not offered, only the
  sign-in button (an anonymous session never gets the local mode's full access).
"""

from __future__ import annotations

import streamlit as st

from pathways.store import VISIBILITIES
from pathways.ui.i18n import t
from pathways.ui.text import plain

ANONYMOUS = object()  # login configured, nobody signed in


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file, unreadable secrets: no login
        return False


def current_user() -> str | None | object:
    """The signed-in user's id, None in local mode, or :data:`ANONYMOUS`."""
    if not auth_configured():
        return None
    try:
        if st.user.get("is_logged_in"):
            user = str(st.user.get("email") or st.user.get("sub") or "").strip()
            if user:
                return user
    except Exception:  # noqa: BLE001 - an odd token: treat as not signed in
        pass
    return ANONYMOUS


def account_panel(lang: str) -> None:
    """The mode line at the top of the library panel (sign in / out where login exists)."""
    user = current_user()
    if user is None:
        st.caption(t("own_local_mode", lang))
    elif user is ANONYMOUS:
        st.info(t("own_sign_in_needed", lang))
        st.button(t("own_sign_in", lang), key="own_login", on_click=st.login)
    else:
        st.caption(t("own_signed_in", lang, user=plain(user)))
        st.button(t("own_sign_out", lang), key="own_logout", on_click=st.logout)


def signed_in() -> bool:
    user = current_user()
    return user is not None and user is not ANONYMOUS


def visibility_label(value: str, lang: str) -> str:
    return t(f"own_{value}", lang)


def visibility_choices() -> tuple[str, ...]:
    return VISIBILITIES
