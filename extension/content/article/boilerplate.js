// What Readability keeps inside an article but is not the article's own text: captions,
// bylines, "read more" and related links, newsletter boxes, comments, navigation.

// Containers whose text is never the article's running text.
const BOILERPLATE_TAGS = new Set([
  "FIGURE", "FIGCAPTION", "NAV", "ASIDE", "HEADER", "FOOTER", "FORM", "BUTTON", "LABEL", "SELECT",
  "CAPTION",
]);
const BOILERPLATE_ROLES = new Set(["navigation", "complementary", "contentinfo", "dialog", "alert"]);

// Class or id words naming such containers; matched as whole words of a class/id
// ("share-bar", "related_links"), so "shared-content" or "commentary" do not match.
const BOILERPLATE_WORDS = new RegExp(
  "(?:^|[^a-z])(" +
    [
      "caption", "credit", "credits", "byline", "dateline", "newsletter", "subscribe",
      "subscription", "signup", "related", "readmore", "recommended", "comment", "comments",
      "share", "sharing", "promo", "advert", "advertisement", "ad", "ads", "sponsor",
      "sponsored", "breadcrumb", "breadcrumbs", "tags", "nav", "navigation", "sidebar", "footer",
      "gallery", "slideshow", "carousel", "lightbox",
    ].join("|") +
    ")(?:$|[^a-z])",
  "i",
);

/** Whether the live element is drawn at all (CSS-hidden text is not what the reader reads). */
export function isVisible(el) {
  if (typeof el.checkVisibility === "function") {
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
    if (BOILERPLATE_ROLES.has(node.getAttribute("role"))) return true;
    if (
      BOILERPLATE_WORDS.test(classAndId(node)) &&
      node.textContent.length < articleLength / 2
    ) {
      return true;
    }
  }
  return false;
}

// A short text alone with a picture in its item or box is the picture's caption.
const CAPTION_LENGTH = 400;
const MEDIA = "img, picture, video, iframe";

/** Whether the paragraph is a caption: it shares its (grand)parent with media only. */
export function isCaption(el, text, root, isUnit) {
  if (text.replace(/\s+/g, " ").trim().length > CAPTION_LENGTH || el.querySelector(MEDIA)) {
    return false;
  }
  let box = el.parentElement;
  for (let depth = 0; depth < 2 && box && box !== root; depth++, box = box.parentElement) {
    if (!box.querySelector(MEDIA)) continue;
    const others = [...box.querySelectorAll("*")].some((d) => d !== el && isUnit(d));
    return !others;
  }
  return false;
}

function classAndId(node) {
  const cls = typeof node.className === "string" ? node.className : "";
  return `${cls} ${node.id || ""}`;
}

// Lines this short can be a promo, call to action, credit or timestamp; longer ones are
// running text even when they start like one.
const SHORT_LINE = 200;

// Lines that open a promo or call to action.
const PROMO_START = new RegExp(
  "^\\W*(?:" +
    [
      "read (?:more|next|also)", "related(?: coverage| stories| articles| content)?\\s*:",
      "see (?:also|more)", "more(?: from| on| stories)?\\s*:", "also (?:on|read|see)\\b",
      "don'?t miss", "click here", "sign up", "subscribe", "follow (?:us|\\S+ on)",
      "listen (?:to|live)", "want more", "get the latest", "join (?:our|the)",
      "share (?:this|on|it)", "you (?:may|might) (?:also )?like",
    ].join("|") +
    ")",
  "i",
);
// Lines that are nothing but a section label.
const LABEL_LINE = /^\W*(?:\d+\s+)?(?:advertisement|sponsored(?: content)?|trending(?: now)?|most (?:popular|read)|popular|latest(?: news)?|recommended(?: for you)?|related(?: news)?|comments?|print(?: this article)?|loading(?: content)?|share(?: this)?|sign in|log in|caption|close|menu|search|email|tweet|next|previous|skip)\W*$/i;
const NEWSLETTER = /\bnewsletters?\b|\b(?:to|in) your inbox\b/i;
const CREDIT = /^\W*(?:(?:image|photo|picture|video|graphic)s?(?: copyright| credit)?|credits?|source)\s*[:©]|^\W*(?:image|photo) copyright\b|\((?:image|photo|picture)s?:[^)]*\)\s*$|\bcopyright\b|©|all rights reserved/i;
const BYLINE = /^\W*(?:[Bb]y|[Ww]ritten by|[Pp]osted by|[Ww]ith)\s+\p{Lu}/u;
const BRACKETED = /^\s*\[[^\]]*\]\s*$/;
// What a timestamp line is made of; a line with nothing else is one.
const DATE_WORDS = /\b(?:posted|updated|published|last|modified|on|at|am|pm|a\.m\.|p\.m\.|[ecmp][sd]t|utc|gmt|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b|\d+(?:st|nd|rd|th)?/gi;

/** Whether a short paragraph's words mark it as a promo, credit, byline or timestamp. */
export function isBoilerplateText(text) {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length > SHORT_LINE) return false;
  if (PROMO_START.test(line) || LABEL_LINE.test(line) || NEWSLETTER.test(line) || CREDIT.test(line)) return true;
  if (BRACKETED.test(line)) return true;
  if (line.length < 100 && BYLINE.test(line)) return true;
  return !/\p{L}{2,}/u.test(line.replace(DATE_WORDS, ""));
}

/**
 * Whether the paragraph is a link to another story: mostly link text, and a headline rather
 * than a sentence (no closing full stop), so a fully linked sentence of the article stays.
 */
export function isStoryLink(el, text) {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length === 0 || /[.!?…]["”’)\]]*$/.test(line)) return false;
  let linked = 0;
  for (const a of el.querySelectorAll("a")) linked += a.textContent.replace(/\s+/g, " ").length;
  if (el.closest("a")) linked = line.length;
  return linked / line.length > LINK_SHARE;
}
const LINK_SHARE = 0.6;

// Bare labels that open a block of other stories at the end of an article.
const OTHER_STORIES = /^\W*(?:(?:recent|related|more|latest|popular|trending|recommended|top|other)(?:\s+[\w'’]+){0,3}|you (?:may|might) (?:also )?like|most (?:read|popular|viewed)|editor'?s'? picks?)\W*$/i;
// What follows such a label is headlines and teasers, not paragraphs.
const TEASER_LENGTH = 150;

/**
 * Index of the paragraph that opens a closing block of other stories ("Recent articles",
 * "More from ..."), or -1. A subhead such as "More protests" opens long paragraphs, so a
 * label counts only when what follows it is mostly short lines.
 */
export function otherStoriesStart(texts) {
  const lines = texts.map((t) => t.replace(/\s+/g, " ").trim());
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].length > 40 || !OTHER_STORIES.test(lines[i])) continue;
    const rest = lines.slice(i + 1);
    const total = rest.reduce((sum, l) => sum + l.length, 0);
    const short = rest.filter((l) => l.length < TEASER_LENGTH).reduce((s, l) => s + l.length, 0);
    if (total === 0 || short / total >= 0.6) return i;
  }
  return -1;
}
