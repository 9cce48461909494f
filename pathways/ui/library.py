"""Sidebar panels: scenario library, share link, uploads (Streamlit).

:func:`sidebar` draws the three panels for the dashboard's current scenario (``state.Context``).
Everything that changes the scenario on screen runs in a button callback (before the script
body), so the lever sliders can be updated without Streamlit's "widget already instantiated" error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import streamlit as st

from pathways import i18n, share
from pathways.data import region_name as data_region_name
from pathways.scenario import list_presets, load_preset
from pathways.store import Store, StoreError, default_url
from pathways.ui import cached_api, owners
from pathways.ui.i18n import t
from pathways.ui.text import plain
from pathways.uploads import LeverUpload, LibraryUpload, ResultsUpload, UploadError, read_upload

T = TypeVar("T")

DEFAULT_PRESET = "current-policies"


@dataclass
class Current:
    """The scenario on screen: region, preset it started from, complete levers."""

    region: str
    preset: str | None
    levers: dict[str, float]


Apply = Callable[[dict[str, float], str, "str | None"], None]


def current_from_context(ctx) -> Current:
    """The dashboard's ``state.Context`` as a :class:`Current`."""
    return Current(ctx.region, ctx.preset, dict(ctx.levers))


def current_from_session() -> Current:
    """The scenario in the session *now* (for callbacks: the library panel is drawn by full
    runs only, so a lever moved in the live fragment since then is not in what it captured)."""
    ss = st.session_state
    return Current(ss["region"], ss["preset"], dict(ss["levers"]))


def apply_to_session(levers: dict[str, float], region: str, preset: str | None) -> None:
    """Make ``levers`` the dashboard's scenario (call from a widget callback)."""
    from pathways.ui import state

    ss = st.session_state
    ss["region"] = region if region in state.regions() else "china"
    ss["preset"] = preset if preset in list_presets(ss["region"]) else DEFAULT_PRESET
    state.set_levers(dict(levers))
    ss["notices"] = []


# --- the store, one per server process --------------------------------------------------------


def get_store() -> Store | None:
    """The library at :func:`pathways.store.default_url` (one engine per URL and process) acting
    for the signed-in user (:mod:`pathways.ui.owners`; local mode: no user), or None when nobody
    signed in where login is configured, or (with a message) when the database cannot be opened."""
    user = owners.current_user()
    if user is owners.ANONYMOUS:
        return None
    try:
        return cached_api.store(default_url()).for_user(user)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - any driver/OS error: show it, keep the app up
        st.warning(t("lib_unavailable", _lang(), detail=plain(str(exc)[:200])))
        return None


def _lang() -> str:
    return str(st.session_state.get("lang", "en"))


