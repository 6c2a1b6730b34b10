import { describe, expect, it } from 'vitest';
import { affects, closestUpgrade, fixedVersions } from './ranges.js';
import { SCHEMES } from './versions/index.js';
import type { AffectedPackage, AffectedRange } from './vulnerability.js';

type Events = AffectedRange['events'];

function pkg(ecosystem: string, ranges: AffectedRange[], versions: string[] = []): AffectedPackage {
  return { ecosystem, name: 'example', purl: null, ranges, versions };
}
const semver = (...events: Events): AffectedRange => ({ type: 'SEMVER', events });
const ecosystem = (...events: Events): AffectedRange => ({ type: 'ECOSYSTEM', events });
const git = (...events: Events): AffectedRange => ({ type: 'GIT', repo: 'https://example.org/repo', events });

/** The versions of `candidates` the package affects. */
function affectedOf(p: AffectedPackage, candidates: string[]): string[] {
  return candidates.filter((v) => affects(p, v).affected);
}

describe('the OSV schema examples', () => {
  it('treats introduced "0" alone as every version affected', () => {
    const p = pkg('npm', [semver({ introduced: '0' })]);
    expect(affectedOf(p, ['0.0.0', '0.0.1-alpha', '1.0.0', '999.0.0'])).toEqual(['0.0.0', '0.0.1-alpha', '1.0.0', '999.0.0']);
    expect(affects(p, '1.0.0')).toEqual({ affected: true, by: 'range', unevaluated: false });
  });

  it('affects everything before a fix and nothing from the fix on', () => {
    const p = pkg('npm', [semver({ introduced: '0' }, { fixed: '1.0.2' })]);
    expect(affectedOf(p, ['0.1.0', '1.0.1', '1.0.2-rc.1', '1.0.2', '1.0.3', '2.0.0'])).toEqual(['0.1.0', '1.0.1', '1.0.2-rc.1']);
  });

  it('reads several introduced/fixed pairs in one range as separate intervals', () => {
    const p = pkg('npm', [semver({ introduced: '1.0.0' }, { fixed: '1.0.2' }, { introduced: '3.0.0' }, { fixed: '3.2.5' })]);
    expect(affectedOf(p, ['0.9.0', '1.0.0', '1.0.1', '1.0.2', '2.0.0', '3.0.0', '3.2.4', '3.2.5', '4.0.0'])).toEqual(['1.0.0', '1.0.1', '3.0.0', '3.2.4']);
  });

  it('includes last_affected itself and nothing above it', () => {
    const p = pkg('Maven', [ecosystem({ introduced: '0' }, { last_affected: '2.1.214' })]);
    expect(affectedOf(p, ['1.0', '2.1.213', '2.1.214', '2.1.215', '3.0'])).toEqual(['1.0', '2.1.213', '2.1.214']);
  });
});

describe('when a record is less tidy', () => {
  it('sorts unsorted events before walking the timeline', () => {
    const p = pkg('npm', [semver({ fixed: '3.2.5' }, { introduced: '3.0.0' }, { fixed: '1.0.2' }, { introduced: '1.0.0' })]);
    expect(affectedOf(p, ['0.9.0', '1.0.1', '1.0.2', '3.1.0', '3.2.5'])).toEqual(['1.0.1', '3.1.0']);
  });

  it('ORs several ranges', () => {
    const p = pkg('npm', [semver({ introduced: '1.0.0' }, { fixed: '1.1.0' }), semver({ introduced: '2.0.0' }, { last_affected: '2.3.0' })]);
    expect(affectedOf(p, ['0.5.0', '1.0.5', '1.1.0', '2.3.0', '2.3.1'])).toEqual(['1.0.5', '2.3.0']);
  });

  it('reads introduced and fixed at the same version as an empty range (RUSTSEC-2022-0012)', () => {
    const p = pkg('crates.io', [semver({ introduced: '0.0.0-0' }, { fixed: '0.9.2' }, { introduced: '0.10.0' }, { fixed: '0.10.0' })]);
    expect(affectedOf(p, ['0.9.1', '0.9.2', '0.10.0', '0.10.1', '1.0.0'])).toEqual(['0.9.1']);
  });

  it('joins ranges that meet at a version, whatever the record order (PYSEC-2022-236)', () => {
    const p = pkg('PyPI', [ecosystem({ introduced: '0' }, { fixed: '3.1.1' }, { introduced: '3.2.0' }, { fixed: '3.2.2' }, { introduced: '3.1.1' }, { fixed: '3.1.3' })]);
    expect(affectedOf(p, ['3.1.0', '3.1.1', '3.1.2', '3.1.3', '3.1.9', '3.2.0', '3.2.2'])).toEqual(['3.1.0', '3.1.1', '3.1.2', '3.2.0']);
  });

  it('bounds a range by its limits: below any limit counts, "*" is infinity', () => {
    const limited = pkg('npm', [semver({ introduced: '1.0.0' }, { limit: '1.5.0' })]);
    expect(affectedOf(limited, ['0.9.0', '1.0.0', '1.4.9', '1.5.0', '2.0.0'])).toEqual(['1.0.0', '1.4.9']);
    const twoLimits = pkg('npm', [semver({ introduced: '1.0.0' }, { limit: '1.5.0' }, { limit: '3.0.0' })]);
    expect(affectedOf(twoLimits, ['1.5.0', '2.9.9', '3.0.0'])).toEqual(['1.5.0', '2.9.9']);
    const star = pkg('npm', [semver({ introduced: '1.0.0' }, { limit: '*' })]);
    expect(affectedOf(star, ['0.9.0', '1.0.0', '99.0.0'])).toEqual(['1.0.0', '99.0.0']);
  });

  it('evaluates a range whose events are not objects it knows as affecting nothing', () => {
    expect(affects(pkg('npm', [semver({})]), '1.0.0').affected).toBe(false);
  });
});

