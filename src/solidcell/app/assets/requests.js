/* solidcell dashboard: say on the page why a callback request was not answered.

Every action of the page is one POST to /_dash-update-component. Dash's renderer drops a
refused request without a word (its error goes to the developer tools, which the dashboard
does not show): a 1.2 MB text pasted into a box got the server's 413 and the page did
nothing. This file (served by Dash from the app's assets folder) wraps window.fetch for
those requests:

- a body larger than the server accepts is not sent: the limit and its rule are the
  server's (the page's meta tags solidcell-max-request-bytes and solidcell-request-rule,
  written from server.MAX_REQUEST_BYTES and REQUEST_SIZE_RULE), and the message is the one
  the server's 413 answer gives;
- any answer that is not 2xx (413, 400, 403, 500, ...) and no answer at all (the server
  stopped) are shown: a body too large beside the box holding the longest value (its
  "<id>-msg" span, where the page's other messages of that box appear), anything else in
  the line at the top of the page (#request-msg).

What was typed stays in its box and nothing is stored: the server read nothing. A message
left here goes when the same action is next answered.
*/
(function () {
  "use strict";
  var CALLBACK = "_dash-update-component";
  var GENERAL = "request-msg";
  var HEAD = 24; // characters of a value quoted in a message
  var LONGEST = 400; // characters of an answer quoted in a message
  // messages shown here: action (the callback's outputs) -> {element id: text}
  var left = {};
  var originalFetch = window.fetch.bind(window);

  function meta(name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : null;
  }

  function setText(id, text) {
    var dc = window.dash_clientside;
    if (dc && typeof dc.set_props === "function") {
      dc.set_props(id, { children: text }); // through Dash: its own callbacks see it
    } else {
      var el = document.getElementById(id);
      if (el) el.textContent = text;
    }
  }

  function show(action, id, text) {
    setText(id, text);
    (left[action] = left[action] || {})[id] = text;
  }

  // an action answered: the messages it left go (unless something else replaced them)
  function clear(action) {
    var shown = left[action];
    delete left[action];
    Object.keys(shown || {}).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && el.textContent === shown[id]) setText(id, "");
    });
  }

  function textOf(value) {
    if (typeof value === "string") return value;
    return value === undefined ? "" : JSON.stringify(value);
  }

  // the box whose value is longest: [element id, its value as text]
  function longest(payload) {
    var best = null;
    var items = [].concat(payload.inputs || [], payload.state || []);
    items.forEach(function (item) {
      [].concat(item).forEach(function (one) {
        if (!one || one.id === undefined) return;
        var text = textOf(one.value);
        if (!best || text.length > best[1].length) best = [one.id, text];
      });
    });
    return best;
  }

  function summary(text) {
    var head = text.slice(0, HEAD).replace(/\s+/g, " ");
    return text.length + " characters ('" + head + (text.length > HEAD ? "...'" : "'") + ")";
  }

  // the first line of a plain-text answer, the text of an HTML one
  function answerText(res, body) {
    var type = res.headers.get("Content-Type") || "";
    var text = body;
    if (type.indexOf("html") >= 0) {
      text = new DOMParser().parseFromString(body, "text/html").body.textContent || "";
    }
    text = text.replace(/\s+/g, " ").trim();
    return text.length > LONGEST ? text.slice(0, LONGEST) + "..." : text;
  }

  // a body too large: beside the box that made it so (else the general line)
  function tooLarge(action, payload, prefix, line) {
    var box = longest(payload);
    var name = box ? (typeof box[0] === "string" ? box[0] : JSON.stringify(box[0])) : "";
    var target = box && document.getElementById(name + "-msg") ? name + "-msg" : GENERAL;
    var what = box ? name + " holds " + summary(box[1]) + "; " : "";
    show(action, target, prefix + ": " + what + line);
  }

  function trigger(payload) {
    var changed = (payload.changedPropIds || [])[0];
    return changed || payload.output || "a request of the page";
  }

  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    var body = init && init.body;
    if (url.indexOf(CALLBACK) < 0 || typeof body !== "string") { // not a callback
      return originalFetch(resource, init);
    }
    var payload = {}; // the page's own requests are JSON; any other is still watched
    try {
      payload = JSON.parse(body) || {};
    } catch (e) {
      payload = {};
    }
    var action = String(payload.output || "?");
    var limit = Number(meta("solidcell-max-request-bytes"));
    var size = new Blob([body]).size; // the bytes sent: the request's Content-Length
    if (limit > 0 && size > limit) {
      clear(action);
      tooLarge(action, payload, "not sent", "request: " + size + " is not allowed; " +
        (meta("solidcell-request-rule") || "at most " + limit + " bytes"));
      // answered as Dash's "no update": the page stays as it is
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    return originalFetch(resource, init).then(function (res) {
      clear("");
      if (res.ok) {
        clear(action);
        return res;
      }
      return res.clone().text().then(function (text) {
        clear(action);
        var said = answerText(res, text);
        if (res.status === 413) {
          tooLarge(action, payload, "refused by the dashboard", said);
        } else {
          show(action, GENERAL, "not done (" + trigger(payload) + "): the dashboard answered " +
            res.status + (said ? ": " + said : ""));
        }
        return res;
      });
    }, function (error) {
      show("", GENERAL, "not done (" + trigger(payload) + "): no answer from the dashboard at " +
        window.location.origin + " (" + error + "); is solidcell app still running? What you " +
        "typed stays in the page");
      throw error;
    });
  };
})();
