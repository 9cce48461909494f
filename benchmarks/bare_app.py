"""The reference for every browser benchmark: a bare Streamlit app with two sliders and two
Plotly charts and nothing else. ``bench_app.py`` measures it beside the dashboard in the same run
and prints ratios, because absolute times on shared machines drift."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

st.set_page_config(layout="wide")
a = st.slider("a", 0.0, 100.0, 50.0, key="a")
b = st.slider("b", 0.0, 100.0, 50.0, key="b")
x = np.arange(2020, 2061)
for i, col in enumerate(st.columns(2)):
    fig = go.Figure(
        [go.Scatter(x=x, y=np.sin(x / 7 + a / 10 + k) * b + k, name=f"t{k}") for k in range(4)]
    )
    with col, st.container(key=f"chart-bare{i}"):
        st.plotly_chart(fig, key=f"bare{i}")
