/* Links inside the figures (inline SVG, hooks/missionsite/svg.py) are plain <a href>, which crawlers
   follow. Material's instant navigation makes every relative [href] of a page absolute by assigning
   an element's href to itself (`el.href = el.href`), on the first page and on each page it fetches.
   An HTML link's href is a string with a setter; an SVG link's is an SVGAnimatedString with a getter
   only, so in the theme's strict-mode code that assignment throws: on the first page the rest of its
   links stay relative, and a fetched page with a figure is never shown.

   This gives SVG links the setter they lack, and leaves the getter as the browser made it: assigning
   an SVGAnimatedString (the self-assignment) or a string writes the href attribute, made absolute as
   an HTML link's would be. Nothing else changes; a click on a figure's link is a normal navigation,
   as the theme leaves every link with a target (an SVG link's target is never empty).

   Loaded before the theme's script (overrides/main.html), which resolves the first page at once.
   Our own code, no library, served with the site. */
(function () {
  "use strict";

  if (!("SVGAElement" in window)) return;
  var proto = SVGAElement.prototype;
  var own = Object.getOwnPropertyDescriptor(proto, "href");
  // A browser that already has a setter, or puts href elsewhere, is left as it is.
  if (!own || !own.get || own.set || !own.configurable) return;

  Object.defineProperty(proto, "href", {
    configurable: true,
    enumerable: own.enumerable,
    get: own.get,
    set: function (value) {
      var url = value instanceof SVGAnimatedString ? value.baseVal : String(value);
      this.setAttribute("href", new URL(url, this.baseURI).href);
    }
  });
})();
