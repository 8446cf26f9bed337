import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * The one Markdown renderer, for every piece of Markdown in Hearth (lessons, prompts,
 * replies, chat). Pages only ever show the HTML it returns.
 *
 * Two independent layers keep script out: markdown-it with raw HTML off (so `<script>`
 * stays text) and its own link checks, then sanitize-html against an allow-list, which
 * would catch anything the first layer let through. Links open as untrusted user content;
 * images load only over https.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: true, breaks: false });

// Rendered Markdown always sits under a page's own title (the one <h1>), so its headings
// start one level down: `#` becomes <h2>.
for (const rule of ['heading_open', 'heading_close'] as const) {
  markdown.renderer.rules[rule] = (tokens, index) => {
    const level = Math.min(Number(tokens[index].tag.slice(1)) + 1, 6);
    return rule === 'heading_open' ? `<h${level}>` : `</h${level}>\n`;
  };
}

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr',
    'ul', 'ol', 'li', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedClasses: { code: [/^language-[a-z0-9+#-]+$/] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow ugc' } }),
  },
  // An image whose source did not survive the scheme check is dropped, not left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/** Markdown source to safe HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), ALLOWED);
}

/** Only the inline part (no paragraphs or blocks), for short texts such as quiz options. */
export function renderInlineMarkdown(source: string): string {
  return sanitizeHtml(markdown.renderInline(source), ALLOWED);
}
