"""Page script run by st.navigation; the drawing lives in pathways.ui.methods_page."""

from pathways.ui import live, methods_page, state

ctx = state.context()
with state.error_boundary(ctx.lang):
    methods_page.render(ctx)
    live.run("methods", None)  # the lever controls and share link in the sidebar
