// Backend offsets count Unicode code points; the DOM counts UTF-16 code units. These helpers
// turn a code-point span of an element's textContent into a DOM Range over its text nodes.

/** utf16[i] is the UTF-16 index of code point i; one extra entry marks the end. */
export function codePointOffsets(text) {
  const utf16 = [];
  let index = 0;
  for (const char of text) {
    utf16.push(index);
    index += char.length;
  }
  utf16.push(index);
  return utf16;
}

/** Text nodes of an element in document order, with where each starts in textContent. */
export class TextMap {
  constructor(element) {
    this.element = element;
    this.nodes = [];
    this.starts = [];
    const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let offset = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      this.nodes.push(node);
      this.starts.push(offset);
      offset += node.data.length;
    }
    this.utf16 = codePointOffsets(element.textContent);
  }

  /** A Range for code points [start, end), or null when the span is empty or out of bounds. */
  range(start, end) {
    const last = this.utf16.length - 1;
    if (!(start >= 0 && end > start && end <= last)) return null;
    const from = this.locate(this.utf16[start], true);
    const to = this.locate(this.utf16[end], false);
    if (!from || !to) return null;
    const range = this.element.ownerDocument.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    return range;
  }

  // A boundary at the seam of two text nodes belongs to the next node when it starts a
  // range and to the previous one when it ends it, so ranges never spill into a neighbour.
  locate(index, isStart) {
    let low = 0;
    let high = this.nodes.length - 1;
    let found = -1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const begins = this.starts[mid];
      const ends = begins + this.nodes[mid].data.length;
      if (isStart ? index < begins : index <= begins) high = mid - 1;
      else if (isStart ? index >= ends : index > ends) low = mid + 1;
      else {
        found = mid;
        break;
      }
    }
    if (found < 0) return null;
    return { node: this.nodes[found], offset: index - this.starts[found] };
  }
}
