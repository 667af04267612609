/* The dashboard's map frame: a Streamlit component (protocol v1, by postMessage) that runs the scripts of
 * geo.maps.render.frame_parts. The base (map, geometry fetched from a static URL, lines) runs once per base_key;
 * each new overlay (colours, tooltips, legend) runs on the mounted map, so a new period or theme keeps the
 * view and sends no geometry. A click on a commune sends {id, n} back to Python (n counts the clicks, so
 * clicking the same commune twice still reruns the page).
 *
 * The scripts are produced by geo/maps/render.py from folium elements; every value from data in them has been
 * escaped there (html.escape, JSON with < and > written as \u003c, \u003e). Written without
 * streamlit-component-lib to keep the frame small: the protocol is four message types.
 *
 * The contract (arguments, value, the window.__th globals) is written in README.md beside this file.
 */
(function () {
  "use strict";
  var baseKey = null, overlayKey = null, clicks = 0, height = null;

  function send(type, data) {
    var msg = {isStreamlitMessage: true, type: type};
    for (var k in data) { msg[k] = data[k]; }
    window.parent.postMessage(msg, "*");
  }

  function run(js) {
    // Indirect eval: the scripts declare globals (var map_th = …), as on a standalone folium page.
    (0, eval)(js);
  }

  function mountBase(args) {
    if (window[args.map_id] && window[args.map_id].remove) { window[args.map_id].remove(); }
    ["__thCommunes", "__thOverlay", "__thApply", "__thState", "__thControls"].forEach(function (k) { delete window[k]; });
    document.getElementById("th-css").innerHTML = args.css;  // <style> elements built by geo/maps/render.py
    var root = document.getElementById("th-root");
    root.innerHTML = "";
    var div = document.createElement("div");
    div.id = args.map_id;
    div.className = "folium-map";
    root.appendChild(div);
    run(args.base_js);
  }

  // Asked by the page (report_drawn, a session's first view: ui.map_first): say once, after the communes are
  // drawn (the commune layer calls __thDrawn once built, or when its geometry could not be fetched) and the
  // browser has painted them, so that the page draws the rest.
  // A click meanwhile is the answer already (and must not be overwritten). A hidden tab paints nothing and
  // runs no animation frame: it answers at once.
  var reportDrawn = false, drawnSent = false, askClicks = 0;
  window.__thDrawn = function () {
    if (!reportDrawn || drawnSent || clicks !== askClicks) { return; }
    drawnSent = true;
    function answer() {
      if (clicks === askClicks) { send("streamlit:setComponentValue", {value: {drawn: true}, dataType: "json"}); }
    }
    if (document.hidden) { answer(); return; }
    requestAnimationFrame(function () { setTimeout(answer, 0); });
  };

  window.__thClick = function (id) {
    clicks += 1;
    send("streamlit:setComponentValue", {value: {id: String(id), n: clicks}, dataType: "json"});
  };

  // The height Python asks for, lower on a narrow frame (a phone): the province is about as tall as it is
  // wide, and the page's figures come right under the map. Again when the frame is resized (turned).
  var asked = null;
  function fitHeight() {
    if (asked === null) { return; }
    var width = document.documentElement.clientWidth || asked;
    var wanted = width < 640 ? Math.round(Math.min(asked, Math.max(320, width * 1.1))) : asked;
    if (wanted !== height) {
      height = wanted;
      document.getElementById("th-root").style.height = height + "px";
      send("streamlit:setFrameHeight", {height: height});
    }
  }
  window.addEventListener("resize", fitHeight);

  function handle(msg) {
    var args = msg.args || {};
    performance.mark("th:render");  // timings for bench/run.py (performance.getEntriesByType("mark"))
    if (args.report_drawn && !reportDrawn) { askClicks = clicks; }  // a click from now on is the answer
    reportDrawn = Boolean(args.report_drawn);
    var drawnBefore = args.base_key === baseKey && Boolean(window.__thCommunes);
    asked = args.height;
    fitHeight();
    if (args.lang) { document.documentElement.lang = args.lang; }
    if (args.title) {  // the frame's name for a screen reader, in the page's language
      document.title = args.title;
      try { if (window.frameElement) { window.frameElement.title = args.title; } } catch (e) { /* another origin */ }
    }
    try {
      if (args.base_key !== baseKey) {
        mountBase(args);
        baseKey = args.base_key;
        overlayKey = null;
      }
      if (args.overlay_key !== overlayKey) {
        run(args.overlay_js);
        overlayKey = args.overlay_key;
        // Fitted again around the overlay's legend, unless the person has moved the map.
        if (window.__thFit) { window.__thFit(true); }
      }
      // The commune found by the search or clicked: highlighted and zoomed to (once per new choice).
      if (window.__thSelect) { window.__thSelect(args.selected || null); }
      // Asked again by a frame whose communes are already drawn (a new session on the same page, after the
      // server restarted): answer now, nothing will be built.
      if (reportDrawn && drawnBefore) { drawnSent = false; window.__thDrawn(); }
    } catch (e) {  // the page must not wait for a map that will not be drawn
      window.__thError = String(e);
      window.__thDrawn();
      throw e;
    }
  }

  // index.html listens from the start (and has said "ready"); render messages from now on come here.
  window.__thHandle = handle;
  (window.__thQueue || []).forEach(handle);
  window.__thQueue = [];
})();
