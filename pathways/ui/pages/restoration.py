"""Page script run by st.navigation; the drawing lives in pathways.ui.restoration_page."""

from pathways.ui import restoration_page, state

ctx = state.context()
with state.error_boundary(ctx.lang):
    restoration_page.render(ctx)
