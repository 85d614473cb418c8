// Builds DOM without markup strings: text goes in through textContent, values through
// attribute setters, so page text and backend strings can never become HTML.

/**
 * h("li", {class: "row", "data-source-type": type, text: name}, child, ...)
 * `text` sets textContent; `style` takes an object of CSS properties; other keys are attributes.
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") element.textContent = String(value);
    else if (key === "class") element.className = value;
    else if (key === "style") {
      for (const [property, v] of Object.entries(value)) element.style.setProperty(property, v);
    } else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}
