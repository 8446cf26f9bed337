import { allowMarkdownImagesFrom, countRenderedWords, mentionedUsernames, renderInlineMarkdown, renderMarkdown } from './markdown';

/**
 * Each of these, written by someone hostile into a lesson, a reply or a chat message,
 * must come out as inert HTML: nothing that runs script, loads from an unsafe scheme or
 * carries an event handler.
 */
const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](javascript:alert(1))',
  '![x](http://insecure.example/pixel.png)',
  '<div onclick="alert(1)">hi</div>',
  '<p style="background:url(javascript:alert(1))">x</p>',
  '<<script>script>alert(1)<</script>/script>',
  '<b><i>unclosed <a href="https://x.example" onmouseover="alert(1)">link',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<form action="https://evil.example"><input type=submit></form>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href=https://evil.example/x.css>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '[a](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '<details open ontoggle=alert(1)>',
  '<img src="https://ok.example/a.png" onload="alert(1)">',
];

/** Parses the rendered HTML's tags and attributes, the way a browser would see them. */
function tagsAndAttributes(html: string): Array<{ tag: string; attributes: Record<string, string> }> {
  const found: Array<{ tag: string; attributes: Record<string, string> }> = [];
  const tag = /<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>/g;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const attributes: Record<string, string> = {};
    const attribute = /([^\s=]+)\s*=\s*"([^"]*)"/g;
    for (let a = attribute.exec(match[2]); a; a = attribute.exec(match[2])) attributes[a[1].toLowerCase()] = a[2];
    found.push({ tag: match[1].toLowerCase(), attributes });
  }
  return found;
}

const ALLOWED_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'ul', 'ol', 'li', 'strong', 'em', 's', 'del', 'code', 'pre', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img']);

describe('renderMarkdown', () => {
  it.each(XSS_CORPUS)('renders %j inert', (source) => {
    const html = renderMarkdown(source);
    for (const { tag, attributes } of tagsAndAttributes(html)) {
      expect(ALLOWED_TAGS).toContain(tag);
      for (const [name, value] of Object.entries(attributes)) {
        expect(name).not.toMatch(/^on/);
        expect(name).not.toBe('style');
        if (name === 'href') expect(value).toMatch(/^(https?:|mailto:)/);
        if (name === 'src') expect(value).toMatch(/^https:/);
      }
    }
    expect(html).not.toMatch(/<script|<svg|<iframe|<object|<embed|<form|<meta|<base|<link|<style|<math/i);
  });

  it('keeps the formatting a lesson needs', () => {
    const html = renderMarkdown(
      ['# Title', '', 'Some *em* and **strong** and `code`.', '', '- one', '- two', '', '> quoted', '', '| a | b |', '|---|:-:|', '| 1 | 2 |', '', '```js', 'let x = 1;', '```'].join('\n'),
    );
    // The page has the one <h1>; a lesson's headings start below it.
    expect(html).toContain('<h2>Title</h2>');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<strong>strong</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<ul>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<table>');
    expect(html).toContain('<td style="text-align:center">2</td>');
    expect(html).toContain('<code class="language-js">');
  });

  it('marks links as untrusted user content and makes bare addresses links', () => {
    expect(renderMarkdown('[site](https://example.org)')).toContain('<a href="https://example.org" rel="noopener nofollow ugc">site</a>');
    expect(renderMarkdown('see https://example.org/page')).toContain('href="https://example.org/page"');
  });

  it('keeps images from Hearth itself and the allowed hosts, and drops others', () => {
    expect(renderMarkdown('![a map](/images/map.png)')).toContain('<img src="/images/map.png" alt="a map" />');
    expect(renderMarkdown('![a cat](https://example.org/cat.png)')).not.toContain('<img');
    expect(renderMarkdown('![a cat](//example.org/cat.png)')).not.toContain('<img');
    allowMarkdownImagesFrom(['example.org']);
    try {
      expect(renderMarkdown('![a cat](https://example.org/cat.png)')).toContain('<img src="https://example.org/cat.png" alt="a cat" />');
      expect(renderMarkdown('![a cat](http://example.org/cat.png)')).not.toContain('<img');
      expect(renderMarkdown('![a cat](https://elsewhere.org/cat.png)')).not.toContain('<img');
    } finally {
      allowMarkdownImagesFrom([]);
    }
  });

  it('shows raw HTML as text instead of dropping what the author wrote', () => {
    expect(renderMarkdown('Use <b> for bold')).toContain('Use &lt;b&gt; for bold');
  });
});

describe('renderInlineMarkdown', () => {
  it('renders inline formatting without a paragraph', () => {
    expect(renderInlineMarkdown('Slow *down*')).toBe('Slow <em>down</em>');
    expect(renderInlineMarkdown('<img src=x onerror=alert(1)>')).not.toContain('<img');
  });
});

describe('@mentions', () => {
  const members = new Map([['ada_l', 'Ada_L'], ['grace', 'grace']]);

  it('links members, as they spell their name, and leaves others and e-mail addresses as text', () => {
    const html = renderMarkdown('Thanks @ada_l and @GRACE, not @nobody or x@grace.org', { mentions: members });
    expect(html).toContain('<a href="/people/Ada_L" class="mention" rel="noopener nofollow ugc">@Ada_L</a>');
    expect(html).toContain('<a href="/people/grace" class="mention" rel="noopener nofollow ugc">@grace</a>');
    expect(html).toContain('@nobody');
    expect(html).not.toContain('href="/people/nobody"');
    expect(html).toContain('x@grace.org');
  });

  it('does not link inside code', () => {
    expect(renderMarkdown('`@grace`', { mentions: members })).not.toContain('mention');
  });

  it('finds the names mentioned, outside code', () => {
    expect(mentionedUsernames('Hi @Ada_L and @ada_l, `@grace` x@y.org\n```\n@hidden\n```\n@riley!')).toEqual(['ada_l', 'riley']);
  });

  it('collects exactly the names it would link: not escaped, not inside a link or code', () => {
    const source = 'Thanks \\@escaped, [@inlink](https://x.example) and    @indented\n\n    @codeblock\n\n> @quoted';
    expect(mentionedUsernames(source)).toEqual(['indented', 'quoted']);
    const mentions = new Map(['escaped', 'inlink', 'indented', 'codeblock', 'quoted'].map((name) => [name, name]));
    const html = renderMarkdown(source, { mentions });
    expect([...html.matchAll(/class="mention"[^>]*>@(\w+)/g)].map((m) => m[1])).toEqual(['indented', 'quoted']);
  });
});

describe('countRenderedWords', () => {
  it('counts the words a reader sees', () => {
    expect(countRenderedWords(renderMarkdown('**Two** words, [a link](https://x.example) — and *more*!'))).toBe(6);
    expect(countRenderedWords(renderMarkdown('   '))).toBe(0);
  });

  it('counts text, not the Markdown around it: list numbers and emphasis marks are not words', () => {
    expect(countRenderedWords(renderMarkdown('1. one\n2. two\n3. three'))).toBe(3);
    expect(countRenderedWords(renderMarkdown('foo**bar** AT&T'))).toBe(2);
    expect(countRenderedWords(renderMarkdown("it's 3am, café-au-lait! — … 数字 ١٢٣"))).toBe(5);
  });
});
