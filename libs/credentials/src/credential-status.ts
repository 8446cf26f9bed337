import { createHash } from 'node:crypto';
import { Bitstring } from '@digitalbazaar/bitstring';
import { Injectable } from '@nestjs/common';
import { type HearthConfig, InjectConfig } from '@hearth/platform';
import { BadgeIssuer, credentialDate } from './badge-issuer';
import type { JsonObject } from './badge-signing';
import { BadgesRepository } from './badges.repository';
import { CredentialsError, CredentialsErrorCode } from './credentials.errors';

/** What a status list says of the credentials in it: revoked (for good), or suspended (for now). */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/**
 * Entries per list: 131,072 bits (16 KiB before compression), the size the W3C Bitstring
 * Status List recommends as the least that hides one credential among the others.
 */
export const STATUS_LIST_LENGTH = 131_072;
// Status indexes are PostgreSQL integers: no list starts beyond the last of them.
const LISTS = Math.floor(2 ** 31 / STATUS_LIST_LENGTH);

export interface StatusList {
  /** The BitstringStatusListCredential, signed; null when the client has these bits already. */
  credential: JsonObject | null;
  /** Changes only when a bit of the list does: for conditional requests. */
  etag: string;
}

/**
 * Badges' status as W3C Bitstring Status Lists, one pair (revocation, suspension) for every
 * 131,072 badges: each badge's `credentialStatus` names its place (its status index) in both,
 * and `GET /credentials/status/:purpose/:list` serves each list as a signed
 * BitstringStatusListCredential. The lists are built on each request from the badges and
 * the grants they stand for, in one statement, so a revocation or suspension shows at once;
 * clients revalidate with the ETag instead of fetching the list again.
 */
@Injectable()
export class CredentialStatus {
  constructor(
    @InjectConfig() private readonly config: HearthConfig,
    private readonly issuer: BadgeIssuer,
    private readonly badges: BadgesRepository,
  ) {}

  /** The `credentialStatus` of the badge with this status index: its entry in each list. */
  entries(statusIndex: number): JsonObject[] {
    const list = Math.floor(statusIndex / STATUS_LIST_LENGTH);
    const position = String(statusIndex % STATUS_LIST_LENGTH);
    return STATUS_PURPOSES.map((purpose) => ({
      id: `${this.listUrl(purpose, list)}#${position}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: position,
      statusListCredential: this.listUrl(purpose, list),
    }));
  }

  /** The list as it stands; when its bits are what the client has (`ifNoneMatch`), only the ETag, and nothing is signed. */
  async list(purpose: string, list: string, ifNoneMatch?: string): Promise<StatusList> {
    if (!(STATUS_PURPOSES as readonly string[]).includes(purpose) || !/^(0|[1-9]\d{0,5})$/.test(list) || Number(list) >= LISTS) {
      throw new CredentialsError(CredentialsErrorCode.StatusListNotFound, 'There is no such status list: it is /credentials/status/revocation/N or /credentials/status/suspension/N.');
    }
    const statusPurpose = purpose as StatusPurpose;
    const first = Number(list) * STATUS_LIST_LENGTH;
    const set = await this.badges.statusIndexes(statusPurpose, first, first + STATUS_LIST_LENGTH);
    const etag = `W/"${createHash('sha256').update(`${this.issuer.verificationMethod} ${statusPurpose} ${list} ${set.join(',')}`).digest('base64url').slice(0, 27)}"`;
    if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) return { credential: null, etag };

    const bits = new Bitstring({ length: STATUS_LIST_LENGTH });
    for (const index of set) bits.set(index - first, true);
    const url = this.listUrl(statusPurpose, Number(list));
    const validFrom = credentialDate(new Date());
    const unsigned: JsonObject = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: this.issuer.url,
      validFrom,
      credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose, encodedList: `u${await bits.encodeBits()}` },
    };
    return { credential: await this.issuer.sign(unsigned, validFrom), etag };
  }

  private listUrl(purpose: StatusPurpose, list: number): string {
    return `${this.config.publicUrl}/api/v1/credentials/status/${purpose}/${list}`;
  }
}
