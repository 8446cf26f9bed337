import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createSignCryptosuite, createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import * as base58btc from 'base58-universal';
import jsigs from 'jsonld-signatures';

/**
 * Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (W3C Data Integrity EdDSA
 * Cryptosuites v1.0), through Digital Bazaar's libraries: jsonld-signatures runs the
 * proof, `@digitalbazaar/data-integrity` is the proof type, the eddsa-jcs-2022 suite does
 * JCS (RFC 8785, by `canonicalize`) and the hashes, `@digitalbazaar/ed25519-multikey` the
 * keys and signatures. The suite needs no JSON-LD processing, so signing and checking load
 * no contexts. Checked against the specification's test vector (badge-signing.spec.ts).
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

// The multicodec prefix of an Ed25519 secret key (a 32-byte seed) in a secretKeyMultibase.
const ED25519_SECRET = [0x80, 0x26];

export interface SigningKey {
  /** Where verifiers find the public key: the proofs' `verificationMethod`. */
  id: string;
  /** `z6Mk…`: the public key as a Multikey's publicKeyMultibase. */
  publicKeyMultibase: string;
  signer(): unknown;
}

/** A new Ed25519 key, as the secret to store (`z3u2…`, secretKeyMultibase). */
export async function newSecretKeyMultibase(): Promise<string> {
  const key = await Ed25519Multikey.generate();
  return (await key.export({ secretKey: true, canonicalize: true })).secretKeyMultibase as string;
}

/** The key a stored secret stands for, named by the verification method proofs will cite. */
export async function signingKey(secretKeyMultibase: string, verificationMethod: string): Promise<SigningKey> {
  const bytes = secretKeyMultibase.startsWith('z') ? base58btc.decode(secretKeyMultibase.slice(1)) : new Uint8Array();
  if (bytes.length !== 34 || bytes[0] !== ED25519_SECRET[0] || bytes[1] !== ED25519_SECRET[1]) throw new Error('Not an Ed25519 secret key.');
  return Ed25519Multikey.generate({ id: verificationMethod, seed: bytes.subarray(2) });
}

export interface ProofOptions {
  created: string;
}

/** The document with an `eddsa-jcs-2022` proof (assertionMethod) by `key` added. */
export async function signDocument(document: JsonObject, options: ProofOptions, key: SigningKey): Promise<JsonObject> {
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: createSignCryptosuite(), date: options.created });
  return jsigs.sign(structuredClone(document), { suite, purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader: noDocuments });
}

/** A verification method and the controller document that lists it under assertionMethod. */
export interface PublicKey {
  id: string;
  controller: string;
  publicKeyMultibase: string;
}

/**
 * Whether a document's `eddsa-jcs-2022` proof holds for `key`, the one public key Hearth
 * accepts (its own). Anything malformed, or signed by another key, is simply not verified.
 */
export async function verifyDocument(secured: JsonObject, key: PublicKey): Promise<boolean> {
  const method = { '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', ...key };
  const controller = { id: key.controller, assertionMethod: [key.id] };
  const documentLoader = async (url: string) => {
    if (url === key.id) return { contextUrl: null, documentUrl: url, document: method };
    return noDocuments(url);
  };
  try {
    const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });
    const result = await jsigs.verify(structuredClone(secured), { suite, purpose: new jsigs.purposes.AssertionProofPurpose({ controller }), documentLoader });
    return result.verified === true;
  } catch {
    return false;
  }
}

// JCS works on the JSON as it is: nothing needs loading, and nothing may be fetched.
async function noDocuments(url: string): Promise<never> {
  throw new Error(`No document is loaded while signing or checking a proof (${url}).`);
}
