import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { serializeError } from '../../src/logger.js';

describe('error logging', () => {
  it('keeps the values of a failed query out of the log, and what identifies the error in it', () => {
    const cause = Object.assign(new Error('invalid input syntax for type bigint: "01819012365"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'pg_strtoint64_safe',
    });
    const failed = Object.assign(
      new Error('Failed query: select ... where party_national_id = $1\nparams: 01819012365'),
      {
        name: 'DrizzleQueryError',
        query: 'select ... where party_national_id = $1',
        params: ['01819012365'],
        cause,
      },
    );
    const lines: string[] = [];
    const log = pino(
      { serializers: { err: serializeError } },
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    log.error({ err: failed }, 'unexpected error');
    const line = lines.join('');
    expect(line).not.toContain('01819012365');
    expect(JSON.parse(line).err).toMatchObject({ type: 'DatabaseError', code: '22P02', routine: 'pg_strtoint64_safe' });
  });

  it('logs other errors with their message and stack', () => {
    expect(serializeError(new TypeError('boom'))).toMatchObject({ type: 'TypeError', message: 'boom' });
  });
});
