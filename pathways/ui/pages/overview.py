"""Page script run by st.navigation; the drawing lives in pathways.ui.overview_page."""

from pathways.ui import overview_page, state

ctx = state.context()
with state.error_boundary(ctx.lang):
    overview_page.render(ctx)
