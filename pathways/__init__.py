"""Carbon-neutrality pathway explorer: the model core (pure numpy; never imports Streamlit)."""

__version__ = "0.1.0"
