// The overlay all page UI lives in: one zero-size, absolutely placed element at the end of
// <html>, so chips and the popover never take part in the page's layout.

const HOST_STYLE = {
  all: "initial",
  position: "absolute",
  top: "0",
  left: "0",
  width: "0",
  height: "0",
  overflow: "visible",
  "z-index": "2147483000",
  display: "block",
};

/** Applies inline !important styles, which page stylesheets cannot override. */
export function pinStyle(element, style) {
  for (const [property, value] of Object.entries(style)) {
    element.style.setProperty(property, value, "important");
  }
}

export function createLayer(doc) {
  const layer = doc.createElement("sourcemark-layer");
  pinStyle(layer, HOST_STYLE);
  doc.documentElement.append(layer);
  return layer;
}

/** An element's box in the layer's coordinates (which scroll with the page). */
export function boxInLayer(layer, element) {
  const origin = layer.getBoundingClientRect();
  const box = element.getBoundingClientRect();
  return {
    top: box.top - origin.top,
    left: box.left - origin.left,
    right: box.right - origin.left,
    width: box.width,
    height: box.height,
  };
}

/** Sourcemark's own elements (layer, chips, marks, skip link), which page logic must skip. */
export function isOwnElement(node) {
  return node.nodeType === Node.ELEMENT_NODE && node.localName.startsWith("sourcemark-");
}

const sheets = new Map(); // CSS text -> one constructed sheet, shared by every shadow root

/**
 * Styles a shadow root. One constructed sheet is shared by all roots with the same CSS: a
 * <style> per chip made the browser match styles for each of thousands of chips. Where the
 * browser refuses a content script's sheet, the root gets its own <style>.
 */
export function adoptStyles(root, css) {
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    if (root.adoptedStyleSheets.length === 1) return;
  } catch {
    // falls back below
  }
  const style = root.ownerDocument.createElement("style");
  style.textContent = css;
  root.prepend(style);
}
