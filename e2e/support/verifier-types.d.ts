// Types for the independent verifier the badge-status test checks Hearth's credentials with
// (Digital Bazaar's JavaScript-only libraries ship no declarations).

declare module '@digitalbazaar/vc' {
  type DocumentLoader = (url: string) => Promise<{ contextUrl?: string | null; documentUrl?: string; document: unknown }>;
  export interface VerifyCredentialResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    statusResult?: { verified: boolean; results: Array<{ verified: boolean; status: boolean; credentialStatus: { statusPurpose: string } }> };
  }
  export function verifyCredential(options: {
    credential: unknown;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: { credential: unknown; suite: unknown; documentLoader: DocumentLoader }) => Promise<unknown>;
  }): Promise<VerifyCredentialResult>;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export function checkStatus(options: { credential: unknown; suite: unknown; documentLoader: unknown; verifyBitstringStatusListCredential?: boolean; verifyMatchingIssuers?: boolean }): Promise<unknown>;
}
