import { describe, expect, it } from 'vitest';
import { ApiError, listOf, toApiError } from './api.js';

describe('toApiError', () => {
  it('reads the error envelope', () => {
    const error = toApiError(422, { error: { code: 'INVALID_CVSS', message: 'bad vector', details: [{ message: 'AV repeated', pointer: '/severity/0' }] } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, code: 'INVALID_CVSS', message: 'bad vector', details: [{ message: 'AV repeated', pointer: '/severity/0' }] });
  });

  it('gives anything else a generic code', () => {
    expect(toApiError(502, '<html>Bad gateway</html>', 'Bad Gateway')).toMatchObject({ code: 'HTTP_502', details: [] });
  });
});

describe('listOf', () => {
  it('accepts bare and wrapped listings', () => {
    expect(listOf([1, 2])).toEqual([1, 2]);
    expect(listOf({ items: [1] })).toEqual([1]);
    expect(listOf({ orgs: [1], total: 1 })).toEqual([1]);
    expect(listOf(null)).toEqual([]);
  });
});
