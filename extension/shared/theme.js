// Colours of source types and tones, for the page UI (in shadow roots) and the popup.
// Each scheme keeps text and marks at WCAG AA contrast on its own background.
export const THEME_CSS = `
:host, :root {
  --sm-bg: #ffffff; --sm-fg: #0f172a; --sm-muted: #475569; --sm-faint: #e2e8f0;
  --sm-raised: #f8fafc; --sm-border: #cbd5e1; --sm-shadow: 0 12px 32px rgba(15, 23, 42, .18), 0 2px 6px rgba(15, 23, 42, .08);
  --sm-focus: #2563eb;
  --sm-named_person: #2563eb; --sm-named_organization: #0e7490; --sm-document: #7c3aed;
  --sm-anonymous: #c2410c; --sm-vague: #be185d; --sm-unattributed: #94a3b8;
  --sm-positive: #15803d; --sm-neutral: #94a3b8; --sm-negative: #dc2626;
  --sm-quote-bg: rgba(234, 179, 8, .16);
}
@media (prefers-color-scheme: dark) {
  :host, :root {
    --sm-bg: #0f172a; --sm-fg: #e2e8f0; --sm-muted: #94a3b8; --sm-faint: #1e293b;
    --sm-raised: #131c31; --sm-border: #334155; --sm-shadow: 0 12px 32px rgba(0, 0, 0, .5);
    --sm-focus: #60a5fa;
    --sm-named_person: #60a5fa; --sm-named_organization: #22d3ee; --sm-document: #a78bfa;
    --sm-anonymous: #fb923c; --sm-vague: #f472b6; --sm-unattributed: #64748b;
    --sm-positive: #4ade80; --sm-neutral: #94a3b8; --sm-negative: #f87171;
    --sm-quote-bg: rgba(250, 204, 21, .12);
  }
}
`;

export const TYPE_LETTERS = Object.freeze({
  named_person: "P",
  named_organization: "O",
  document: "D",
  anonymous: "A",
  vague: "V",
  unattributed: "–",
});
