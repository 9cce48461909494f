() => {
  const problems = [];
  const inside = (a, b) => a.left >= b.left - 1 && a.right <= b.right + 1 && a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  const sel = '[data-testid=stMetricLabel] p, [data-testid=stMetricValue] p, [data-testid=stMetricDelta] p, [data-testid=stMetricDeltaDescription] p, button p, [data-testid=stTopNavLink] span, [data-testid=stSidebarNavLink] span';
  for (const el of document.querySelectorAll(sel)) {
    if (!el.offsetParent || !el.innerText.trim()) continue;
    const box = el.closest('[data-testid=stMetric], button, a') || el.parentElement;
    if (el.scrollWidth > el.clientWidth + 1 || !inside(el.getBoundingClientRect(), box.getBoundingClientRect()))
      problems.push('cut: ' + el.innerText.slice(0, 60));
    for (let p = el; p && p !== box; p = p.parentElement) {
      const cs = getComputedStyle(p);
      if (cs.textOverflow === 'ellipsis' && p.scrollWidth > p.clientWidth + 1) { problems.push('ellipsis: ' + el.innerText.slice(0, 60)); break; }
    }
  }
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    const svg = plot.querySelector('.main-svg'); if (!svg) continue;
    const frame = svg.getBoundingClientRect();
    const title = (plot.querySelector('.gtitle') || {}).textContent || '?';
    for (const t of plot.querySelectorAll('.infolayer .gtitle, .infolayer .gtitle-subtitle, .annotation-text'))
      if (!inside(t.getBoundingClientRect(), frame)) problems.push('chart text cut: ' + t.textContent.slice(0, 60));
    const legend = plot.querySelector('.legend');
    if (legend) {
      const lb = legend.getBoundingClientRect();
      if (!inside(lb, frame)) problems.push('legend outside chart: ' + title);
      for (const tick of plot.querySelectorAll('.xaxislayer-above .xtick text, .xaxislayer-above .xtick'))
        if (overlap(lb, tick.getBoundingClientRect())) { problems.push('legend covers x axis: ' + title); break; }
      const xtitle = plot.querySelector('.xtitle');
      if (xtitle && overlap(lb, xtitle.getBoundingClientRect())) problems.push('legend covers x title: ' + title);
    }
  }
  return problems;
}
