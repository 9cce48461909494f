"""A model-free Streamlit app whose layout is set by environment variables, for
``bench_floor.py``: what N sliders, N charts, legends, stacking and metrics cost the browser on
a slider move, with no model behind them.

Variables: ``NS`` sliders (12), ``NC`` charts (4), ``NT`` traces a chart (8), ``STACK`` (1:
stacked areas), ``LEG`` (1: legends), ``MODE`` (``charts``: one figure a chart; ``subplots``: one
figure of 2 x 2 subplots), ``METRICS`` (``md``: one markdown line; ``st``: ten st.metric cards).
"""

import os

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from plotly.subplots import make_subplots

st.set_page_config(layout="wide")
NS = int(os.environ.get("NS", "12"))
NC = int(os.environ.get("NC", "4"))
NT = int(os.environ.get("NT", "8"))
STACK = os.environ.get("STACK", "1") == "1"
LEGEND = os.environ.get("LEG", "1") == "1"
MODE = os.environ.get("MODE", "charts")
METRICS = os.environ.get("METRICS", "md")
YEARS = np.arange(2020, 2061)


def trace(k: int, shift: float, group: int = 0, **extra) -> go.Scatter:
    y = np.sin(YEARS / 7 + shift + k) * 1000 + k * 100
    stack = f"a{group}" if STACK else None
    return go.Scatter(x=YEARS, y=y, stackgroup=stack, name=f"t{k}", **extra)


@st.fragment
def panel() -> None:
    left, right = st.columns([1, 3])
    with left:
        values = [st.slider(f"lever {i}", 0.0, 100.0, 50.0, key=f"s{i}") for i in range(NS)]
    shift = sum(values) / 100
    with right:
        if METRICS == "md":
            st.markdown(" · ".join(f"**m{i}** {shift * (i + 1):.2f}" for i in range(10)))
        else:
            for row in range(2):
                for j, col in enumerate(st.columns(5)):
                    col.metric(f"metric {row}{j}", f"{shift * (j + 1):.2f}", delta="1", border=True)
        if MODE == "subplots":
            fig = make_subplots(rows=2, cols=2, subplot_titles=["a", "b", "c", "d"])
            for c in range(4):
                for k in range(NT):
                    extra = {"legendgroup": f"g{c}", "showlegend": c == 0}
                    fig.add_trace(trace(k, shift, c, **extra), row=c // 2 + 1, col=c % 2 + 1)
            fig.update_layout(height=900, showlegend=LEGEND)
            with st.container(key="chart-c0"):
                st.plotly_chart(fig, key="c0")
            return
        for c in range(NC):
            if c % 2 == 0:
                cols = st.columns(2)
            fig = go.Figure([trace(k, shift) for k in range(NT)])
            fig.update_layout(showlegend=LEGEND, title=f"chart {c}")
            with cols[c % 2], st.container(key=f"chart-c{c}"):
                st.plotly_chart(fig, key=f"c{c}")


panel()
st.write("static footer")
