/**
 * Per-type rules of the purl specification, transcribed from purl-spec/types/*-definition.json.
 * Kept as code rather than read from the corpus at run time because the domain core does no I/O
 * and the definitions change only with a new specification release.
 */
export interface PurlTypeRule {
  namespace: 'required' | 'optional' | 'prohibited';
  /** The component is case-insensitive, so its canonical form is lowercase. */
  namespaceLower?: true;
  nameLower?: true;
  versionLower?: true;
  namePattern?: RegExp;
  versionPattern?: RegExp;
  requiredQualifiers?: readonly string[];
}

export const PURL_TYPES: Readonly<Record<string, PurlTypeRule>> = {
  alpm: { namespace: 'required', namespaceLower: true, nameLower: true },
  apk: { namespace: 'required', namespaceLower: true, nameLower: true },
  bazel: { namespace: 'prohibited' },
  bitbucket: { namespace: 'required', namespaceLower: true, nameLower: true },
  bitnami: { namespace: 'prohibited', nameLower: true },
  brew: { namespace: 'optional', namespaceLower: true, nameLower: true },
  cargo: { namespace: 'prohibited' },
  'chrome-extension': { namespace: 'prohibited', nameLower: true, namePattern: /^[a-p]{32}$/, versionPattern: /^\d+(\.\d+){0,3}$/ },
  cocoapods: { namespace: 'prohibited' },
  composer: { namespace: 'required', namespaceLower: true, nameLower: true },
  conan: { namespace: 'optional' },
  conda: { namespace: 'prohibited' },
  cpan: { namespace: 'optional' },
  cran: { namespace: 'prohibited' },
  deb: { namespace: 'required', namespaceLower: true, nameLower: true },
  docker: { namespace: 'optional' },
  gem: { namespace: 'prohibited' },
  generic: { namespace: 'optional' },
  git: { namespace: 'required' },
  github: { namespace: 'required', namespaceLower: true, nameLower: true },
  golang: { namespace: 'required' },
  hackage: { namespace: 'prohibited' },
  hex: { namespace: 'optional', namespaceLower: true, nameLower: true },
  huggingface: { namespace: 'required', versionLower: true },
  julia: { namespace: 'prohibited', requiredQualifiers: ['uuid'] },
  luarocks: { namespace: 'optional', namespaceLower: true, nameLower: true },
  maven: { namespace: 'required' },
  mlflow: { namespace: 'prohibited' },
  npm: { namespace: 'optional' },
  nuget: { namespace: 'prohibited' },
  oci: { namespace: 'prohibited', nameLower: true, versionLower: true },
  opam: { namespace: 'prohibited' },
  otp: { namespace: 'prohibited', nameLower: true },
  pub: { namespace: 'prohibited', nameLower: true, namePattern: /^[a-z0-9_]+$/ },
  pypi: { namespace: 'prohibited', nameLower: true, versionLower: true },
  qpkg: { namespace: 'required', namespaceLower: true },
  rpm: { namespace: 'required', namespaceLower: true },
  swid: { namespace: 'optional', requiredQualifiers: ['tag_id'] },
  swift: { namespace: 'required' },
  vcpkg: { namespace: 'prohibited' },
  'vscode-extension': { namespace: 'required', namespaceLower: true, nameLower: true, versionLower: true },
  yocto: { namespace: 'optional', namespaceLower: true },
};
