import {
  base58btc,
  canonicalJson,
  fromBase58btc,
  type JsonObject,
  newSecretKeyMultibase,
  publicKeyFromMultibase,
  signDocument,
  signingKey,
  verifyDocument,
} from './badge-signing';

// The test vector of W3C "Data Integrity EdDSA Cryptosuites v1.0", Appendix B.3 (eddsa-jcs-2022).
const VECTOR = {
  publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  secretKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
  document: {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
    type: ['VerifiableCredential', 'AlumniCredential'],
    name: 'Alumni Credential',
    description: 'A minimum viable example of an Alumni Credential.',
    issuer: 'https://vc.example/issuers/5678',
    validFrom: '2023-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
  } as JsonObject,
  created: '2023-02-24T23:36:38Z',
  verificationMethod: 'did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  proofValue: 'z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX',
};

describe('eddsa-jcs-2022', () => {
  const key = signingKey(VECTOR.secretKeyMultibase);
  const resolve = (method: string) => (method === VECTOR.verificationMethod ? publicKeyFromMultibase(VECTOR.publicKeyMultibase) : null);

  it('derives the vector’s public key from its secret key', () => {
    expect(key.publicKeyMultibase).toBe(VECTOR.publicKeyMultibase);
  });

  it('reproduces the specification’s proof value', () => {
    const signed = signDocument(VECTOR.document, { created: VECTOR.created, verificationMethod: VECTOR.verificationMethod }, key);
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: VECTOR.created,
      verificationMethod: VECTOR.verificationMethod,
      proofPurpose: 'assertionMethod',
      '@context': VECTOR.document['@context'],
      proofValue: VECTOR.proofValue,
    });
    expect(verifyDocument(signed, resolve)).toBe(true);
  });

  it('refuses a changed document, a changed proof, an unknown key and nonsense', () => {
    const signed = signDocument(VECTOR.document, { created: VECTOR.created, verificationMethod: VECTOR.verificationMethod }, key);
    expect(verifyDocument({ ...signed, name: 'Alumni Credential!' }, resolve)).toBe(false);
    expect(verifyDocument({ ...signed, proof: { ...(signed.proof as JsonObject), created: '2024-01-01T00:00:00Z' } }, resolve)).toBe(false);
    expect(verifyDocument(signed, () => publicKeyFromMultibase(signingKey(newSecretKeyMultibase()).publicKeyMultibase))).toBe(false);
    expect(verifyDocument(signed, () => null)).toBe(false);
    expect(verifyDocument({ ...signed, proof: { ...(signed.proof as JsonObject), proofValue: 'zzz0' } }, resolve)).toBe(false);
    expect(verifyDocument({ name: 'no proof' }, resolve)).toBe(false);
  });

  it('signs with a new key and verifies with its public key', () => {
    const fresh = signingKey(newSecretKeyMultibase());
    expect(fresh.publicKeyMultibase).toMatch(/^z6Mk/);
    const signed = signDocument({ name: 'Badge' }, { created: '2026-01-01T00:00:00Z', verificationMethod: 'https://hearth.example/key' }, fresh);
    expect(verifyDocument(signed, () => publicKeyFromMultibase(fresh.publicKeyMultibase))).toBe(true);
  });
});

describe('JSON canonicalization (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units and writes numbers and strings as ECMAScript does', () => {
    expect(canonicalJson({ b: [3, 1e21, 0.5, -0], a: { z: true, é: null, A: 'x\u2028"' }, '\u20ac': 1, '\ud83d\ude00': 2 })).toBe(
      '{"a":{"A":"x\u2028\\"","z":true,"é":null},"b":[3,1e+21,0.5,0],"€":1,"😀":2}',
    );
  });

  it('round-trips base58btc, leading zeros included', () => {
    const bytes = Buffer.from([0, 0, 1, 2, 255]);
    expect(fromBase58btc(base58btc(bytes))).toEqual(bytes);
  });
});
