import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Unzip, UnzipInflate, zipSync } from 'fflate';
import { extract, pack } from 'tar-stream';
import { ValidationFailedError } from './errors';

/** A folder as a map from relative path (`a/b.md`, forward slashes) to contents. */
export type Files = Map<string, Buffer>;

export type ArchiveFormat = 'tar.gz' | 'zip';

const LIMITS = { files: 1000, bytes: 20 * 1024 * 1024 };
/** Zips are fed to the inflater in small pieces, so no single step can produce much output. */
const ZIP_PIECE = 16 * 1024;

/** Which archive a request body is, from its type or, failing that, its first bytes. */
export function archiveFormat(contentType: string | undefined, body: Buffer): ArchiveFormat | null {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  if (type === 'application/zip' || type === 'application/x-zip-compressed') return 'zip';
  if (type === 'application/gzip' || type === 'application/x-gzip' || type === 'application/x-tar+gzip') return 'tar.gz';
  if (body[0] === 0x50 && body[1] === 0x4b) return 'zip';
  if (body[0] === 0x1f && body[1] === 0x8b) return 'tar.gz';
  return null;
}

/**
 * The files in a .tar.gz or .zip, refusing anything that could escape the folder or
 * exhaust memory (absolute paths, `..`, links, too many or too large files). A single
 * top-level folder, as archiving a folder produces, is taken off the paths.
 */
export async function readArchive(format: ArchiveFormat, body: Buffer): Promise<Files> {
  let files: Files;
  try {
    files = format === 'zip' ? readZip(body) : await readTarGz(body);
  } catch (error) {
    if (error instanceof ValidationFailedError) throw error;
    throw invalid(`The ${format} archive could not be read: ${(error as Error).message}`);
  }
  return withoutCommonRoot(files);
}

export async function writeArchive(format: ArchiveFormat, root: string, files: Files): Promise<Buffer> {
  const entries = [...files].sort(([a], [b]) => a.localeCompare(b));
  if (format === 'zip') {
    return Buffer.from(zipSync(Object.fromEntries(entries.map(([path, data]) => [`${root}/${path}`, new Uint8Array(data)])), { level: 6 }));
  }
  const tar = pack();
  const chunks: Buffer[] = [];
  tar.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const done = new Promise<void>((resolve, reject) => {
    tar.on('end', resolve);
    tar.on('error', reject);
  });
  const mtime = new Date(0);
  const folders = new Set<string>();
  for (const [path] of entries) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join('/'));
  }
  tar.entry({ name: `${root}/`, type: 'directory', mode: 0o755, mtime });
  for (const folder of [...folders].sort()) tar.entry({ name: `${root}/${folder}/`, type: 'directory', mode: 0o755, mtime });
  for (const [path, data] of entries) tar.entry({ name: `${root}/${path}`, mode: 0o644, mtime }, data);
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/**
 * A zip's declared sizes cannot be trusted (a "zip bomb" claims a few bytes and inflates to
 * gigabytes), so the bytes actually produced are counted as they come, and reading stops
 * at the limit.
 */
function readZip(body: Buffer): Files {
  const files: Files = new Map();
  let produced = 0;
  let entries = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (failure || file.name.endsWith('/')) return;
    if (++entries > LIMITS.files) {
      failure = invalid('The archive holds too many files.');
      return;
    }
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (failure) return;
      if (error) {
        failure = invalid(`The zip archive could not be read: ${error.message}`);
        return;
      }
      produced += chunk.length;
      if (produced > LIMITS.bytes) {
        failure = invalid('The archive unpacks to more than 20 MB.');
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final) {
        try {
          files.set(safePath(file.name), Buffer.concat(chunks));
        } catch (caught) {
          failure = caught as Error;
        }
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  for (let offset = 0; offset < body.length && !failure; offset += ZIP_PIECE) {
    unzip.push(new Uint8Array(body.subarray(offset, offset + ZIP_PIECE)), offset + ZIP_PIECE >= body.length);
  }
  if (failure) throw failure;
  if (files.size === 0) throw invalid('The zip archive holds no files it can read.');
  return files;
}

async function readTarGz(body: Buffer): Promise<Files> {
  const tar = gunzipSync(body, { maxOutputLength: LIMITS.bytes });
  const files: Files = new Map();
  const reader = extract();
  const finished = new Promise<void>((resolve, reject) => {
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.on('entry', (header, stream, next) => {
    if (header.type === 'directory' || (header.type as string) === 'pax-global-header') {
      stream.resume();
      stream.on('end', next);
      return;
    }
    if (header.type !== 'file') {
      reader.destroy(invalid(`The archive holds a ${header.type} (${header.name}); only files and folders are accepted.`));
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      if (files.size + 1 > LIMITS.files) return void reader.destroy(invalid('The archive holds too many files.'));
      try {
        files.set(safePath(header.name), Buffer.concat(chunks));
      } catch (error) {
        return void reader.destroy(error as Error);
      }
      next();
    });
  });
  Readable.from([tar]).pipe(reader);
  await finished;
  return files;
}

function safePath(name: string): string {
  const path = name.replace(/\\/g, '/').replace(/^\.\//, '');
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || parts.some((part) => part === '..')) {
    throw invalid(`The archive holds a path that leaves its folder: ${name}`);
  }
  return parts.join('/');
}

/** Ignores OS clutter, and strips a single folder every file sits in. */
function withoutCommonRoot(files: Files): Files {
  const kept = new Map([...files].filter(([path]) => !path.split('/').some((part) => part === '__MACOSX' || part === '.DS_Store')));
  const roots = new Set([...kept.keys()].map((path) => path.split('/')[0]));
  const [root] = roots;
  if (roots.size !== 1 || [...kept.keys()].some((path) => !path.includes('/'))) return kept;
  return new Map([...kept].map(([path, data]) => [path.slice(root.length + 1), data]));
}

function invalid(message: string): ValidationFailedError {
  return new ValidationFailedError([{ field: 'body', message }], message);
}
