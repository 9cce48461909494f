"""Page script run by st.navigation; the drawing lives in pathways.ui.uncertainty_page."""

from pathways.ui import state, uncertainty_page

ctx = state.context()
with state.error_boundary(ctx.lang):
    uncertainty_page.render(ctx)