describe('when the record enumerates versions', () => {
  it('affects exactly the listed versions', () => {
    const p = pkg('PyPI', [], ['1.0', '1.1']);
    expect(affects(p, '1.1')).toEqual({ affected: true, by: 'versions', unevaluated: false });
    expect(affects(p, '1.05').affected).toBe(false);
    expect(affects(p, '1.2')).toEqual({ affected: false, by: null, unevaluated: false });
  });

  it('matches a listed version written differently but equal in the scheme', () => {
    expect(affects(pkg('Maven', [], ['1.0']), '1.0.0').by).toBe('versions');
    expect(affects(pkg('PyPI', [], ['1.0']), '1.0.0').by).toBe('versions');
    expect(affects(pkg('Go', [], ['0.17.0']), 'v0.17.0').by).toBe('versions');
  });

  it('prefers the versions list when both would match', () => {
    const p = pkg('npm', [semver({ introduced: '0' })], ['1.0.0']);
    expect(affects(p, '1.0.0').by).toBe('versions');
    expect(affects(p, '2.0.0').by).toBe('range');
  });
});

describe('ECOSYSTEM ranges use the ecosystem ordering', () => {
  it('PyPI: a release candidate comes before its release', () => {
    const p = pkg('PyPI', [ecosystem({ introduced: '0' }, { fixed: '1.0' })]);
    expect(affectedOf(p, ['0.9', '1.0rc1', '1.0.dev0', '1.0', '1.0.post1', '1.0.1'])).toEqual(['0.9', '1.0rc1', '1.0.dev0']);
  });

  it('Maven: qualifiers rank alpha < beta < rc < snapshot < release < sp', () => {
    const p = pkg('Maven', [ecosystem({ introduced: '2.0-alpha1' }, { fixed: '2.0' })]);
    expect(affectedOf(p, ['1.9', '2.0-alpha1', '2.0-beta2', '2.0-RC1', '2.0-SNAPSHOT', '2.0', '2.0-sp1', '2.0.1'])).toEqual(['2.0-alpha1', '2.0-beta2', '2.0-RC1', '2.0-SNAPSHOT']);
  });

  it('Debian: the epoch outranks the upstream version and "~" sorts before anything', () => {
    const p = pkg('Debian:12', [ecosystem({ introduced: '0' }, { fixed: '1:2.0-1' })]);
    expect(affectedOf(p, ['9.9-1', '1:1.9-3', '1:2.0~rc1-1', '1:2.0-1', '1:2.0-1+deb12u1', '2:0.1-1'])).toEqual(['9.9-1', '1:1.9-3', '1:2.0~rc1-1']);
  });

  it('does not use the ecosystem ordering for SEMVER ranges', () => {
    // SEMVER ranges in a PyPI record still follow SemVer 2.0, where 1.0.0-rc.1 precedes 1.0.0
    const p = pkg('PyPI', [semver({ introduced: '0.5.0' }, { fixed: '1.0.0' })]);
    expect(affects(p, '0.9.0').affected).toBe(true);
    expect(affects(p, '1.0.0-rc.1').affected).toBe(true);
    expect(affects(p, '1.0.0').affected).toBe(false);
  });
});

