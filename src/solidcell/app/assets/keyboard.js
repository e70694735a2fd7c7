/* solidcell dashboard: keyboard and screen-reader access Dash's components lack.

- The tab headers (dcc.Tabs: Design, Materials, Simulation, Screening, Prediction) are plain
  <div>s with a click handler: Tab never reached them and a keyboard-only user could not
  leave the Design tab. Each header is given role="tab", tabindex="0" and aria-selected,
  their row role="tablist", and Enter or Space on a header clicks it.
- A label names its box with <label for=id>; a dropdown's id is on a <div> around its
  combobox <input>, and a radio list's on a <div> around its radios, so the label named
  nothing a screen reader reads. The combobox is given aria-labelledby the label; a radio
  list role="radiogroup" and aria-labelledby.
- A plot (dcc.Graph) is an <svg> without a name: it is given role="figure" and a name made
  of its title and axis titles (e.g. "mass breakdown, one repeat unit; x: areal mass
  [mg/cm2]"), the words the figure shows.
- The message span beside a box ("<id>-msg", where a refusal appears) is announced when it
  changes (aria-live="polite") and the box names it (aria-describedby).

Dash renders (and re-renders) after this file runs, so the page is fixed up again on each
change of the document (MutationObserver).
*/
(function () {
  "use strict";
  var labelCount = 0;

  function labelId(label) {
    if (!label.id) {
      labelCount += 1;
      label.id = "solidcell-label-" + labelCount;
    }
    return label.id;
  }

  function setAttr(el, name, value) {
    if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  function fixTabs() {
    document.querySelectorAll(".tab").forEach(function (tab) {
      setAttr(tab, "role", "tab");
      setAttr(tab, "tabindex", "0");
      setAttr(tab, "aria-selected", String(tab.classList.contains("tab--selected")));
      if (tab.parentElement) setAttr(tab.parentElement, "role", "tablist");
      if (!tab.dataset.solidcellKeys) {
        tab.dataset.solidcellKeys = "1";
        tab.addEventListener("keydown", function (ev) {
          if (ev.key === "Enter" || ev.key === " ") {
            ev.preventDefault();
            tab.click();
          }
        });
      }
    });
  }

  function fixLabels() {
    document.querySelectorAll("label[for]").forEach(function (label) {
      var target = document.getElementById(label.htmlFor);
      if (!target) return;
      var described = document.getElementById(label.htmlFor + "-msg");
      var box = target;
      if (!/^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(target.tagName)) {
        var radios = target.querySelectorAll("input[type=radio]");
        if (radios.length) {
          setAttr(target, "role", "radiogroup");
          setAttr(target, "aria-labelledby", labelId(label));
          box = null;
        } else {
          box = target.querySelector("input");
          if (box) setAttr(box, "aria-labelledby", labelId(label));
        }
      }
      if (described) {
        setAttr(described, "aria-live", "polite");
        if (box) setAttr(box, "aria-describedby", described.id);
      }
    });
  }

  function titleText(t) {
    if (!t) return "";
    return typeof t === "string" ? t : t.text || "";
  }

  function fixGraphs() {
    document.querySelectorAll(".dash-graph[id]").forEach(function (graph) {
      var plot = graph.querySelector(".js-plotly-plot");
      var layout = plot && plot.layout;
      if (!layout) return;
      var parts = [titleText(layout.title)];
      if (titleText(layout.xaxis && layout.xaxis.title)) {
        parts.push("x: " + titleText(layout.xaxis.title));
      }
      if (titleText(layout.yaxis && layout.yaxis.title)) {
        parts.push("y: " + titleText(layout.yaxis.title));
      }
      var name = parts.filter(Boolean).join("; ");
      if (!name) return;
      setAttr(graph, "role", "figure");
      setAttr(graph, "aria-label", "plot: " + name);
    });
  }

  function fix() {
    fixTabs();
    fixLabels();
    fixGraphs();
  }

  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      fix();
    });
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
                                         attributeFilter: ["class"] });
  fix();
})();
