// Finds the article's paragraphs on the live page without changing it.
// Readability decides, on a clone, whether the page is an article and which part is the
// article; its paragraphs are then mapped back to the live elements, and our own filters
// drop what Readability keeps but a reader would not call the article's text.
import { Readability, isProbablyReaderable } from "@mozilla/readability";
import {
  isBoilerplate,
  isCaption,
  isBoilerplateText,
  isStoryLink,
  isVisible,
  otherStoriesStart,
} from "./article/boilerplate.js";

// Set on the clone only, so a clone element can name the live element it copies.
const INDEX_ATTR = "data-sourcemark-index";

// Elements that hold one paragraph of text. The innermost one wins when they nest.
// Subheads are kept: they are part of the article's text, and the reader sees them marked
// as the outlet's own voice. The title (h1) is not a paragraph.
const UNIT_TAGS = new Set(["P", "LI", "BLOCKQUOTE", "PRE", "DD", "H1", "H2", "H3", "H4", "H5", "H6"]);

const NOT_AN_ARTICLE = Object.freeze({ isArticle: false, title: "", paragraphs: [] });

/**
 * @param {Document} doc the live page
 * @returns {{isArticle: boolean, title: string, paragraphs: Array<{element: Element, text: string}>}}
 */
export function findArticleParagraphs(doc) {
  const read = readArticle(doc);
  return read.article ? placeArticle(doc, read) : NOT_AN_ARTICLE;
}

/**
 * The same, in two tasks: `pause()` (a promise) between Readability's parse of the clone and
 * the mapping back to the page, so that a page of thousands of paragraphs never holds the
 * main thread for long. A page that changed meanwhile is read again at once.
 */
export async function findArticleParagraphsPaced(doc, pause) {
  const read = readArticle(doc);
  if (!read.article) return NOT_AN_ARTICLE;
  await pause();
  return read.liveElements.length === read.count ? placeArticle(doc, read) : findArticleParagraphs(doc);
}

/** Readability's article on an indexed clone of the page, or {} when there is none. */
function readArticle(doc) {
  if (!doc.body) return {};
  // Readability's quick test wants a few long paragraphs; news with short paragraphs fails
  // it, so a page that declares itself an article is also read.
  const readerable = isProbablyReaderable(doc);
  if (!readerable && !declaresArticle(doc)) return {};
  const liveElements = doc.getElementsByTagName("*");
  const clone = doc.cloneNode(true);
  const cloneElements = clone.getElementsByTagName("*");
  if (cloneElements.length !== liveElements.length) return {};
  for (let i = 0; i < cloneElements.length; i++) cloneElements[i].setAttribute(INDEX_ATTR, i);

  let article;
  try {
    article = new Readability(clone, { serializer: (el) => el }).parse();
  } catch {
    return {};
  }
  if (!article || !article.content) return {};
  return { article, liveElements, count: cloneElements.length, readerable };
}

/** Readability's paragraphs mapped back to the live page, and filtered. */
function placeArticle(doc, { article, liveElements, readerable }) {
  const mapped = mapUnitsToLive(article.content, liveElements);
  const root = commonAncestor(mapped);
  const units = withEmbeddedPosts(mapped, root);
  const articleLength = units.reduce((sum, el) => sum + el.textContent.length, 0);
  const title = squash(article.title || "");
  // A page hidden as a whole (an anti-flicker style waiting for its scripts) is about to be
  // shown; only parts hidden inside a shown article are not the reader's text.
  const checkVisible = root && isVisible(root) ? isVisible : () => true;
  const kept = units
    .filter((el) => checkVisible(el) && !isBoilerplate(el, root, articleLength))
    .map((element) => ({ element, text: element.textContent }));
  const unitSet = new Set(units);
  const cut = otherStoriesStart(kept.map((p) => p.text));
  const paragraphs = (cut >= 0 ? kept.slice(0, cut) : kept).filter(
    (p) =>
      !p.element.closest("h1") &&
      /\p{L}|\p{N}/u.test(p.text) &&
      squash(p.text) !== title &&
      !isBoilerplateText(p.text) &&
      !isCaption(p.element, p.text, root, (el) => unitSet.has(el)) &&
      !isStoryLink(p.element, p.text),
  );
  const length = paragraphs.reduce((sum, p) => sum + p.text.trim().length, 0);
  if (length < (readerable ? 1 : MIN_DECLARED_ARTICLE_CHARS)) return NOT_AN_ARTICLE;
  return { isArticle: true, title: article.title || doc.title || "", paragraphs };
}

// A page that calls itself an article but has less text than this is a stub or a video page.
const MIN_DECLARED_ARTICLE_CHARS = 250;
const ARTICLE_TYPES = /^(?:\w*Article|BlogPosting|Report|LiveBlogPosting)$/;

// Open Graph or schema.org metadata saying the page is an article.
function declaresArticle(doc) {
  const og = doc.querySelector("meta[property=\"og:type\"]");
  if (og && /article/i.test(og.getAttribute("content") || "")) return true;
  for (const el of doc.querySelectorAll("[itemtype]")) {
    const type = (el.getAttribute("itemtype") || "").split("/").pop();
    if (ARTICLE_TYPES.test(type)) return true;
  }
  for (const script of doc.querySelectorAll("script[type=\"application/ld+json\"]")) {
    if (jsonLdTypes(script.textContent).some((t) => ARTICLE_TYPES.test(t))) return true;
  }
  return false;
}

