import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

/**
 * Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
 * Cryptosuites v1.0): Ed25519 over SHA-256 hashes of the JCS-canonical (RFC 8785) proof
 * options and document. node:crypto does the cryptography; this file does the encodings.
 * Checked against the specification's test vector (badge-signing.spec.ts).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** RFC 8785: keys sorted by UTF-16 code units, no whitespace, ECMAScript number and string forms. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('JSON canonicalization: numbers must be finite.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58btc(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function fromBase58btc(text: string): Buffer {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  let n = 0n;
  for (const char of text) {
    const digit = BASE58.indexOf(char);
    if (digit < 0) throw new Error('Not base58btc.');
    n = n * 58n + BigInt(digit);
  }
  let hex = n === 0n ? '' : n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.concat([Buffer.alloc(zeros), Buffer.from(hex, 'hex')]);
}

/** Multibase: `z` and base58btc. */
const multibase = (bytes: Uint8Array) => `z${base58btc(bytes)}`;
function fromMultibase(text: string): Buffer {
  if (!text.startsWith('z')) throw new Error('Only base58btc multibase (z…) is supported.');
  return fromBase58btc(text.slice(1));
}

// Multicodec prefixes of Ed25519 keys, and the DER wrappers node:crypto reads raw keys through.
const ED25519_PUBLIC = Buffer.from([0xed, 0x01]);
const ED25519_SECRET = Buffer.from([0x80, 0x26]);
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** `z6Mk…`: the public key as a Multikey's publicKeyMultibase. */
  publicKeyMultibase: string;
}

/** A new Ed25519 key, as the secret to store (`z3u2…`, secretKeyMultibase). */
export function newSecretKeyMultibase(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32);
  return multibase(Buffer.concat([ED25519_SECRET, seed]));
}

export function signingKey(secretKeyMultibase: string): SigningKey {
  const bytes = fromMultibase(secretKeyMultibase);
  if (bytes.length !== 34 || !bytes.subarray(0, 2).equals(ED25519_SECRET)) throw new Error('Not an Ed25519 secret key.');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, bytes.subarray(2)]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  return { privateKey, publicKey, publicKeyMultibase: multibase(Buffer.concat([ED25519_PUBLIC, raw])) };
}

export function publicKeyFromMultibase(publicKeyMultibase: string): KeyObject {
  const bytes = fromMultibase(publicKeyMultibase);
  if (bytes.length !== 34 || !bytes.subarray(0, 2).equals(ED25519_PUBLIC)) throw new Error('Not an Ed25519 public key.');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519, bytes.subarray(2)]), format: 'der', type: 'spki' });
}

export interface ProofOptions {
  created: string;
  verificationMethod: string;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function hashData(proofConfig: JsonObject, document: JsonObject): Buffer {
  return Buffer.concat([sha256(canonicalJson(proofConfig)), sha256(canonicalJson(document))]);
}

/** The document with an `eddsa-jcs-2022` proof added. */
export function signDocument(document: JsonObject, options: ProofOptions, key: SigningKey): JsonObject {
  const proof: JsonObject = {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-jcs-2022',
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod',
  };
  if (document['@context'] !== undefined) proof['@context'] = document['@context'];
  const signature = sign(null, hashData(proof, document), key.privateKey);
  return { ...document, proof: { ...proof, proofValue: multibase(signature) } };
}

/**
 * Whether a document's `eddsa-jcs-2022` proof holds for the public key its verification
 * method resolves to. Anything malformed is simply not verified.
 */
export function verifyDocument(secured: JsonObject, resolveKey: (verificationMethod: string) => KeyObject | null): boolean {
  try {
    const { proof, ...document } = secured;
    if (!proof || typeof proof !== 'object' || Array.isArray(proof)) return false;
    const { proofValue, ...proofConfig } = proof;
    if (proofConfig.type !== 'DataIntegrityProof' || proofConfig.cryptosuite !== 'eddsa-jcs-2022' || typeof proofValue !== 'string') return false;
    if (proofConfig['@context'] !== undefined) {
      const documentContext = ([] as JsonValue[]).concat(document['@context'] ?? []);
      const proofContext = ([] as JsonValue[]).concat(proofConfig['@context']);
      if (!proofContext.every((entry, i) => canonicalJson(entry) === canonicalJson(documentContext[i] ?? null))) return false;
      document['@context'] = proofConfig['@context'];
    }
    const key = typeof proofConfig.verificationMethod === 'string' ? resolveKey(proofConfig.verificationMethod) : null;
    const signature = fromMultibase(proofValue);
    return key !== null && signature.length === 64 && verify(null, hashData(proofConfig, document), key, signature);
  } catch {
    return false;
  }
}