describe('Go records (SEMVER without the v)', () => {
  const p = pkg('Go', [semver({ introduced: '0' }, { fixed: '0.0.0-20210520170846-37e1c6afe023' }, { introduced: '0.3.0' }, { fixed: '0.3.7' })]);

  it('orders pseudo-versions by their timestamp', () => {
    expect(affects(p, '0.0.0-20200101000000-abcdefabcdef').affected).toBe(true);
    expect(affects(p, '0.0.0-20210520170846-37e1c6afe023').affected).toBe(false);
    expect(affects(p, '0.0.0-20220101000000-abcdefabcdef').affected).toBe(false);
  });

  it('accepts the version as the go command writes it, with a v', () => {
    expect(affectedOf(p, ['v0.3.6', '0.3.6', 'v0.3.7', 'v0.2.0'])).toEqual(['v0.3.6', '0.3.6']);
    expect(affects(p, 'v0.0.0-20200101000000-abcdefabcdef').affected).toBe(true);
  });
});

describe('GIT ranges', () => {
  const commit = 'a'.repeat(40);

  it('are recorded as unevaluated when nothing else matches', () => {
    const p = pkg('', [git({ introduced: '0' }, { fixed: commit })]);
    expect(affects(p, '1.0.0')).toEqual({ affected: false, by: null, unevaluated: true });
  });

  it('do not hide an ECOSYSTEM or versions match', () => {
    const p = pkg('PyPI', [git({ introduced: '0' }, { fixed: commit }), ecosystem({ introduced: '0' }, { fixed: '2.0' })], ['3.0']);
    expect(affects(p, '1.0')).toEqual({ affected: true, by: 'range', unevaluated: false });
    expect(affects(p, '3.0')).toEqual({ affected: true, by: 'versions', unevaluated: false });
    expect(affects(p, '2.0')).toEqual({ affected: false, by: null, unevaluated: true });
  });

  it('contribute no fixed versions', () => {
    expect(fixedVersions(pkg('PyPI', [git({ introduced: '0' }, { fixed: commit })]))).toEqual([]);
  });
});

describe('fixedVersions', () => {
  it('collects fixes across ranges, sorted by the scheme and without duplicates', () => {
    const p = pkg('Maven', [ecosystem({ introduced: '0' }, { fixed: '1.10' }, { introduced: '2.0' }, { fixed: '2.0.3' }), ecosystem({ introduced: '1.0' }, { fixed: '1.9' }), ecosystem({ introduced: '1.0' }, { fixed: '1.10.0' })]);
    expect(fixedVersions(p)).toEqual(['1.9', '1.10', '2.0.3']);
  });

  it('ignores last_affected, whose successor is unknown', () => {
    expect(fixedVersions(pkg('npm', [semver({ introduced: '0' }, { last_affected: '1.0.0' })]))).toEqual([]);
  });
});

describe('closestUpgrade', () => {
  const npm = SCHEMES.npm!;

  it('skips a fix that another vulnerability still affects', () => {
    const a = pkg('npm', [semver({ introduced: '0' }, { fixed: '1.2.5' })]);
    // B is fixed in 1.2.3 but comes back in 1.2.4 until 1.3.1, so 1.2.5 is not safe
    const b = pkg('npm', [semver({ introduced: '0' }, { fixed: '1.2.3' }, { introduced: '1.2.4' }, { fixed: '1.3.1' })]);
    expect(closestUpgrade('1.2.0', [a, b], npm)).toBe('1.3.1');
  });

  it('picks the lower fix when the reintroduced line is above it', () => {
    const a = pkg('npm', [semver({ introduced: '0' }, { fixed: '1.2.5' })]);
    const b = pkg('npm', [semver({ introduced: '0' }, { fixed: '1.2.5' }, { introduced: '1.3.0' }, { fixed: '1.3.1' })]);
    expect(closestUpgrade('1.2.0', [a, b], npm)).toBe('1.2.5');
    expect(closestUpgrade('1.3.0', [a, b], npm)).toBe('1.3.1');
  });

  it('returns null when every fix is still affected or none is above the version', () => {
    const unfixed = pkg('npm', [semver({ introduced: '0' })]);
    const fixed = pkg('npm', [semver({ introduced: '0' }, { fixed: '1.0.0' })]);
    expect(closestUpgrade('0.5.0', [fixed, unfixed], npm)).toBeNull();
    expect(closestUpgrade('1.0.0', [fixed], npm)).toBeNull();
    expect(closestUpgrade('1.0.0', [], npm)).toBeNull();
  });

  it('never proposes a version a versions list names', () => {
    const a = pkg('PyPI', [ecosystem({ introduced: '0' }, { fixed: '2.0' })]);
    const b = pkg('PyPI', [ecosystem({ introduced: '3.0' }, { fixed: '3.1' })], ['2.0']);
    expect(closestUpgrade('1.0', [a, b], SCHEMES.pypi!)).toBe('3.1');
  });
});