def _flash(text: str, kind: str = "success") -> None:
    """A message shown once, on the next run."""
    st.session_state.setdefault("lib_flash", []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop("lib_flash", []):
        getattr(st, kind)(text)


def preset_title(name: str | None, lang: str) -> str:
    if not name:
        return ""
    try:
        return load_preset(name).title(lang)
    except Exception:  # noqa: BLE001
        return name


def region_name(region: str, lang: str) -> str:
    """A region code as the user reads it ('china' -> 'China': catalogue region_<code>; a
    province by data/regions.csv: 'CN-NM' -> 'Inner Mongolia' and its Chinese name)."""
    name = t(f"region_{region}", lang)
    return name if name != f"region_{region}" else data_region_name(region, lang)


# --- share links ------------------------------------------------------------------------------


def page_url() -> str:
    """The page's URL without its query ('' when unknown: bare mode, tests, or outside a
    script run such as a download callable)."""
    try:
        return (st.context.url or "").split("?")[0]
    except Exception:  # noqa: BLE001 - bare mode / tests
        return ""


def share_url(current: Current, lang: str = "en", base: str | None = None) -> str:
    """The full share link of the current scenario on the page ``base`` (default: this page;
    relative when its URL is unknown); it carries the language, so a link copied in Chinese
    opens in Chinese."""
    preset = current.preset if current.preset != DEFAULT_PRESET else None
    code = share.encode(current.levers, current.region, preset)
    base = page_url() if base is None else base
    lang_param = f"&lang={lang}" if lang != "en" else ""
    return f"{base}?{share.QUERY_PARAM}={code}{lang_param}"


def _open_code(apply: Apply) -> None:
    lang = _lang()
    text = str(st.session_state.get("lib_share_input", "")).strip()
    st.session_state["lib_share_input"] = ""
    if not text:
        return
    code = text.split(f"{share.QUERY_PARAM}=")[-1].split("&")[0].split("#")[0]
    decoded = share.decode(code)
    apply(decoded.levers, decoded.region, decoded.preset)
    for message in i18n.messages(decoded.notices, lang, escape=plain):
        _flash(message, "warning")
    _flash(t("share_opened", lang))


def share_link(ctx) -> None:
    """The share link of the scenario on screen (drawn by the live fragment at every move)."""
    # inline code, not st.code: st.code loads a 1.5 MB syntax highlighter into every new session
    st.markdown(f"`{share_url(current_from_context(ctx), ctx.lang)}`")


def share_panel(apply: Apply, lang: str):
    """The share panel; returns the container of the link, which the live fragment fills."""
    st.caption(t("share_caption", lang))
    link = st.container(key="share-link")
    st.text_input(t("share_open", lang), key="lib_share_input")
    st.button(
        t("share_open_button", lang), key="lib_share_open", on_click=_open_code, args=(apply,)
    )
    return link


# --- library ----------------------------------------------------------------------------------


def _in_store(action: Callable[[Store], T]) -> T | None:
    """Run one library action. No library, or a :class:`StoreError`, gives None and the error
    as a message on the next run (the saved scenarios stay as they were)."""
    lib = get_store()
    if lib is None:
        return None
    try:
        return action(lib)
    except StoreError as exc:
        _flash(i18n.message(exc, _lang(), escape=plain), "error")
        return None


def _save() -> None:
    lang, ss = _lang(), st.session_state
    current = current_from_session()
    saved = _in_store(
        lambda lib: lib.save(
            ss.get("lib_save_name", ""),
            current.levers,
            region=current.region,
            description=ss.get("lib_save_desc", ""),
            preset=current.preset,
            visibility=ss.get("lib_save_visibility") if owners.signed_in() else None,
        )
    )
    if saved is None:
        return
    ss["lib_save_name"] = ""
    ss["lib_save_desc"] = ""
    ss["lib_pick"] = saved.id
    ss["lib_opened"] = (saved.id, saved.name, saved.updated_at)
    _flash(t("lib_saved", lang, name=plain(saved.name)))


def _overwrite() -> None:
    lang, ss = _lang(), st.session_state
    current = current_from_session()
    opened = ss.get("lib_opened")
    lib = get_store()
    if lib is None or not opened:
        return
    try:
        updated = lib.update(
            opened[0],
            levers=current.levers,
            region=current.region,
            preset=current.preset,
            expected_updated_at=opened[2],
        )
    except StoreError as exc:
        if exc.key == "not_found":
            ss.pop("lib_opened", None)
        _flash(i18n.message(exc, lang, escape=plain), "error")
        return
    ss["lib_opened"] = (updated.id, updated.name, updated.updated_at)
    _flash(t("lib_overwritten", lang, name=plain(updated.name)))


def _open(record_id: int, apply: Apply) -> None:
    lang = _lang()
    opened = _in_store(lambda lib: lib.open(record_id))
    if opened is None:
        return
    apply(opened.levers, opened.record.region, opened.record.preset)
    st.session_state["lib_opened"] = (record_id, opened.record.name, opened.record.updated_at)
    _flash(t("lib_opened", lang, name=plain(opened.record.name)))
    notes = i18n.messages(opened.report.notes(), lang, escape=plain) + [
        i18n.message(n, lang, escape=plain) for n in opened.notes
    ]
    if opened.report.changed or opened.notes or opened.report.added:
        kind = "warning" if opened.report.changed or opened.notes else "info"
        _flash("\n".join([t("lib_migrated", lang)] + [f"- {n}" for n in notes]), kind)


def _duplicate(record_id: int, name: str) -> None:
    lang = _lang()
    copy = _in_store(lambda lib: lib.duplicate(record_id, f"{name} {t('lib_copy_suffix', lang)}"))
    if copy is None:
        return
    st.session_state["lib_pick"] = copy.id
    _flash(t("lib_duplicated", lang, name=plain(copy.name)))


def _rename(record_id: int) -> None:
    lang, ss = _lang(), st.session_state
    new_name = str(ss.get("lib_rename_name", ""))
    ss["lib_rename_name"] = ""
    renamed = _in_store(lambda lib: lib.rename(record_id, new_name))
    if renamed is None:
        return
    if (ss.get("lib_opened") or (None,))[0] == record_id:
        ss["lib_opened"] = (record_id, renamed.name, renamed.updated_at)
    _flash(t("lib_renamed", lang, name=plain(renamed.name)))


def _ask_delete(record_id: int) -> None:
    st.session_state["lib_confirm_delete"] = record_id


def _delete(record_id: int, name: str, confirmed: bool) -> None:
    lang, ss = _lang(), st.session_state
    ss.pop("lib_confirm_delete", None)
    if not confirmed:
        return
    if not _in_store(lambda lib: lib.delete(record_id) or True):
        return
    if (ss.get("lib_opened") or (None,))[0] == record_id:
        ss.pop("lib_opened", None)
    ss.pop("lib_pick", None)
    _flash(t("lib_deleted", lang, name=plain(name)))


def _set_visibility(record_id: int) -> None:
    lang, value = _lang(), st.session_state.get("lib_visibility")
    changed = _in_store(lambda lib: lib.set_visibility(record_id, value))
    if changed is not None:
        label = owners.visibility_label(changed.visibility, lang)
        _flash(t("own_visibility_set", lang, name=plain(changed.name), visibility=label))


def library_panel(apply: Apply, lang: str) -> None:
    owners.account_panel(lang)
    lib = get_store()
    if lib is None:
        return
    ss = st.session_state
    st.caption(t("lib_caption", lang))
    st.text_input(t("lib_name", lang), max_chars=200, key="lib_save_name")
    st.text_area(t("lib_description", lang), max_chars=4000, height=68, key="lib_save_desc")
    if owners.signed_in():
        st.selectbox(
            t("own_visibility", lang),
            owners.visibility_choices(),
            format_func=lambda v: owners.visibility_label(v, lang),
            key="lib_save_visibility",
        )
    cols = st.columns(2)
    cols[0].button(
        t("lib_save_button", lang),
        key="lib_save",
        on_click=_save,  # saves the session's scenario at click time
        type="primary",
        width="stretch",
    )
    opened = ss.get("lib_opened")
    if opened:
        cols[1].button(
            t("lib_overwrite", lang, name=plain(opened[1])),
            key="lib_overwrite",
            on_click=_overwrite,
            width="stretch",
        )
    try:
        records = lib.list()
    except StoreError as exc:
        st.error(i18n.message(exc, lang, escape=plain))
        return
    if not records:
        st.info(t("lib_empty", lang))
        return
    labels = {r.id: f"{r.name} · {r.updated_at[:16].replace('T', ' ')}" for r in records}
    if ss.get("lib_pick") not in labels:
        ss["lib_pick"] = records[0].id
    st.divider()
    picked = st.selectbox(
        t("lib_pick", lang), list(labels), format_func=lambda i: labels[i], key="lib_pick"
    )
    record = next(r for r in records if r.id == picked)
    st.caption(
        t(
            "lib_details",
            lang,
            region=plain(region_name(record.region, lang)),
            updated=record.updated_at[:16].replace("T", " "),
            model=plain(record.model_version),
            schema=record.schema_version,
        )
    )
    if record.description:
        st.caption(plain(record.description))
    if owners.signed_in() and record.owner is not None:
        visibility = owners.visibility_label(record.visibility, lang)
        st.caption(t("own_owner", lang, owner=plain(record.owner), visibility=visibility))
        if record.owner == lib.user:
            ss["lib_visibility"] = record.visibility
            st.selectbox(
                t("own_visibility", lang),
                owners.visibility_choices(),
                format_func=lambda v: owners.visibility_label(v, lang),
                key="lib_visibility",
                on_change=_set_visibility,
                args=(record.id,),
            )
    c1, c2, c3 = st.columns(3)
    c1.button(
        t("lib_open", lang),
        key="lib_open",
        on_click=_open,
        args=(record.id, apply),
        width="stretch",
    )
    c2.button(
        t("lib_duplicate", lang),
        key="lib_duplicate",
        on_click=_duplicate,
        args=(record.id, record.name),
        width="stretch",
    )
    c3.button(
        t("lib_delete", lang),
        key="lib_delete",
        on_click=_ask_delete,
        args=(record.id,),
        width="stretch",
    )
    if ss.get("lib_confirm_delete") == record.id:
        st.warning(t("lib_delete_confirm", lang, name=plain(record.name)))
        y, n = st.columns(2)
        y.button(
            t("lib_delete_yes", lang),
            key="lib_delete_yes",
            type="primary",
            on_click=_delete,
            args=(record.id, record.name, True),
        )
        n.button(
            t("lib_delete_no", lang),
            key="lib_delete_no",
            on_click=_delete,
            args=(record.id, record.name, False),
        )
    st.text_input(t("lib_new_name", lang), max_chars=200, key="lib_rename_name")
    st.button(t("lib_rename", lang), key="lib_rename", on_click=_rename, args=(record.id,))
    d1, d2 = st.columns(2)
    d1.download_button(
        t("lib_export_one", lang),
        data=lambda: lib.export_toml(record.id),  # built only when clicked
        file_name=f"{_file_stem(record.name)}.toml",
        mime="application/toml",
        key="lib_export_one",
        on_click="ignore",
        width="stretch",
    )
    d2.download_button(
        t("lib_export", lang),
        data=lib.export_json,  # built only when clicked
        file_name="pathways-scenarios.json",
        mime="application/json",
        key="lib_export_all",
        on_click="ignore",
        width="stretch",
    )


def _file_stem(name: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name).strip("-")
    return stem[:60] or "scenario"


# --- uploads ----------------------------------------------------------------------------------


def upload_limit_mb() -> float:
    try:
        return float(st.get_option("server.maxUploadSize"))
    except Exception:  # noqa: BLE001
        return 200.0


def parse_upload(
    name: str, data: bytes
) -> LeverUpload | LibraryUpload | ResultsUpload | UploadError:
    """An upload parsed, or the :class:`UploadError` listing every problem."""
    try:
        return read_upload(name, data, max_mb=upload_limit_mb())
    except UploadError as exc:
        return exc


def show_upload_problems(error: UploadError, lang: str) -> None:
    messages = i18n.messages(error.problems, lang, escape=plain)
    st.error(t("upload_problems", lang) + "\n" + "\n".join(f"- {m}" for m in messages))


def _apply_upload(got: LeverUpload, apply: Apply) -> None:
    apply(got.full_levers(), got.region, got.preset)
    _flash(t("upload_applied", _lang(), name=plain(got.name)))


def _save_upload(got: LeverUpload) -> None:
    lang = _lang()
    saved = _in_store(
        lambda lib: lib.save(
            got.name,
            got.full_levers(),
            region=got.region,
            description=got.description,
            preset=got.preset,
        )
    )
    if saved is None:
        return
    st.session_state["lib_pick"] = saved.id
    _flash(t("lib_saved", lang, name=plain(saved.name)))


def _import_upload(got: LibraryUpload) -> None:
    lang = _lang()
    ids = _in_store(lambda lib: lib.import_entries(got.entries))
    if ids is None:
        return
    _flash(t("upload_imported", lang, n=len(ids)))


def upload_panel(apply: Apply, lang: str) -> None:
    st.caption(t("upload_caption", lang, limit=f"{upload_limit_mb():g}"))
    file = st.file_uploader(t("upload_file", lang), type=["toml", "json", "csv"], key="lib_upload")
    if file is None:
        return
    got = parse_upload(file.name, file.getvalue())
    if isinstance(got, UploadError):
        show_upload_problems(got, lang)
    elif isinstance(got, LeverUpload):
        for warning in got.warnings:
            st.info(i18n.message(warning, lang, escape=plain))
        st.write(t("upload_levers_ready", lang, name=plain(got.name), n=len(got.levers)))
        c1, c2 = st.columns(2)
        c1.button(
            t("upload_apply", lang),
            key="lib_upload_apply",
            on_click=_apply_upload,
            args=(got, apply),
        )
        c2.button(t("upload_save", lang), key="lib_upload_save", on_click=_save_upload, args=(got,))
    elif isinstance(got, LibraryUpload):
        st.write(t("upload_library_ready", lang, n=len(got.entries), file=plain(got.file)))
        st.button(
            t("upload_import", lang), key="lib_upload_import", on_click=_import_upload, args=(got,)
        )
    elif isinstance(got, ResultsUpload):
        st.session_state["cmp_uploaded_results"] = got
        st.success(t("upload_results_ready", lang, n=len(got.scenarios)))


def panels(lang: str, apply: Apply = apply_to_session):
    """The three panels in expanders (inside whatever container the caller opened); returns
    the container of the share link (filled by the live fragment, :func:`share_link`)."""
    show_flash()
    with st.expander(t("lib_title", lang), icon=":material/bookmarks:"):
        library_panel(apply, lang)
    with st.expander(t("share_title", lang), icon=":material/share:"):
        link = share_panel(apply, lang)
    with st.expander(t("upload_title", lang), icon=":material/upload_file:"):
        upload_panel(apply, lang)
    return link


def sidebar(ctx):
    """The dashboard's hook: library, share and upload panels in the sidebar (full runs only;
    every action reads the session state when clicked). Returns the share link's container."""
    with st.sidebar:
        return panels(ctx.lang)
