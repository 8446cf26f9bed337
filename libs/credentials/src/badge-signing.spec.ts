import { type JsonObject, newSecretKeyMultibase, type PublicKey, signDocument, signingKey, verifyDocument } from './badge-signing';

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
  const created = { created: VECTOR.created };
  const vectorKey: PublicKey = { id: VECTOR.verificationMethod, controller: VECTOR.verificationMethod.split('#')[0], publicKeyMultibase: VECTOR.publicKeyMultibase };

  it('derives the vector’s public key from its secret key', async () => {
    expect((await signingKey(VECTOR.secretKeyMultibase, VECTOR.verificationMethod)).publicKeyMultibase).toBe(VECTOR.publicKeyMultibase);
  });

  it('reproduces the specification’s proof value', async () => {
    const signed = await signDocument(VECTOR.document, created, await signingKey(VECTOR.secretKeyMultibase, VECTOR.verificationMethod));
    expect(signed.proof).toEqual({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-jcs-2022',
      created: VECTOR.created,
      verificationMethod: VECTOR.verificationMethod,
      proofPurpose: 'assertionMethod',
      '@context': VECTOR.document['@context'],
      proofValue: VECTOR.proofValue,
    });
    expect(await verifyDocument(signed, vectorKey)).toBe(true);
  });

  it('refuses a changed document, a changed proof, another key and nonsense', async () => {
    const signed = await signDocument(VECTOR.document, created, await signingKey(VECTOR.secretKeyMultibase, VECTOR.verificationMethod));
    const other = await signingKey(await newSecretKeyMultibase(), VECTOR.verificationMethod);
    expect(await verifyDocument({ ...signed, name: 'Alumni Credential!' }, vectorKey)).toBe(false);
    expect(await verifyDocument({ ...signed, proof: { ...(signed.proof as JsonObject), created: '2024-01-01T00:00:00Z' } }, vectorKey)).toBe(false);
    expect(await verifyDocument(signed, { ...vectorKey, publicKeyMultibase: other.publicKeyMultibase })).toBe(false);
    expect(await verifyDocument(signed, { ...vectorKey, id: 'https://elsewhere.example/key' })).toBe(false);
    expect(await verifyDocument({ ...signed, proof: { ...(signed.proof as JsonObject), proofValue: 'zzz0' } }, vectorKey)).toBe(false);
    expect(await verifyDocument({ name: 'no proof' }, vectorKey)).toBe(false);
  });

  it('signs with a new key and verifies with its public key', async () => {
    const method = 'https://hearth.example/api/v1/badges/issuer#key-1';
    const fresh = await signingKey(await newSecretKeyMultibase(), method);
    expect(fresh.publicKeyMultibase).toMatch(/^z6Mk/);
    const signed = await signDocument({ '@context': ['https://www.w3.org/ns/credentials/v2'], name: 'Badge' }, { created: '2026-01-01T00:00:00Z' }, fresh);
    expect(await verifyDocument(signed, { id: method, controller: 'https://hearth.example/api/v1/badges/issuer', publicKeyMultibase: fresh.publicKeyMultibase })).toBe(true);
  });

  it('refuses a secret that is not an Ed25519 key', async () => {
    await expect(signingKey(VECTOR.publicKeyMultibase, VECTOR.verificationMethod)).rejects.toThrow('Not an Ed25519 secret key.');
  });
});
