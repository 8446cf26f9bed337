import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '../..');
const WEB = join(ROOT, 'apps/web');
const CONTRACTS = join(ROOT, 'libs/contracts/src/index.ts');

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS = new Set<string>(['get', 'post', 'put', 'patch', 'delete']);

/** One call the web app makes to the API, and the body it expects back. */
export interface WebApiCall {
  /** `apps/web/src/app/chat/chat-api.ts:28`. */
  where: string;
  method: HttpMethod;
  /** The path with `{}` for each value filled in: `/api/v1/chat/rooms/{}/messages`. */
  url: string;
  /**
   * The expected body as TypeScript (`Page<ChatMessage>`, `void`, `{ unread: number }`), its
   * names all from @hearth/contracts; `download` for a Blob, `untyped` for a type the caller picks.
   */
  body: string | 'download' | 'untyped';
  /** The @hearth/contracts names `body` uses. */
  names: string[];
  /** Names in `body` that are not @hearth/contracts' (so it cannot be checked). */
  foreign: string[];
}

/**
 * Every call the web app makes through HttpClient to a path it spells out, found with the
 * TypeScript checker in the app's own program: `http.get<T>('/api/v1/…')` and the small
 * wrappers the `*-api.ts` classes keep (`this.get(url)`, `this.send('POST', url)`), whose
 * `T` TypeScript infers from the method's declared result. A template's `${…}` is a path
 * value; `${on ? 'a' : 'b'}` is both paths.
 */
export function webApiCalls(): WebApiCall[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(WEB, 'tsconfig.app.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')); } });
  if (!config) throw new Error('apps/web/tsconfig.app.json could not be read');
  const program = ts.createProgram(config.fileNames, { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const contractsFile = program.getSourceFile(CONTRACTS);
  if (!contractsFile) throw new Error('the web app does not reach @hearth/contracts');
  const contractNames = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(contractsFile)!).map((symbol) => symbol.name));

  const calls: WebApiCall[] = [];
  for (const file of program.getSourceFiles()) {
    if (!file.fileName.startsWith(join(WEB, 'src/app/')) || file.fileName.endsWith('.spec.ts')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        const found = methodAndUrl(node, node.expression.name.text);
        for (const url of found ? urlsOf(found.url, checker) ?? [] : []) {
          if (!url.startsWith('/api/')) continue;
          const where = `${relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
          calls.push({ where, method: found!.method, url, ...bodyOf(node, checker, contractNames) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return calls;
}

function methodAndUrl(call: ts.CallExpression, name: string): { method: HttpMethod; url: ts.Expression } | null {
  const [first, second] = call.arguments;
  if (METHODS.has(name) && first) return { method: name as HttpMethod, url: first };
  // http.request(method, url) and the wrappers named after it
  if ((name === 'request' || name === 'send') && first && second && ts.isStringLiteralLike(first) && METHODS.has(first.text.toLowerCase())) {
    return { method: first.text.toLowerCase() as HttpMethod, url: second };
  }
  return null;
}

/** The paths an expression can spell, or null when it is not spelled out here. */
function urlsOf(expression: ts.Expression, checker: ts.TypeChecker): string[] | null {
  if (ts.isStringLiteralLike(expression)) return [expression.text];
  if (ts.isParenthesizedExpression(expression)) return urlsOf(expression.expression, checker);
  if (ts.isIdentifier(expression)) {
    const declaration = checker.getSymbolAtLocation(expression)?.valueDeclaration;
    return declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? urlsOf(declaration.initializer, checker) : null;
  }
  if (!ts.isTemplateExpression(expression)) return null;
  let urls = [expression.head.text];
  for (const span of expression.templateSpans) {
    const inner = span.expression;
    const choices = ts.isConditionalExpression(inner) && ts.isStringLiteralLike(inner.whenTrue) && ts.isStringLiteralLike(inner.whenFalse) ? [inner.whenTrue.text, inner.whenFalse.text] : ['{}'];
    urls = urls.flatMap((url) => choices.map((choice) => url + choice + span.literal.text));
  }
  return urls;
}

function bodyOf(call: ts.CallExpression, checker: ts.TypeChecker, contractNames: Set<string>): Pick<WebApiCall, 'body' | 'names' | 'foreign'> {
  // Observable<T> from HttpClient, Promise<T> from a wrapper
  const returned = checker.getReturnTypeOfSignature(checker.getResolvedSignature(call)!);
  const body = returned.getSymbol()?.name === 'Observable' || returned.getSymbol()?.name === 'Promise' ? checker.getTypeArguments(returned as ts.TypeReference)[0] : returned;
  if (body.flags & ts.TypeFlags.TypeParameter) return { body: 'untyped', names: [], foreign: [] };
  const symbolName = body.getSymbol()?.name ?? '';
  if (symbolName === 'Blob' || symbolName === 'HttpResponse') return { body: 'download', names: [], foreign: [] };
  const text = checker.typeToString(body, call, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  const names = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (ts.isTypeReferenceNode(node)) names.add(ts.isIdentifier(node.typeName) ? node.typeName.text : node.typeName.left.getText());
    ts.forEachChild(node, collect);
  };
  collect(ts.createSourceFile('body.ts', `type Body = ${text};`, ts.ScriptTarget.Latest, true));
  return { body: text, names: [...names].filter((name) => contractNames.has(name)), foreign: [...names].filter((name) => !contractNames.has(name) && !GLOBAL_TYPES.has(name)) };
}

const GLOBAL_TYPES = new Set(['Array', 'Record', 'Partial', 'Required', 'Pick', 'Omit', 'ReadonlyArray']);
