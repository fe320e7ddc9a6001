/* Boxes that scroll sideways on a narrow screen: the timelines (.site-figure__scroll) and the wide
   tables (Material's .md-typeset__scrollwrap). Without this script they scroll as before, with no
   sign of it. With it, a timeline opens at the data's date (its .fig-today line) and says in words
   that it scrolls, its destination and lane labels stay in sight at its left edge, and every box
   fades out at an edge with more beyond it (data-more="start end", --fade-start and --fade-end:
   site.css draws the fade). Our own code, no library, served with the site: from disk too. */
(function () {
  "use strict";

  var BOXES = ".site-figure__scroll, .md-typeset__scrollwrap";
  var TODAY_AT = 0.5; // the date line opens mid-box: the past left of it, the plans and its date label right
  var FADE = 32; // px: the widest fade at an edge; narrower while less than that is beyond it
  var hints = new WeakMap(); // a timeline's box -> its line of words
  var seen = new WeakSet(); // boxes already set up: Material may show the same page again
  // A box's width changes with the window (a phone turned): its overflow, cue and hint with it.
  var resized = "ResizeObserver" in window
    ? new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target); });
      })
    : null;

  function hintWords(more) {
    if (more.length === 2) return "← Scroll sideways for earlier and later years →";
    return more[0] === "start" ? "← Scroll sideways for earlier years" : "Scroll sideways for later years →";
  }

  function update(box) {
    var beyond = box.scrollWidth - box.clientWidth; // px out of sight, left and right together
    var more = [];
    if (beyond > 1) { // a pixel is rounding, not something to scroll to
      if (box.scrollLeft > 1) more.push("start");
      if (box.scrollLeft < beyond - 1) more.push("end");
    }
    if (box.getAttribute("data-more") !== (more.join(" ") || null)) {
      if (more.length) box.setAttribute("data-more", more.join(" "));
      else box.removeAttribute("data-more");
    }
    // While it scrolls, a keyboard can reach it and scroll it with the arrow keys: its links are
    // reachable too, but one by one, and axe-core does not count a drawing's links as a way in.
    if (more.length > 0 !== box.hasAttribute("tabindex")) {
      if (more.length) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    }
    // The fades grow with what lies beyond them, so none appears or jumps at once.
    var start = Math.min(box.scrollLeft, FADE);
    box.style.setProperty("--fade-start", start + "px");
    box.style.setProperty("--fade-end", Math.max(0, Math.min(beyond - box.scrollLeft, FADE)) + "px");
    var hint = hints.get(box);
    if (hint) {
      hint.hidden = !more.length;
      if (more.length) hint.textContent = hintWords(more);
    }
    // The labels follow the scroll, just past the fade, in the drawing's units (site.css: --fig-pin).
    var svg = box.querySelector("svg.fig-timeline");
    if (svg && svg.viewBox.baseVal && svg.getBoundingClientRect().width) {
      var units = svg.viewBox.baseVal.width / svg.getBoundingClientRect().width;
      svg.style.setProperty("--fig-pin", ((box.scrollLeft + start) * units).toFixed(1) + "px");
    }
  }

  // At once, never animated: the reader did not ask for a movement (prefers-reduced-motion or not).
  function openAtToday(box) {
    var today = box.querySelector(".fig-today");
    if (!today || box.scrollWidth <= box.clientWidth) return;
    var x = today.getBoundingClientRect().left - box.getBoundingClientRect().left + box.scrollLeft;
    box.scrollLeft = Math.max(0, x - box.clientWidth * TODAY_AT);
  }

  function setUp() {
    if (resized) resized.disconnect(); // the boxes of the page before are gone
    document.querySelectorAll(BOXES).forEach(function (box) {
      if (!seen.has(box)) {
        seen.add(box);
        var drawing = box.querySelector("svg.fig-timeline");
        if (drawing) {
          // Named as its drawing is, for when it takes the focus.
          box.setAttribute("role", "group");
          box.setAttribute("aria-labelledby", drawing.getAttribute("aria-labelledby"));
          var hint = document.createElement("p");
          hint.className = "site-figure__hint";
          hint.hidden = true;
          // How to see the drawing, not what it shows: its description says that to a screen reader.
          hint.setAttribute("aria-hidden", "true");
          box.parentNode.insertBefore(hint, box);
          hints.set(box, hint);
        }
        openAtToday(box);
        box.addEventListener("scroll", function () { update(box); }, { passive: true });
      }
      update(box);
      if (resized) resized.observe(box);
    });
  }

  // Once the page is read; then again for each page Material's instant navigation shows without a
  // load, which its document$ tells of. Read from disk (file://) document$ tells of none, not even
  // the first: so both. A box is set up once (seen), whoever asks first.
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp);
})();
