import { describe, expect, it } from 'vitest';
import { formatDate, formatPercent, formatPercentile, formatScore, safeHttpUrl } from './format.js';

describe('formatting', () => {
  it('shows EPSS probabilities as percentages with sensible precision', () => {
    expect(formatPercent(0.94358)).toBe('94.4%');
    expect(formatPercent(0.0243)).toBe('2.43%');
    expect(formatPercent(0.00043)).toBe('0.043%');
    expect(formatPercent(0)).toBe('0%');
  });

  it('shows percentiles as ranks', () => {
    expect(formatPercentile(0.99953)).toBe('99.95th');
    expect(formatPercentile(0.42)).toBe('42nd');
    expect(formatPercentile(0.111)).toBe('11th');
    expect(formatPercentile(0.21)).toBe('21st');
    expect(formatPercentile(1)).toBe('100th');
  });

  it('shows scores with one decimal', () => {
    expect(formatScore(10)).toBe('10.0');
    expect(formatScore(null)).toBe('—');
  });

  it('shows dates as UTC days and leaves unparsable ones alone', () => {
    expect(formatDate('2021-12-10T02:15:00Z')).toBe('2021-12-10');
    expect(formatDate('soon')).toBe('soon');
    expect(formatDate(null)).toBe('—');
  });
});

describe('safeHttpUrl', () => {
  it('keeps http and https links', () => {
    expect(safeHttpUrl('https://logging.apache.org/log4j/2.x/security.html')).toBe('https://logging.apache.org/log4j/2.x/security.html');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'JaVaScRiPt:alert(1)', 'not a url', 'ftp://example.com/x'])('refuses %s', (url) => {
    expect(safeHttpUrl(url)).toBeNull();
  });
});
