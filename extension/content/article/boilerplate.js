// What Readability keeps inside an article but is not the article's own text: captions,
// bylines, "read more" and related links, newsletter boxes, comments, navigation.

// Containers whose text is never the article's running text.
const BOILERPLATE_TAGS = new Set([
  'FIGURE', 'FIGCAPTION', 'NAV', 'ASIDE', 'FOOTER', 'FORM', 'BUTTON', 'LABEL', 'SELECT', 'CAPTION',
]);
const BOILERPLATE_ROLES = new Set(['navigation', 'complementary', 'contentinfo', 'dialog', 'alert']);

// Class or id words naming such containers; matched as whole words of a class/id
// ("share-bar", "related_links"), so "shared-content" or "commentary" do not match.
const BOILERPLATE_WORDS = new RegExp(
  '(?:^|[^a-z])(' +
    [
      'caption', 'credit', 'credits', 'byline', 'dateline', 'newsletter', 'subscribe',
      'subscription', 'signup', 'related', 'readmore', 'recommended', 'comment', 'comments',
      'share', 'sharing', 'promo', 'advert', 'advertisement', 'ad', 'ads', 'sponsor',
      'sponsored', 'breadcrumb', 'breadcrumbs', 'tags', 'nav', 'navigation', 'sidebar', 'footer',
    ].join('|') +
    ')(?:$|[^a-z])',
  'i',
);

/** Whether the live element is drawn at all (CSS-hidden text is not what the reader reads). */
export function isVisible(el) {
  if (typeof el.checkVisibility === 'function') {
    return el.checkVisibility({ visibilityProperty: true });
  }
  return el.getClientRects().length > 0;
}

/**
 * Whether a live paragraph element is boilerplate: itself, or a container between it and
 * the article's root, is such a thing. The root and what is above it are not checked, since
 * page-wide classes ("has-comments") say nothing about one paragraph; nor are class names of
 * a container holding most of the article ("content-with-sidebar"), since Readability chose it.
 */
export function isBoilerplate(el, root, articleLength) {
  for (let node = el; node && node !== root; node = node.parentElement) {
    if (BOILERPLATE_TAGS.has(node.tagName)) return true;
    if (BOILERPLATE_ROLES.has(node.getAttribute('role'))) return true;
    if (
      BOILERPLATE_WORDS.test(classAndId(node)) &&
      node.textContent.length < articleLength / 2
    ) {
      return true;
    }
  }
  return false;
}

function classAndId(node) {
  const cls = typeof node.className === 'string' ? node.className : '';
  return `${cls} ${node.id || ''}`;
}
