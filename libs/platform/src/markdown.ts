import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { MENTION } from '@hearth/contracts';

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

// @mentions: `@name` becomes a link to that member's profile when `name` is a member the
// caller resolved (env.mentions). Every name written as a mention (not in code, not escaped,
// not inside a link) is collected in env.mentioned, so the names to resolve and notify are
// found by the very parser that links them.
const mentionRule = (state: MarkdownIt.StateInline, silent: boolean): boolean => {
  if (state.src.charCodeAt(state.pos) !== 0x40 || state.linkLevel > 0) return false;
  if (state.pos > 0 && MENTION.wordCharacter.test(state.src[state.pos - 1])) return false;
  const match = MENTION.atStart.exec(state.src.slice(state.pos));
  if (!match) return false;
  const env = (state.env ?? {}) as MarkdownEnv;
  // A link's label is first scanned silently, before the parser knows it is inside a link.
  if (!silent) env.mentioned?.add(match[1].toLowerCase());
  const username = env.mentions?.get(match[1].toLowerCase());
  if (!username) return false;
  if (!silent) {
    state.push('link_open', 'a', 1).attrs = [['href', `/people/${username}`], ['class', 'mention']];
    state.push('text', '', 0).content = `@${username}`;
    state.push('link_close', 'a', -1);
  }
  state.pos += match[0].length;
  return true;
};
markdown.inline.ruler.before('emphasis', 'mention', mentionRule);

// Chat messages are plain text: nothing is formatting but links, @mentions and line breaks.
const chatText = new MarkdownIt('zero', { linkify: true, breaks: true });
chatText.enable(['linkify', 'newline']);
chatText.inline.ruler.before('linkify', 'mention', mentionRule);

interface MarkdownEnv {
  [key: string | symbol]: unknown;
  mentions?: Map<string, string>;
  mentioned?: Set<string>;
}

let imageHosts = new Set<string>();

/**
 * The hosts besides Hearth's own origin that images in Markdown may come from
 * (HEARTH_MARKDOWN_IMAGE_HOSTS), set once at boot. An image elsewhere would tell that host
 * who reads what, and when; it is dropped (and the CSP would not load it either).
 */
export function allowMarkdownImagesFrom(hosts: string[]): void {
  imageHosts = new Set(hosts.map((host) => host.toLowerCase()));
}

function imageAllowed(src: string | undefined): boolean {
  if (!src) return false;
  if (src.startsWith('/') && !src.startsWith('//')) return true;
  try {
    const url = new URL(src);
    return url.protocol === 'https:' && imageHosts.has(url.host.toLowerCase());
  } catch {
    return false;
  }
}

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr',
    'ul', 'ol', 'li', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'class'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedClasses: { code: [/^language-[a-z0-9+#-]+$/], a: ['mention'] },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener nofollow ugc' } }),
  },
  // An image from elsewhere, or whose source did not survive the scheme check, is dropped, not left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !imageAllowed(frame.attribs.src),
};

export interface RenderOptions {
  /** Members an @mention may name: lower-cased username to username as spelled. */
  mentions?: Map<string, string>;
}

/** Markdown source to safe HTML. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return sanitizeHtml(markdown.render(source, { mentions: options.mentions }), ALLOWED);
}

/** A chat message: its text escaped, with links, @mentions of members and line breaks; safe HTML. */
export function renderChatText(source: string, options: RenderOptions = {}): string {
  return sanitizeHtml(chatText.renderInline(source, { mentions: options.mentions }), ALLOWED);
}

/** The names @mentioned in Markdown, lower-cased: exactly those `renderMarkdown` would link. */
export function mentionedUsernames(source: string): string[] {
  if (!source.includes('@')) return []; // no parse for the common case
  const env: MarkdownEnv = { mentioned: new Set() };
  markdown.parse(source, env);
  return [...env.mentioned!];
}

/**
 * Words of the text a reader sees in rendered Markdown: runs of text with at least one
 * letter or digit ("—" alone is not a word; markup and entities are not counted). Replies
 * are counted with it for `minWords`, and so is the editor's preview.
 */
export function countRenderedWords(html: string): number {
  const text = html
    .replace(/<\/?(?:p|li|br|hr|h[1-6]|blockquote|pre|ul|ol|table|tr|td|th|div)\b[^>]*>/gi, ' ') // blocks part words
    .replace(/<[^>]+>/g, '') // inline markup does not: foo<strong>bar</strong> is one word
    .replace(/&[a-z#0-9]+;/gi, '_'); // an entity is a character, not a word, nor a space
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Only the inline part (no paragraphs or blocks), for short texts such as quiz options. */
export function renderInlineMarkdown(source: string): string {
  return sanitizeHtml(markdown.renderInline(source), ALLOWED);
}

/**
 * A text's first `length` characters, as plain text (white space folded) and rendered from
 * its Markdown, each with an ellipsis when cut: for quoting an answer as evidence.
 */
export function markdownExcerpt(source: string, length = 400): { excerpt: string; excerptHtml: string } {
  const shorten = (value: string) => (value.length > length ? `${value.slice(0, length - 1)}…` : value);
  return { excerpt: shorten(source.replace(/\s+/g, ' ').trim()), excerptHtml: renderMarkdown(shorten(source.trim())) };
}
