/**
 * S3ObjectStore on a 403 for a read: S3 answers 403 instead of 404 for a missing key when the
 * caller may not list it (the stack grants s3:ListBucket only under an s3:prefix condition). The
 * store tells "missing" from "denied" by listing exactly that key; a real denial stays an error.
 */
import { describe, expect, it } from 'vitest';
import type { S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../lambda/storage/s3.ts';

const forbidden = () => Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } });

function store(listed: string[] | 'denied'): { store: S3ObjectStore; calls: string[] } {
  const calls: string[] = [];
  const client = {
    send: async (command: { constructor: { name: string }; input: { Prefix?: string } }) => {
      const name = command.constructor.name;
      calls.push(`${name}${command.input.Prefix !== undefined ? ` ${command.input.Prefix}` : ''}`);
      if (name === 'ListObjectsCommand') {
        if (listed === 'denied') throw Object.assign(new Error('AccessDenied'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
        return { Contents: listed.filter((k) => k.startsWith(command.input.Prefix ?? '')).map((Key) => ({ Key })) };
      }
      throw forbidden();
    },
  } as unknown as S3Client;
  return { store: new S3ObjectStore(client, 'b'), calls };
}

describe('S3ObjectStore and 403 on reads', () => {
  it('a key the listing does not show is missing (head and get answer null)', async () => {
    const { store: s, calls } = store(['state/dirty/months/2026-03-other']);
    expect(await s.head('state/dirty/months/2026-03')).toBeNull();
    expect(await s.get('state/dirty/months/2026-03')).toBeNull();
    expect(calls).toEqual(['HeadObjectCommand', 'ListObjectsCommand state/dirty/months/2026-03', 'GetObjectCommand', 'ListObjectsCommand state/dirty/months/2026-03']);
  });

  it('a key the listing shows stays a denial', async () => {
    const { store: s } = store(['articles/a.json']);
    await expect(s.get('articles/a.json')).rejects.toMatchObject({ name: 'Forbidden' });
  });

  it('a listing that is refused too leaves the original denial', async () => {
    const { store: s } = store('denied');
    await expect(s.head('incoming/x.txt')).rejects.toMatchObject({ name: 'Forbidden' });
  });
});
