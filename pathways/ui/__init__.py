"""The Streamlit dashboard: pages, widgets and Plotly figure builders (figures: Result -> Figure)."""
