/**
 * What of the platform works without Nest (`@hearth/platform/bare`), for the benchmark's
 * bare reference servers, which must render and queue exactly as Hearth does.
 */
export { countRenderedWords, markdownExcerpt, mentionedUsernames, renderChatText, renderMarkdown } from './markdown';
export { OUTBOX_SQL } from './outbox-sql';
export { camelCaseKeys, camelCaseRows } from './rows';
