// Finds an article's paragraphs in the live page. A first simple version: Readability, on a
// clone of the document, decides whether the page is an article and which element holds
// it; its paragraphs are mapped back to the live <p> elements by their text.
import { isProbablyReaderable, Readability } from "@mozilla/readability";

const MIN_PARAGRAPH_CHARS = 25;
const EXCLUDED_CONTAINERS = "nav, aside, header, footer, figure, figcaption, form, [role=navigation], [role=complementary], [role=contentinfo]";

const normalize = (text) => text.replace(/\s+/g, " ").trim();

/**
 * @param {Document} doc
 * @returns {{isArticle: boolean, title: string, paragraphs: Array<{element: Element, text: string}>}}
 */
export function findArticleParagraphs(doc) {
  const none = { isArticle: false, title: doc.title || "", paragraphs: [] };
  if (!isProbablyReaderable(doc)) return none;
  const article = new Readability(doc.cloneNode(true), { serializer: (el) => el }).parse();
  if (!article || !article.content) return none;

  const wanted = new Map(); // normalised text -> how many times the article has it
  for (const p of article.content.querySelectorAll("p")) {
    const text = normalize(p.textContent);
    if (text.length >= MIN_PARAGRAPH_CHARS) wanted.set(text, (wanted.get(text) ?? 0) + 1);
  }
  const paragraphs = [];
  for (const element of doc.body.querySelectorAll("p")) {
    const text = normalize(element.textContent);
    const left = wanted.get(text);
    if (!left || element.closest(EXCLUDED_CONTAINERS)) continue;
    wanted.set(text, left - 1);
    paragraphs.push({ element, text: element.textContent });
  }
  return {
    isArticle: paragraphs.length > 0,
    title: article.title || doc.title || "",
    paragraphs,
  };
}
