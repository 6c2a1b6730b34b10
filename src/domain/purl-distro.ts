/**
 * One spelling of the `distro` qualifier per distribution family, so that an SBOM component and an
 * OSV advisory for the same source package in the same release share an identity (the match key
 * keeps `distro` verbatim).
 *
 * Canonical spellings, `<os-release ID>-<release>` as Syft writes them:
 *   deb/debian   debian-12          (major release; codenames and point releases fold into it)
 *   deb/ubuntu   ubuntu-22.04       (YY.MM; codenames and point releases fold into it)
 *   apk/alpine   alpine-3.20        (release branch; `v3.20`, `3.20.1`, `alpine-3.20.1` fold into it)
 *   rpm/almalinux almalinux-9, rpm/rocky rocky-9 (major release, as OSV scopes them)
 * A value we cannot read is kept as written: guessing would merge releases that differ.
 */

const DEBIAN_CODENAMES: Readonly<Record<string, string>> = {
  etch: '4',
  lenny: '5',
  squeeze: '6',
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15',
};

const UBUNTU_CODENAMES: Readonly<Record<string, string>> = {
  precise: '12.04',
  trusty: '14.04',
  xenial: '16.04',
  bionic: '18.04',
  cosmic: '18.10',
  disco: '19.04',
  eoan: '19.10',
  focal: '20.04',
  groovy: '20.10',
  hirsute: '21.04',
  impish: '21.10',
  jammy: '22.04',
  kinetic: '22.10',
  lunar: '23.04',
  mantic: '23.10',
  noble: '24.04',
  oracular: '24.10',
  plucky: '25.04',
  questing: '25.10',
};

/** A family's release parser: from whatever follows the optional `<id>-` prefix to the canonical release, or null. */
type ReleaseOf = (value: string) => string | null;

const major: ReleaseOf = (v) => /^(\d+)(?:\.\d+)*$/.exec(v)?.[1] ?? null;

interface Family {
  id: string;
  release: ReleaseOf;
}

const FAMILIES: Readonly<Record<string, Family>> = {
  'deb/debian': {
    id: 'debian',
    // Debian's unnumbered suites (sid) are what OSV calls them too.
    release: (v) => major(v) ?? DEBIAN_CODENAMES[v] ?? (/^(sid|unstable)$/.test(v) ? 'sid' : null),
  },
  'deb/ubuntu': { id: 'ubuntu', release: (v) => /^(\d{2}\.\d{2})(?:\.\d+)?$/.exec(v)?.[1] ?? UBUNTU_CODENAMES[v] ?? null },
  'apk/alpine': { id: 'alpine', release: (v) => (/^v?(\d+\.\d+)(?:\.\d+)?$/.exec(v)?.[1] ?? (v === 'edge' ? 'edge' : null)) },
  'rpm/almalinux': { id: 'almalinux', release: major },
  'rpm/rocky': { id: 'rocky', release: major },
};

/** The canonical release (`12`, `22.04`, `3.20`) a distro qualifier names, or null if unreadable. */
export function distroRelease(type: string, namespace: string | null, value: string): string | null {
  const family = FAMILIES[`${type}/${namespace ?? ''}`];
  if (!family) return null;
  const lower = value.trim().toLowerCase();
  const bare = lower.startsWith(`${family.id}-`) ? lower.slice(family.id.length + 1) : lower;
  return family.release(bare);
}

/** The canonical `distro` value for a release of a family, e.g. `debian-12`; null for a family we do not know. */
export function distroQualifier(type: string, namespace: string | null, release: string): string | null {
  const family = FAMILIES[`${type}/${namespace ?? ''}`];
  const canonical = family ? distroRelease(type, namespace, release) : null;
  return family && canonical ? `${family.id}-${canonical}` : null;
}

/** The canonical spelling of a distro qualifier value, or the value unchanged if it cannot be read. */
export function canonicalDistro(type: string, namespace: string | null, value: string): string {
  return distroQualifier(type, namespace, value) ?? value;
}
