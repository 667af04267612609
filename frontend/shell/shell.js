/* Every page shell of the dashboard (web/server.py, with_shell_config; allowed by the CSP by its hash).
 * Streamlit 1.67 has no locale: its page says lang="en" and its controls carry English names for a screen
 * reader ("Skip to main content", "Collapse sidebar", …). This gives the document the language of the page
 * (the link's ?lang=, Vietnamese by default) and Streamlit's names in that language, and the words of the
 * "loading" mark of shell.css. WORDS is the catalog's (geo/text/catalog/app.py, app.streamlit_*), written in
 * by the server: {vi: {key: text}, en: {key: text}}, the English being Streamlit's own words.
 */
(function () {
  "use strict";
  var WORDS = __TH_WORDS__;
  function language() { return new URLSearchParams(location.search).get("lang") === "en" ? "en" : "vi"; }
  var english = {}, prefixes = [];
  Object.keys(WORDS.en).forEach(function (k) {
    var text = WORDS.en[k];
    if (text.slice(-3) === "{x}") { prefixes.push(k); } else { english[text] = k; }
  });
  function said(text, lang) {
    if (english[text]) { return WORDS[lang][english[text]]; }
    for (var i = 0; i < prefixes.length; i++) {
      var k = prefixes[i], en = WORDS.en[k].slice(0, -3), vi = WORDS.vi[k].slice(0, -3);
      if (text.indexOf(en) === 0 && lang !== "en") { return vi + text.slice(en.length); }
      if (text.indexOf(vi) === 0 && lang === "en") { return en + text.slice(vi.length); }
    }
    for (var key in WORDS.vi) { if (WORDS.vi[key] === text && lang === "en") { return WORDS.en[key]; } }
    return null;
  }
  function translate(root, lang) {
    var nodes = root.querySelectorAll ? root.querySelectorAll("[aria-label], [title], a") : [];
    for (var i = 0; i < nodes.length; i++) {
      var el = nodes[i];
      ["aria-label", "title"].forEach(function (attr) {
        var v = el.getAttribute(attr), w = v && said(v, lang);
        if (w && w !== v) { el.setAttribute(attr, w); }
      });
      if (el.tagName === "A" && !el.children.length) {  // the skip link: a plain text link
        var w = said(el.textContent.trim(), lang);
        if (w && w !== el.textContent) { el.textContent = w; }
      }
    }
  }
  function run() {
    var lang = language();
    if (document.documentElement.lang !== lang) { document.documentElement.lang = lang; }
    if (document.body && document.body.getAttribute("data-th-loading") !== WORDS[lang].loading) {
      document.body.setAttribute("data-th-loading", WORDS[lang].loading);
    }
    if (document.body) { translate(document.body, lang); }
  }
  // One Back returns to the previous page. Streamlit pushes a history entry for a new page and another for
  // its query string (the sidebar's filters written into the link): an entry for the same page replaces the
  // current one instead.
  var push = history.pushState;
  history.pushState = function (state, title, url) {
    try {
      if (url !== undefined && url !== null && new URL(String(url), location.href).pathname === location.pathname) {
        return history.replaceState(state, title, url);
      }
    } catch (e) { /* not a URL: as Streamlit asked */ }
    return push.apply(history, arguments);
  };
  var queued = false;
  new MutationObserver(function () {
    if (queued) { return; }
    queued = true;
    requestAnimationFrame(function () { queued = false; run(); });
  }).observe(document.documentElement, {subtree: true, childList: true});
  document.addEventListener("DOMContentLoaded", run);
})();
