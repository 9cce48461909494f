"""Streamlit entry point: ``streamlit run app.py``. Page config, navigation and the sidebar are
set up in pathways.ui.shell; the pages live in pathways/ui/pages/."""

from pathways.ui.shell import main

main()
