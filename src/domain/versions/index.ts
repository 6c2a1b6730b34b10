import { alpineScheme } from './alpine.js';
import { alpmScheme } from './alpm.js';
import { cargoScheme } from './cargo.js';
import { composerScheme } from './composer.js';
import { conanScheme } from './conan.js';
import { debianScheme } from './debian.js';
import { genericScheme } from './generic.js';
import { gentooScheme } from './gentoo.js';
import { golangScheme } from './golang.js';
import { hexScheme } from './hex.js';
import { mavenScheme } from './maven.js';
import { npmScheme } from './npm.js';
import { nugetScheme } from './nuget.js';
import { pubScheme } from './pub.js';
import { pypiScheme } from './pypi.js';
import { rpmScheme } from './rpm.js';
import { rubygemsScheme } from './rubygems.js';
import type { VersionScheme } from './scheme.js';

export type { VersionScheme } from './scheme.js';

/** Every scheme by its vers name. */
export const SCHEMES: Readonly<Record<string, VersionScheme>> = Object.freeze(
  Object.fromEntries(
    [npmScheme, pypiScheme, mavenScheme, golangScheme, cargoScheme, rubygemsScheme, nugetScheme, composerScheme,
      debianScheme, alpineScheme, rpmScheme, hexScheme, pubScheme, alpmScheme, gentooScheme, conanScheme, genericScheme].map((s) => [s.name, s]),
  ),
);

/** OSV ecosystem (before any `:release` suffix) → scheme; unknown ecosystems fall back to generic. */
const BY_ECOSYSTEM: Record<string, VersionScheme> = {
  npm: npmScheme,
  PyPI: pypiScheme,
  Maven: mavenScheme,
  Go: golangScheme,
  'crates.io': cargoScheme,
  RubyGems: rubygemsScheme,
  NuGet: nugetScheme,
  Packagist: composerScheme,
  Debian: debianScheme,
  Ubuntu: debianScheme,
  Alpine: alpineScheme,
  'Red Hat': rpmScheme,
  'Rocky Linux': rpmScheme,
  AlmaLinux: rpmScheme,
  openSUSE: rpmScheme,
  SUSE: rpmScheme,
  Mageia: rpmScheme,
  Hex: hexScheme,
  Pub: pubScheme,
};

export function schemeForEcosystem(ecosystem: string): VersionScheme {
  const base = ecosystem.split(':')[0] ?? ecosystem;
  return BY_ECOSYSTEM[base] ?? genericScheme;
}

/** purl type → scheme (purl-spec type names). */
const BY_PURL_TYPE: Record<string, VersionScheme> = {
  npm: npmScheme, pypi: pypiScheme, maven: mavenScheme, golang: golangScheme, cargo: cargoScheme, gem: rubygemsScheme,
  nuget: nugetScheme, composer: composerScheme, deb: debianScheme, apk: alpineScheme, rpm: rpmScheme, hex: hexScheme, pub: pubScheme,
  alpm: alpmScheme, conan: conanScheme,
};

export function schemeForPurlType(type: string): VersionScheme {
  return BY_PURL_TYPE[type.toLowerCase()] ?? genericScheme;
}
