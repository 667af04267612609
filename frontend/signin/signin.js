// The sign-in form over Streamlit's own page (server.signin_get), inlined into it (its hash is in the CSP).
//
// Why: after a classic form POST the browser loads a new document and Streamlit's front end boots again
// (about 1.4 s of a 2 s sign-in → painted here). Served with the form on top, the front end boots while the
// person types; the click then only has to sign in, connect and run the page.
//
// What keeps an anonymous visitor out of Streamlit: the front end starts by fetching /_stcore/health (public)
// and /_stcore/host-config, and opens its websocket only once both have answered. The host-config fetch is
// held here (not sent) until the sign-in has succeeded and the session cookie is set; the websocket
// therefore opens with the cookie, and server.Gate still refuses any websocket without one. Held, it is
// freed from Streamlit's abort signal (its 15 s ping timeout would otherwise end it while the person types
// and make it retry with back-off, up to 4 s late after the click) and sent with a timeout of its own.
//
// The address shows the page asked for (``<meta name="th-next">``, checked by server.safe_next) from the start:
// Streamlit reads the page and its query (?period=…&district=…) from the address once, when it boots.
//
// Without scripts the form is a plain POST to /signin (303 to the page asked for), as before.
(function () {
  "use strict";
  var asked = document.querySelector('meta[name="th-next"]');
  var next = asked ? asked.getAttribute("content") : "/";
  if (next.charAt(0) === "/" && next.charAt(1) !== "/") {
    history.replaceState(null, "", next);
  }
  var realFetch = window.fetch.bind(window);
  var held = [];
  var released = false;
  var HELD = /\/_stcore\/host-config(\?|$)/;  // /_stcore/health is public: it goes at once

  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || String(input);
    if (released || !HELD.test(url)) {
      return realFetch(input, init);
    }
    return new Promise(function (resolve, reject) {
      held.push(function () {
        var options = Object.assign({}, init || {});
        // Streamlit's own 15 s timeout may have passed while the person typed: the request sent now gets
        // a timeout of its own (a server that does not answer makes Streamlit retry, as it would).
        options.signal = AbortSignal.timeout ? AbortSignal.timeout(15000) : undefined;
        realFetch(url, options).then(resolve, reject);
      });
    });
  };

  function release() {
    released = true;
    window.fetch = realFetch;
    held.splice(0).forEach(function (send) { send(); });
  }

  function start() {
    var overlay = document.getElementById("th-signin");
    var root = document.getElementById("root");
    if (!overlay) {
      return;
    }
    var form = overlay.querySelector("form");
    var button = form.querySelector("button[type=submit]");
    var message = overlay.querySelector("[data-th-message]");
    if (root) {
      root.inert = true;
      root.setAttribute("aria-hidden", "true");
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      realFetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "Accept": "application/json", "X-Th-Signin": "fetch" },
        credentials: "same-origin",
        redirect: "error"
      }).then(function (response) {
        return response.json();
      }).then(function (answer) {
        if (answer.ok) {
          // Signed in (the cookie is set): from here a failure reloads the page, which opens signed in;
          // the plain POST of the catch below would find the form gone.
          setTimeout(function () {
            try {
              overlay.remove();
              if (root) {
                root.inert = false;
                root.removeAttribute("aria-hidden");
              }
              release();
            } catch (error) {
              location.reload();
            }
          });
          return;
        }
        form.elements.csrf.value = answer.csrf;
        form.elements.password.value = "";
        message.className = "error";
        message.setAttribute("role", "alert");
        message.textContent = answer.error;
        message.hidden = false;
        button.disabled = false;
        form.elements.password.focus();
      }).catch(function () {
        form.submit();  // anything unexpected (a proxy's error page): the plain POST, as without scripts
      });
    });
  }

  // While the person types: evaluate the overview's element chunks (Streamlit imports each lazily, when its
  // first element arrives; the modules are shared by URL, so its own import later finds them ready) and fetch
  // the map frame's page at the very address Streamlit will give it (the prefetch hint of the same file
  // without the query is not used for the frame's document).
  function warm() {
    document.querySelectorAll('link[rel="modulepreload"][data-th-element]').forEach(function (link) {
      import(link.href).catch(function () { /* Streamlit will load it itself */ });
    });
    var frame = document.querySelector('meta[name="th-frame"]');
    if (frame) {
      var hint = document.createElement("link");
      hint.rel = "prefetch";
      hint.href = frame.getAttribute("content") + "?streamlitUrl=" +
        encodeURIComponent(location.origin + location.pathname);
      document.head.appendChild(hint);
    }
  }
  window.addEventListener("load", function () {
    (window.requestIdleCallback || setTimeout)(warm);
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