function jsonLdTypes(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const types = [];
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const t = node["@type"];
      if (typeof t === "string") types.push(t);
      else if (Array.isArray(t)) types.push(...t.filter((x) => typeof x === "string"));
      if (node["@graph"]) visit(node["@graph"]);
      if (node.mainEntity) visit(node.mainEntity);
    }
  };
  visit(data);
  return types;
}

// The live elements behind Readability's paragraphs, in page order, none inside another.
function mapUnitsToLive(content, liveElements) {
  const found = new Set();
  for (const unit of innermostUnits(content)) {
    const live = liveElementFor(unit, content, liveElements);
    if (live && sameText(live, unit)) found.add(live);
  }
  return outermostInOrder(found);
}

// Embedded social posts are quotes of named sources, but Readability drops them with their
// "social" wrappers; those inside the article are put back, each as one paragraph.
const EMBEDDED_POSTS = "blockquote.twitter-tweet, blockquote.instagram-media, blockquote.tiktok-embed";

function withEmbeddedPosts(units, root) {
  const posts = root ? [...root.querySelectorAll(EMBEDDED_POSTS)] : [];
  return posts.length ? outermostInOrder(new Set([...units, ...posts])) : units;
}

function outermostInOrder(found) {
  const sorted = [...found].sort((a, b) =>
    a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1,
  );
  // An element inside another kept one is already covered by it. In page order an element's
  // descendants follow it directly, so only the last one kept can hold the next (one pass,
  // not a comparison of every pair: pages with thousands of paragraphs).
  const kept = [];
  for (const el of sorted) {
    if (!kept.length || !kept.at(-1).contains(el)) kept.push(el);
  }
  return kept;
}

function innermostUnits(content) {
  const candidates = [...content.querySelectorAll([...UNIT_TAGS].join())];
  const holders = new Set();
  for (const el of candidates) {
    for (let up = el.parentElement; up && up !== content && !holders.has(up); up = up.parentElement) {
      holders.add(up);
    }
  }
  return [...candidates.filter((el) => !holders.has(el)), ...looseTextHolders(content)];
}

// Readability wraps loose text in <p>s only inside <div>s; a <section> or <td> whose own text
// (outside any child element) is much of its text is a paragraph too.
const LOOSE_TEXT_MIN = 80;
const LOOSE_TEXT_SHARE = 0.3;

function looseTextHolders(content) {
  const found = [];
  for (const el of content.querySelectorAll("*")) {
    if (UNIT_TAGS.has(el.tagName) || el.tagName === "DIV") continue;
    let own = 0;
    for (const node of el.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) own += node.data.trim().length;
    }
    if (own >= LOOSE_TEXT_MIN && own >= LOOSE_TEXT_SHARE * el.textContent.trim().length) {
      found.push(el);
    }
  }
  return found;
}

// Readability wraps loose text of a <div> (text split by <br>s) in new <p>s; those have no
// index, and stand for their nearest indexed ancestor when such loose text is most of it.
// Otherwise the ancestor would bring back everything Readability cleaned out between its
// other paragraphs (scripts, ads, share bars), and the stray text is left out.
function liveElementFor(unit, content, liveElements) {
  for (let el = unit; el && el !== content; el = el.parentElement) {
    const index = el.getAttribute(INDEX_ATTR);
    if (index === null) continue;
    if (el === unit) return liveElements[Number(index)] || null;
    if (looseTextShare(el) < 0.5) return null;
    const live = liveElements[Number(index)];
    return live ? narrowByText(live, squash(unit.textContent).slice(0, 200)) : null;
  }
  return null;
}

// The innermost live element that holds the text: Readability may have unwrapped the element
// that did (a <div> of <br>-separated text), leaving only an ancestor with an index.
function narrowByText(el, text) {
  for (;;) {
    const inner = [...el.children].find((child) => squash(child.textContent).includes(text));
    if (!inner) return el;
    el = inner;
  }
}

function looseTextShare(container) {
  const total = container.textContent.length;
  let loose = 0;
  for (const p of container.getElementsByTagName("p")) {
    if (!p.hasAttribute(INDEX_ATTR)) loose += p.textContent.length;
  }
  return total ? loose / total : 0;
}

// Readability drops parts of a paragraph (buttons, hidden bits) but never adds text, so the
// live element must contain the clone paragraph's words.
function sameText(live, unit) {
  const unitText = squash(unit.textContent);
  return unitText.length > 0 && squash(live.textContent).includes(unitText.slice(0, 200));
}

function squash(text) {
  return text.replace(/\s+/g, " ").trim();
}

function commonAncestor(elements) {
  if (elements.length === 0) return null;
  let root = elements[0].parentElement;
  for (const el of elements) {
    while (root && !root.contains(el)) root = root.parentElement;
  }
  return root;
}
