// unkg network viewer: a canvas drawing of the citation network with pan, zoom, search,
// node details, colouring by organ or series and filters by year and relation. The data is
// the global NETWORK, written into the page by `unkg network --format html`.
(function () {
  "use strict";
  const data = NETWORK;
  const canvas = document.getElementById("canvas");
  const ctx = canvas.getContext("2d");
  const info = document.getElementById("info");
  const status = document.getElementById("status");
  const organColours = { GA: "#3182bd", SC: "#e6550d", HRC: "#31a354", ECOSOC: "#756bb1", WHA: "#636363" };
  const relationColours = { recalls: "#6baed6", reaffirms: "#fd8d3c", takesNoteOf: "#74c476", welcomes: "#9e9ac8", guidedBy: "#bcbddc", cites: "#cccccc" };
  let view = { x: 0, y: 0, scale: 1 };
  let colourBy = "organ";
  let selected = -1;
  let drawn = 0;
  const cites = data.nodes.map(() => []);
  const citedBy = data.nodes.map(() => []);
  data.edges.forEach(([s, t, r]) => { cites[s].push([t, r]); citedBy[t].push([s, r]); });

  function seriesColour(i) {
    const s = data.nodes[i].series;
    if (s === null) return "#bbbbbb";
    const hue = (s * 137.508) % 360;
    return "hsl(" + hue + ",65%,45%)";
  }
  function colour(i) {
    if (!data.nodes[i].ingested) return "#d9d9d9";
    return colourBy === "organ" ? (organColours[data.nodes[i].organ] || "#888") : seriesColour(i);
  }
  function radius(i) { return 2.5 + 2 * Math.log(1 + data.nodes[i].inDegree); }
  function visible(i) {
    const n = data.nodes[i];
    const from = parseInt(document.getElementById("from").value, 10);
    const to = parseInt(document.getElementById("to").value, 10);
    return n.year === null || ((isNaN(from) || n.year >= from) && (isNaN(to) || n.year <= to));
  }
  function relationShown(r) { const box = document.getElementById("rel-" + r); return !box || box.checked; }
  function toScreen(n) { return [(n.x - view.x) * view.scale + canvas.width / 2, (n.y - view.y) * view.scale + canvas.height / 2]; }

  function fit() {
    const xs = data.nodes.map(n => n.x), ys = data.nodes.map(n => n.y);
    if (xs.length === 0) return;
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    view.x = (x0 + x1) / 2; view.y = (y0 + y1) / 2;
    view.scale = 0.9 * Math.min(canvas.width / Math.max(1, x1 - x0), canvas.height / Math.max(1, y1 - y0));
  }
  function resize() {
    canvas.width = canvas.clientWidth * (window.devicePixelRatio || 1);
    canvas.height = canvas.clientHeight * (window.devicePixelRatio || 1);
  }
  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.lineWidth = 0.6;
    data.edges.forEach(([s, t, r]) => {
      if (!visible(s) || !visible(t) || !relationShown(r)) return;
      const [x1, y1] = toScreen(data.nodes[s]), [x2, y2] = toScreen(data.nodes[t]);
      const near = selected === s || selected === t;
      ctx.strokeStyle = near ? "#000" : (relationColours[r] || "#ccc");
      ctx.globalAlpha = near ? 0.9 : 0.35;
      ctx.beginPath(); ctx.moveTo(x1, y1); ctx.lineTo(x2, y2); ctx.stroke();
    });
    ctx.globalAlpha = 1;
    drawn = 0;
    data.nodes.forEach((n, i) => {
      if (!visible(i)) return;
      const [x, y] = toScreen(n);
      if (x < -20 || y < -20 || x > canvas.width + 20 || y > canvas.height + 20) return;
      drawn++;
      ctx.fillStyle = colour(i);
      ctx.beginPath(); ctx.arc(x, y, radius(i) * (i === selected ? 2 : 1), 0, 2 * Math.PI); ctx.fill();
      if (i === selected || view.scale > 8) {
        ctx.fillStyle = "#000"; ctx.font = "11px sans-serif"; ctx.fillText(n.symbol, x + 6, y - 6);
      }
    });
    status.dataset.drawn = drawn;
    status.textContent = drawn + " of " + data.nodes.length + " resolutions drawn";
  }

  function link(i) {
    return "<a href=\"#\" data-node=\"" + i + "\">" + escapeHtml(data.nodes[i].symbol) + "</a>";
  }
  function escapeHtml(s) { return String(s).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c])); }
  function show(i) {
    selected = i;
    const n = data.nodes[i];
    const list = (pairs) => pairs.length ? "<ul>" + pairs.map(([j, r]) => "<li>" + escapeHtml(r) + " " + link(j) + "</li>").join("") + "</ul>" : "<p>none</p>";
    info.innerHTML = "<h2>" + escapeHtml(n.symbol) + "</h2>" +
      "<p>" + escapeHtml(n.organ) + (n.date ? " · " + escapeHtml(n.date) : "") + (n.ingested ? "" : " · not ingested") + "</p>" +
      (n.title ? "<p><em>" + escapeHtml(n.title) + "</em></p>" : "") +
      "<p>cited by " + n.inDegree + " · cites " + n.outDegree + " · PageRank " + n.pageRank.toFixed(5) + " · chain depth " + n.chainDepth +
      (n.series !== null ? " · series of " + escapeHtml(data.series[n.series]) : "") + "</p>" +
      "<p><a href=\"" + escapeHtml(n.undocs) + "\" target=\"_blank\" rel=\"noopener\">undocs.org</a></p>" +
      "<h3>Cites</h3>" + list(cites[i]) + "<h3>Cited by</h3>" + list(citedBy[i]);
    draw();
  }
  function search(symbol) {
    const key = symbol.replace(/\s+/g, "").toUpperCase();
    const i = data.nodes.findIndex(n => n.symbol.replace(/\s+/g, "").toUpperCase() === key);
    if (i < 0) { status.dataset.found = ""; info.innerHTML = "<p>No resolution " + escapeHtml(symbol) + " in this network.</p>"; return; }
    view.x = data.nodes[i].x; view.y = data.nodes[i].y; view.scale = Math.max(view.scale, 6);
    status.dataset.found = data.nodes[i].symbol;
    show(i);
  }

  let drag = null;
  canvas.addEventListener("mousedown", e => { drag = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false }; });
  window.addEventListener("mouseup", e => {
    if (drag && !drag.moved) {
      const rect = canvas.getBoundingClientRect(), ratio = canvas.width / rect.width;
      const mx = (e.clientX - rect.left) * ratio, my = (e.clientY - rect.top) * ratio;
      let best = -1, bestDistance = 100;
      data.nodes.forEach((n, i) => {
        if (!visible(i)) return;
        const [x, y] = toScreen(n), d = (x - mx) ** 2 + (y - my) ** 2;
        if (d < bestDistance) { best = i; bestDistance = d; }
      });
      if (best >= 0) show(best);
    }
    drag = null;
  });
  window.addEventListener("mousemove", e => {
    if (!drag) return;
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const dx = (e.clientX - drag.x) * ratio, dy = (e.clientY - drag.y) * ratio;
    if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
    view.x = drag.vx - dx / view.scale; view.y = drag.vy - dy / view.scale; draw();
  });
  canvas.addEventListener("wheel", e => { e.preventDefault(); view.scale *= e.deltaY < 0 ? 1.2 : 1 / 1.2; draw(); }, { passive: false });
  info.addEventListener("click", e => { const j = e.target.dataset && e.target.dataset.node; if (j !== undefined) { e.preventDefault(); search(data.nodes[+j].symbol); } });
  document.getElementById("search").addEventListener("keydown", e => { if (e.key === "Enter") search(e.target.value); });
  document.getElementById("colour").addEventListener("change", e => { colourBy = e.target.value; draw(); });
  document.querySelectorAll("#controls input").forEach(el => el.addEventListener("change", draw));
  window.addEventListener("resize", () => { resize(); draw(); });

  resize(); fit(); draw();
  const wanted = decodeURIComponent((location.hash.match(/search=([^&]*)/) || [])[1] || "");
  if (wanted) search(wanted);
})();
